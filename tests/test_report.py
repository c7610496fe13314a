"""`ledger report`: the static HTML report, read back with an HTML parser."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from ledger.cli.commands import app
from ledger.output.report.highlight import Span, highlight_lines, line_ranges

from .reporting_fixtures import copy_shipped, loaded

runner = CliRunner()
VOID = {"meta", "br", "input", "img", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


class Page(HTMLParser):
    """Checks that elements nest, and collects ids, links and each claim's highlighted text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.ids: dict[str, dict] = {}
        self.links: list[str] = []
        self.marked: dict[str, str] = {}  # claim id -> text of all its fragments, in order
        self.first: dict[str, dict] = {}  # claim id -> attributes of its fragment with the id
        self.feed(text)
        self.close()
        assert not [t for t, _ in self.stack if t not in ("html", "body")], self.stack

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids[attrs["id"]] = dict(attrs, tag=tag)
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "mark" and "data-claim" in attrs and attrs.get("id"):
            self.first[attrs["data-claim"]] = attrs
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        opened, _ = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def handle_data(self, data):
        claims = [a["data-claim"] for t, a in self.stack if t == "mark" and "data-claim" in a]
        in_line_number = any("ln" in a.get("class", "").split() for _, a in self.stack)
        for claim_id in dict.fromkeys(claims):
            if not in_line_number:
                self.marked[claim_id] = self.marked.get(claim_id, "") + data


@pytest.fixture(scope="module")
def shipped_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shipped")
    ledger_path = copy_shipped(folder)
    result = run("report", "--ledger", ledger_path, "-o", folder / "htmlreport")
    assert result.exit_code == 0, result.output
    lg, conflicts = loaded(ledger_path)
    return folder / "htmlreport", lg, conflicts


def test_the_library_imports_neither_typer_nor_rich():
    code = ("import sys, ledger, ledger.output.export, ledger.output.matrix, ledger.output.report, ledger.write.files, ledger.perf.cache; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr


# ------------------------------------------------------------------ the highlighter

def _coverage(text: str, spans: list[Span]):
    lines = highlight_lines(text, spans, lambda key, first: f'<mark data-claim="{key}"{" id=" + key if first else ""}>')
    firsts = []
    for (start, end), html in zip(line_ranges(text), lines):
        page = Page(html)
        firsts += [k for k in page.first]
        # rebuild, character by character, which spans cover each position
        covered = _covering(html)
        assert "".join(ch for ch, _ in covered) == text[start:end]
        for offset, (_, keys) in enumerate(covered, start=start):
            assert keys == {s.key for s in spans if s.start <= offset < s.end}
    return firsts


def _covering(html: str):
    out = []

    class Walker(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack = []

        def handle_starttag(self, tag, attrs):
            self.stack.append(dict(attrs)["data-claim"])

        def handle_endtag(self, tag):
            self.stack.pop()

        def handle_data(self, data):
            out.extend((ch, set(self.stack)) for ch in data)

    Walker().feed(html)
    return out


