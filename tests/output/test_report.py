"""The static HTML report (ledger/output/report/), read back with an HTML parser: its pages,
what it escapes, how it is written, and the highlighter that nests overlapping quotes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ledger.output import report as report_module
from ledger.output.report import MARKER, build_report, write_report
from ledger.output.report.highlight import Span, highlight_lines, line_ranges
from tests.conftest import build_small, copy_shipped, loaded, run


VOID = {"meta", "br", "input", "img", "link", "hr", "wbr", "source", "area", "base", "col", "embed", "track"}


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


def test_report_files(shipped_report):
    out, lg, _ = shipped_report
    names = sorted(p.name for p in out.iterdir())
    expected = ["index.html", "conflicts.html", "matrix.html", MARKER] + [f"source-{s}.html" for s in lg.sources]
    assert names == sorted(expected)
    assert json.loads((out / MARKER).read_text())["generator"] == "ledger"
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".htmlreport")]  # no temp folders left
    for name in names:
        if name.endswith(".html"):
            text = (out / name).read_text(encoding="utf-8")
            assert text.startswith("<!DOCTYPE html>")
            assert '<meta name="viewport"' in text and '<a class="skip" href="#main">' in text
            Page(text)  # well-formed: every element closed in order, no duplicate id


def test_report_loads_nothing_from_the_network(shipped_report):
    out, _, _ = shipped_report
    for path in out.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script[^>]*\ssrc=", r"<link[^>]*\shref=", r"<img[^>]*\ssrc=\s*[\"']?https?:",
                        r"<iframe", r"@import", r"url\(\s*[\"']?https?:", r"@font-face"):
            assert not re.search(pattern, text, re.I), (path.name, pattern)
        for attribute in re.findall(r"\s(?:src|srcset|action|data|poster)=[\"']?([^\"' >]+)", text):
            assert not attribute.startswith(("http:", "https:", "//")), (path.name, attribute)
        assert "Content-Security-Policy" in text


def test_every_claim_is_highlighted_in_its_source_page(shipped_report):
    out, lg, conflicts = shipped_report
    in_conflict = {claim_id for c in conflicts for claim_id in c.claims}
    for source_id in lg.sources:
        page = Page((out / f"source-{source_id}.html").read_text(encoding="utf-8"))
        text = lg.texts[source_id].text
        for claim in (c for c in lg.claims.values() if c.source == source_id):
            anchor = lg.anchors[claim.id]
            attrs = page.first[claim.id]
            assert attrs["id"] == f"claim-{claim.id}" and attrs["tabindex"] == "0"
            assert ("conflict" in attrs["class"].split()) == (claim.id in in_conflict)
            # the fragments of a quote, in order, give back the passage (its line breaks aside)
            expected = re.sub(r"\r\n|\r|\n", "", text[anchor.start:anchor.end])
            assert page.marked[claim.id] == expected, claim.id
            assert f"info-{claim.id}" in page.ids


def test_conflicts_page_and_links_both_ways(shipped_report):
    out, lg, conflicts = shipped_report
    page = Page((out / "conflicts.html").read_text(encoding="utf-8"))
    for conflict in conflicts:
        assert page.ids[conflict.id]["tag"] == "section"
        for claim_id in conflict.claims:
            assert f"source-{lg.claims[claim_id].source}.html#claim-{claim_id}" in page.links
    source_links = set()
    for source_id in lg.sources:
        source_links |= set(Page((out / f"source-{source_id}.html").read_text(encoding="utf-8")).links)
    assert {f"conflicts.html#{c.id}" for c in conflicts} <= source_links
    html = (out / "conflicts.html").read_text(encoding="utf-8")
    assert '<strong class="num">98.1</strong>' in html


def test_index_and_matrix_pages(shipped_report):
    out, lg, conflicts = shipped_report
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'<span class="big">{len(lg.claims)}</span>claims' in index
    assert f'<span class="big">{len(conflicts)}</span>conflicts' in index
    for source_id in lg.sources:
        assert f'href="source-{source_id}.html"' in index
    matrix = Page((out / "matrix.html").read_text(encoding="utf-8"))
    scores = [c for c in lg.claims.values() if c.kind == "score" and c.reported]  # "no score" is an empty cell
    for claim in scores:
        assert f"source-{claim.source}.html#claim-{claim.id}" in matrix.links
    marked = {c.id for c in conflicts if c.rule in ("C001", "C002", "C004", "C010")
              and any(lg.claims[i].kind == "score" for i in c.claims)}
    assert {link.split("#")[1] for link in matrix.links if link.startswith("conflicts.html#")} == marked


def test_text_is_escaped_and_overlaps_nest(tmp_path):
    ledger_path = build_small(tmp_path)
    lg, conflicts = loaded(ledger_path)
    files = build_report(lg, conflicts)
    three = files["source-three.html"]
    assert "<script>alert" not in three and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in three
    assert "<b>bold</b>" not in three and "&lt;i&gt;noted&lt;/i&gt; &amp; kept" in three
    assert "checked &lt;here&gt;" in files["conflicts.html"]
    one = Page(files["source-one.html"])
    # x-a and cmp-x cross, so cmp-x is split; x-b nests inside cmp-x; each reads back whole
    text = lg.texts["one"].text
    for claim_id in ("x-a", "cmp-x", "x-b", "x-c", "y-a", "par", "open"):
        anchor = lg.anchors[claim_id]
        assert one.marked[claim_id] == text[anchor.start:anchor.end]
    assert files["source-one.html"].count('data-claim="cmp-x"') == 2
    assert build_report(lg, conflicts) == files  # deterministic: no timestamps, stable order


def test_source_urls_link_only_to_the_web(tmp_path):
    ledger_path = build_small(tmp_path, review=False)
    text = ledger_path.read_text(encoding="utf-8")
    text = text.replace("    title: Source one\n", "    title: Source one\n    url: \"javascript:alert(1)\"\n")
    text = text.replace("    title: Source two\n", "    title: Source two\n    url: https://example.org/a?b=1&c=<2>\n")
    ledger_path.write_text(text, encoding="utf-8")
    files = build_report(*loaded(ledger_path))
    assert 'href="javascript:' not in files["source-one.html"] and "javascript:alert(1)" in files["source-one.html"]
    assert 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in files["source-two.html"]


def test_a_failed_build_leaves_nothing_behind(tmp_path, monkeypatch):
    ledger_path = build_small(tmp_path)
    lg, conflicts = loaded(ledger_path)
    target = tmp_path / "report"
    write_report(lg, conflicts, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("bug in a page")

    monkeypatch.setattr(report_module, "build_report", broken)
    with pytest.raises(RuntimeError):
        write_report(lg, conflicts, target)
    with pytest.raises(RuntimeError):
        write_report(lg, conflicts, tmp_path / "fresh")
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert not (tmp_path / "fresh").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab<&\n\r ", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=7))
@example(text="\r \r\r<a&\r", raw=[(1, 7), (2, 5), (6, 2), (7, 1)])  # a quote starting in a line break before an empty line
@example(text="ab\ncd", raw=[(0, 3), (1, 4), (3, 1)])
def test_highlights_nest_split_and_cover_exactly(text, raw):
    spans = [Span(f"k{n}", start, min(start + length, len(text))) for n, (start, length) in enumerate(raw)
             if start < len(text)]
    firsts = _coverage(text, spans)
    visible = [s.key for s in spans if any(not text[i] in "\r\n" for i in range(s.start, s.end))]
    assert sorted(firsts) == sorted(visible)  # exactly one fragment of each span carries its id


def test_a_secondary_sources_page_holds_its_fact_check_sheet(tmp_path):
    import shutil

    from tests.conftest import REPO, run

    shutil.copytree(REPO / "tests" / "data" / "primaries", tmp_path / "fixture")
    run("report", "-o", tmp_path / "out", "-l", tmp_path / "fixture" / "claims.yaml", ok=True)
    blog = (tmp_path / "out" / "source-blog.html").read_text(encoding="utf-8")
    assert 'id="fact-check"' in blog and "1 agrees, 3 contradicts, 2 partly, 2 unverified (of 8 claims)" in blog
    assert "88.3 is Model B&#x27;s score in the same row" in blog or "88.3 is Model B's score in the same row" in blog
    assert 'id="fact-check"' not in (tmp_path / "out" / "source-paper.html").read_text(encoding="utf-8")


def test_a_cell_claim_is_highlighted_on_its_cell(tmp_path):
    from tests.anchor.test_cells import CARD, SCORES, build, score

    claims = score("{row: Bench X (5-shot), column: Model B}")
    claims += score("{row: Model A, column: [Bench X, 0-shot]}", cid="c2", model="model-a", value="88.6", source="card")
    path = build(tmp_path, claims)
    lg, conflicts = loaded(path)
    files = build_report(lg, conflicts)
    paper, card = Page(files["source-paper.html"]), Page(files["source-card.html"])
    assert paper.marked["c1"] == "85.4" and card.marked["c2"] == "88.6"
    assert '<mark class="hl cell" data-claim="c1" id="claim-c1"' in files["source-paper.html"]
    assert "table cell (row Bench X (5-shot), column Model B)" in files["source-paper.html"]
    assert "table cell (row Model A, column Bench X / 0-shot)" in files["source-card.html"]
    line = SCORES.count("\n", 0, SCORES.index("85.4")) + 1
    assert f'id="L{line}"' in files["source-paper.html"] and CARD.count("88.6") == 1
