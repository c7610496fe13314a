"""The text formats (ledger/output/terminal.py): what a console prints, and a claim's passage."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from ledger import load_ledger
from ledger.output.terminal import passage, shown, visible_text
from tests.conftest import build_ledger


def _printed(*renderables, color=False) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, color_system="standard" if color else None,
                      width=200, markup=False, emoji=False, highlight=False)
    for renderable in renderables:
        console.print(shown(renderable))
    return buffer.getvalue()


def test_a_string_is_text_never_markup():
    assert _printed("x.txt:100:1  [figures not covered: 42]  [bold]b[/bold]  [see](http://x)  :thumbs_up:") == \
        "x.txt:100:1  [figures not covered: 42]  [bold]b[/bold]  [see](http://x)  :thumbs_up:\n"


def test_control_characters_are_shown_with_the_style_of_what_they_stand_for():
    text = Text("ok ", style="green")
    text.append("a\x1bb\u202e", style="bold")
    text.append("\x9b")
    result = visible_text(text)
    assert result.plain == "ok a\\x1bb\\u202e\\x9b"
    assert result.style == "green"
    bold = sorted((s.start, s.end) for s in result.spans if s.style == "bold")
    assert bold[0][0] == 3 and bold[-1][1] == 15 and all(a[1] == b[0] for a, b in zip(bold, bold[1:]))
    assert not any(s.end > 15 for s in result.spans if s.style != "bold")  # the \x9b: unstyled, as its character
    printed = _printed(text, color=True)
    assert "\x1bb" not in printed and "\u202e" not in printed and "\x9b" not in printed
    assert "\\x1b" in printed
    plain = Text("plain")
    assert visible_text(plain) is plain


def _ledger_with(tmp_path, source: str, quote: str):
    claim = (f'- {{id: q, kind: score, source: one, topic: benchmark, quote: "{quote}", model: model-a,'
             ' benchmark: bench-y, value: "70.0"}\n')
    result = load_ledger(build_ledger(tmp_path, claim, sources={"one": source}))
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.ledger


def _lines(rendered: Text) -> str:
    return rendered.plain.split("\n", 1)[1]  # without the path:line:column line


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_the_passage_numbers_lines_as_the_anchor(tmp_path, newline):
    source = newline.join(["one", "two", "", "Model A scores", "70.0 here.", "", "", "eight", ""])
    lg = _ledger_with(tmp_path, source, "Model A scores 70.0")
    anchor = lg.anchors["q"]
    assert (anchor.line, anchor.end_line) == (4, 5)
    assert _lines(passage(lg, "q", context=1, plain=True)) == (
        "    3 | \n"
        "    4 | [[Model A scores]]\n"
        "    5 | [[70.0]] here.\n")  # line 6, empty, ends the context: left out
    assert passage(lg, "q", context=3, plain=True).plain.endswith("    5 | [[70.0]] here.\n    6 | \n    7 | \n    8 | eight\n")
    coloured = passage(lg, "q", context=0)
    assert coloured.plain.startswith(f"{tmp_path}/sources/one.txt:4:1\n")
    assert _lines(coloured) == "    4 | Model A scores\n    5 | 70.0 here.\n"
    marked = [coloured.plain[s.start:s.end] for s in coloured.spans if s.style == "bold reverse"]
    assert marked == ["Model A scores", "70.0"]


def test_the_passage_shows_control_characters_and_marks_the_quote_around_them(tmp_path):
    lg = _ledger_with(tmp_path, "a \x1b[2J line\x0cstill line 1 Model A scores 70.0 \u202e.\n",
                      "Model A scores 70.0")
    shown_text = passage(lg, "q", plain=True).plain
    assert shown_text.endswith("    1 | a \\x1b[2J line\\x0cstill line 1 [[Model A scores 70.0]] \\u202e.\n")
    coloured = passage(lg, "q")
    assert [coloured.plain[s.start:s.end] for s in coloured.spans if s.style == "bold reverse"] == ["Model A scores 70.0"]
