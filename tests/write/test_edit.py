"""Edits of a ledger's text (ledger/write/edit.py): items appended or replaced keeping every
other line, and what a source's text says about itself."""

from __future__ import annotations

import pytest

from ledger.read.yaml_reader import read_yaml
from ledger.write.edit import append_item, encode_like, replace_item, source_metadata
from ledger.write.files import Snapshot
from tests.conftest import REPO, shipped_joined


def test_append_item_creates_and_fills_sections():
    base = "version: 1\n\nclaims: []  # none yet\n"
    edit = append_item(base, "claims", {"id": "a", "kind": "score"})
    assert edit.text == "version: 1\n\nclaims:  # none yet\n  - id: a\n    kind: score\n" and edit.first_line == 4
    edit = append_item("version: 1\nclaims:\nreviews: null\n", "reviews", {"conflict": "C001-0123456789"})
    assert edit.text == "version: 1\nclaims:\nreviews:\n  - conflict: C001-0123456789\n" and edit.first_line == 4
    edit = append_item("version: 1\n\nreviews:\n  - conflict: x\n", "claims", {"id": "a"})
    assert edit.text == "version: 1\n\nclaims:\n  - id: a\n\nreviews:\n  - conflict: x\n" and edit.first_line == 4
    edit = append_item("version: 1", "reviews", {"conflict": "x"})
    assert edit.text == "version: 1\n\nreviews:\n  - conflict: x\n" and edit.first_line == 4
    edit = append_item("entities:\n  - {id: a, kind: model, name: A}\n# end\n", "entities",
                       {"name": "B", "id": "b", "kind": "model"})
    assert edit.text == "entities:\n  - {id: a, kind: model, name: A}\n  - {id: b, kind: model, name: B}\n# end\n"
    from ledger.write.edit import EditError

    with pytest.raises(EditError, match="flow"):
        append_item("claims: [{id: a}]\n", "claims", {"id": "b"})


def test_replace_item_keeps_the_comments_inside_it():
    text = ("reviews:\n  # about the first\n  - conflict: C001-0123456789\n    verdict: confirmed  # sure?\n"
            "\n  - conflict: C002-0123456789\n    verdict: confirmed\n")
    edit = replace_item(text, "reviews", 0, {"conflict": "C001-0123456789", "verdict": "dismissed", "note": "n"})
    assert edit.text == ("reviews:\n  # about the first\n  # sure?\n  - conflict: C001-0123456789\n"
                         "    verdict: dismissed\n    note: \"n\"\n\n  - conflict: C002-0123456789\n    verdict: confirmed\n")


@pytest.mark.parametrize("name, stated", [
    ("000_223bda39c08e6883.txt", {"published": None}),
    ("001_a5afa484fc0162a3.txt", {"published": "2024-08-13"}),
    ("002_9d4957035869d158.txt", {"published": "2024-10-14", "authors": ["Leo Hiselius"]}),
    ("003_a4e924b1f10704a4.txt", {"published": "2024-07-23", "authors": ["Richie Cotton", "Alex Olteanu"]}),
])
def test_source_metadata_of_the_shipped_sources(name, stated):
    """What the texts state agrees with what the shipped ledger records for them."""
    meta = source_metadata((REPO / "sources" / name).read_text(encoding="utf-8"))
    document, _ = read_yaml(shipped_joined(), "claims.yaml")  # the sources' entries are in claims/
    shipped = next(s for s in document.data["sources"] if s["file"] == f"sources/{name}")
    assert meta["title"] == shipped["title"]
    for key, value in stated.items():
        assert meta[key] == value == shipped[key]
    if name.startswith("001"):
        assert meta["front_matter_lines"] == 11 and shipped["skips"][0] == {"lines": [1, 11], "reason": "front matter (page metadata)"}


@pytest.mark.parametrize("original,expected", [
    (b"a: 1\nb: 2\n", b"a: 1\nb: 2\nc: 3\n"),
    (b"a: 1\r\nb: 2\r\n", b"a: 1\r\nb: 2\r\nc: 3\r\n"),
    (b"a: 1\rb: 2\r", b"a: 1\rb: 2\rc: 3\r"),  # CR only: kept too
    (b"\xef\xbb\xbfa: 1\rb: 2\r", b"\xef\xbb\xbfa: 1\rb: 2\rc: 3\r"),
])
def test_an_edit_keeps_the_files_line_endings_and_bom(tmp_path, original, expected):
    assert encode_like(Snapshot(tmp_path / "claims.yaml", original), "a: 1\nb: 2\nc: 3\n") == expected


PAGES = REPO / "tests" / "data" / "pages"


def test_a_page_dump_s_leading_key_value_lines_are_its_metadata_not_its_title():
    meta = source_metadata((PAGES / "dump-with-header.txt").read_text(encoding="utf-8"))
    assert meta["title"] == "Llama 3.1 405B, read closely"  # the title: line, not the first line
    assert meta["url"] == "https://example.org/blog/llama-405b"  # address:
    assert meta["published"] == "2024-07-24"
    assert meta["authors"] == ["Ada Lovelace", "Alan Turing"]
    assert meta["front_matter_lines"] == 4  # the four lines, a skip


def test_a_page_dump_header_in_any_case_with_url():
    meta = source_metadata((PAGES / "dump-url-only.txt").read_text(encoding="utf-8"))
    assert (meta["title"], meta["url"], meta["front_matter_lines"]) == (
        "Notes on the Llama 3 herd", "https://example.org/notes", 2)


@pytest.mark.parametrize("name, title", [
    ("colon-in-first-line.txt", "Note: this is not metadata, it is the first sentence of the write-up."),
    ("header-without-blank-line.txt", "title: A title line that runs straight into prose"),
])
def test_a_colon_in_the_first_prose_line_is_not_metadata(name, title):
    """Only a block of known keys (title, address, url, date, author ...) at the very top, ended by
    a blank line, is a page's metadata; anything else is its text."""
    meta = source_metadata((PAGES / name).read_text(encoding="utf-8"))
    assert meta["front_matter_lines"] == 0 and meta["url"] is None
    assert meta["title"] == title


@pytest.mark.parametrize("header", [
    "title: T\nurl: not a link\n\ntext\n",          # a url: that is no address
    "title: T\ndate: sometime last week\n\ntext\n",  # a date: that is no date
    "title: T\nsummary: a key not known\n\ntext\n",  # a key not known
])
def test_a_header_with_a_line_that_is_not_metadata_is_text(header):
    assert source_metadata(header)["front_matter_lines"] == 0
