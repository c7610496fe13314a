"""The yaml-rs fast path (ledger/read/fast_reader.py) gives exactly the reference reader's data,
and its gate refuses only what yaml-rs would read differently (a false alarm costs the slow path)."""

from __future__ import annotations

import pytest

from bench import generate
from ledger.load import load_ledger
from ledger.read import fast_reader as fastread
from ledger.read.fast_reader import _gated, fast_read
from ledger.read.yaml_reader import read_yaml
from tests.conftest import shipped_files, shipped_joined


def whole(read):
    """All the data the fast path read: the claims' chunks put back into the document."""
    if read is None:
        return None
    data = dict(read.data)
    if read.starts is not None:
        data["claims"] = [item for chunk in read.chunks() for item in chunk]
    return data


def reference(text: str):
    document, problems = read_yaml(text, "x.yaml")
    assert not problems, problems
    return document.data


HEADER = "version: 1\nclaims:\n"


# text that looked like a radix number or a sigil to the old gate, but is text to both readers
FALSE_ALARMS = [
    'sources:\n  - id: s\n    sha256: "0b145a7976b0cd051e81c65f1d8d0e3bc8c5b0e2b7c8f7e7f6f7a9b0c1d2e3f4"\n',
    "sources:\n  - id: s\n    sha256: '0x45a7976b0cd051e81c65f1d8d0e3bc8c5b0e2b7c8f7e7f6f7a9b0c1d2e3f4'\n",
    'claims:\n  - {id: c, quote: "Bench X (0-shot): Model A scores **88.7** on it", value: 88.7}\n',
    'claims:\n  - quote: "**88.7** is the *best* score & more! here"\n    value: 88.7\n',
    "claims:\n  - quote: it scores **88.7** on Bench X & wins!\n",
    "sources:\n  - file: sources/0002_9e1b14420bca46d6.txt\n    title: version 1_000 of 0x1f\n",
    "entities:\n  - {id: a-0b1, name: model_1_x}\n",
]

# what yaml-rs types differently from the reference reader (or cannot read as it does)
TRUE_POSITIVES = [
    "claims:\n  - {id: c, count: 0x1f}\n",
    "claims:\n  - id: c\n    count: 0o17\n",
    "claims:\n  - id: c\n    count: 0B1\n",
    "claims:\n  - id: c\n    count: -0x1f\n",
    "claims:\n  - id: c\n    count: 1_000\n",
    "claims:\n  - id: c\n    count: 1_\n",
    "claims:\n  - id: c\n    lines: [0x1, 2]\n",
    "claims:\n  - id: c\n    lines: [1,0x2]\n",
    'claims:\n  - {"count":0x1f}\n',
    "claims:\n  - 0b1\n",
    "claims:\n  - id: c\n    count:\n      0x1f\n",
    "claims:\n  - &a {id: c}\n  - *a\n",
    "claims:\n  - !!str 12\n",
    "claims:\n  - ! 12\n",
    "claims:\n  - id: c\n    <<: {kind: score}\n",
    "---\nclaims: []\n",
]

@pytest.mark.parametrize("text", FALSE_ALARMS)
def test_quoted_hashes_and_emphasis_are_not_false_alarms(text, any_size):
    assert not _gated(text)
    assert whole(fast_read(text)) == reference(text)


@pytest.mark.parametrize("text", TRUE_POSITIVES)
def test_what_yaml_rs_reads_differently_is_refused(text):
    assert _gated(text)


def test_refused_values_really_differ_between_the_readers():
    import yaml_rs

    for text in ("count: 0x1f\n", "count: 1_000\n", "count: 0o17\n", "count: -0x1f\n"):
        assert yaml_rs.loads(text) != reference(text)


def test_the_shipped_ledger_reads_the_same_both_ways(any_size):
    for name, text in [*shipped_files(), ("joined", shipped_joined())]:
        assert whole(fast_read(text)) == reference(text), name


def test_a_generated_ledger_takes_the_fast_path_and_reads_the_same(tmp_path, any_size):
    generate.generate(400, tmp_path, seed=2)
    text = (tmp_path / "claims.yaml").read_text(encoding="utf-8")
    assert not _gated(text)  # its sha256s start with 0b... and its quotes hold **bold** figures
    data = whole(fast_read(text))
    assert data is not None and data == reference(text)
    fast = load_ledger(tmp_path / "claims.yaml")
    assert type(fast.ledger.document).__name__ == "FastDocument"
    fastread.FAST_PATH_MIN_CHARS = 10**12
    try:
        slow = load_ledger(tmp_path / "claims.yaml")
    finally:
        fastread.FAST_PATH_MIN_CHARS = 0
    assert type(slow.ledger.document).__name__ != "FastDocument"
    assert fast.diagnostics == slow.diagnostics == []
    assert fast.ledger.claims == slow.ledger.claims
    assert fast.ledger.anchors == slow.ledger.anchors
    assert fast.ledger.positions == slow.ledger.positions


# ------------------------------------------------------------------ claims read in chunks

CUT_LAYOUTS = {
    "indented items": "claims:\n  - id: a\n    kind: x\n  - id: b\n    value: 88.60\n  - id: c\n",
    "items at column 0": "claims:\n- id: a\n  value: 1.5\n- id: b\n- {id: c, value: 2}\nreviews: []\n",
    "comments and blank lines": "claims:  # the claims\n\n# first\n  - id: a\n\n# between, at column 0\n"
                                "  # between, indented\n  - id: b\n\nreviews:\n  - conflict: x\n",
    "block scalar holding item-like lines": "claims:\n  - id: a\n    quote: |\n      - not an item\n"
                                            "      - nor this\n  - id: b\n    quote: >\n      folded\n",
    "multi-line quotes": "claims:\n  - id: a\n    quote: \"one\n      - two\"\n  - id: b\n"
                         "    quote: 'three\n\n      four'\n",
    "nested sequences": "claims:\n  - id: a\n    subjects:\n      - m1\n      - m2\n  - id: b\n"
                        "    subjects: [m3]\n",
    "claims before the entities": "claims:\n  - id: a\nentities:\n  - {id: m, kind: model}\n",
}


@pytest.mark.parametrize("chunk", [1, 2, 1000])
@pytest.mark.parametrize("name", sorted(CUT_LAYOUTS))
def test_claims_cut_into_chunks_read_as_the_whole_document(name, chunk, any_size, monkeypatch):
    monkeypatch.setattr(fastread, "CHUNK_ITEMS", chunk)
    text = HEADER.replace("claims:\n", "") + CUT_LAYOUTS[name]
    read = fast_read(text)
    assert read is not None and read.starts is not None, "these layouts are cut"
    assert whole(read) == reference(text)
    chunks = list(read.chunks())
    assert [len(items) for items in chunks[:-1]] == [chunk] * (len(chunks) - 1)
    for index, item in enumerate(whole(read)["claims"]):  # each item's own text reads back as it
        assert fastread.read_items(read.item_text(index)) == [item]


@pytest.mark.parametrize("text", [
    "claims: [{id: a}, {id: b}]\n",  # a flow sequence
    '"claims":\n  - id: a\n',  # a quoted key
    "claims:\n  - id: a\r\n  - id: b\r\n",  # carriage returns
    "claims:\n",  # no items
])
def test_claims_that_cannot_be_cut_are_read_whole(text, any_size):
    read = fast_read(text)
    assert read is not None and read.starts is None
    assert whole(read) == reference(text)


@pytest.mark.parametrize("chunk", [1, 1000])
def test_a_cut_inside_an_under_indented_quote_is_refused_not_misread(chunk, any_size, monkeypatch):
    # The quote's second line looks like an item of the claims; the reference reader reads two
    # claims, the first with a quote over two lines. A piece holding half a quote cannot be
    # read, and three cut items that read as two are refused too.
    monkeypatch.setattr(fastread, "CHUNK_ITEMS", chunk)
    text = 'claims:\n  - id: a\n    quote: "first line\n  - not an item"\n  - id: b\n'
    assert len(reference(text)["claims"]) == 2
    read = fast_read(text)
    assert len(read.starts) - 1 == 3  # the cut took the quote's second line for an item
    with pytest.raises(fastread.NotFast):
        list(read.chunks())


def test_a_claims_line_inside_a_string_is_not_taken_for_the_claims(any_size):
    text = 'sources:\n  - id: s\n    title: "a\nclaims:\n  - b"\n'
    assert reference(text).keys() == {"sources"}
    assert fast_read(text) is None  # (yaml-rs itself refuses this under-indented quote)


def test_a_cut_whose_rest_has_no_empty_claims_key_is_refused(any_size, monkeypatch):
    # Should a reader accept a "claims:" line inside a string, the text without the cut items
    # would have no 'claims' key left empty: the guard after the cut refuses it.
    text = "version: 1\nclaims:\n  - id: a\n"
    assert fast_read(text) is not None
    monkeypatch.setattr(fastread, "_read", lambda frame, exact_numbers=True: {"version": 1})
    assert fast_read(text) is None
    monkeypatch.setattr(fastread, "_read", lambda frame, exact_numbers=True: {"version": 1, "claims": []})
    assert fast_read(text) is None


def test_claim_chunks_reads_the_claims_cut_or_whole(any_size, monkeypatch):
    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 1)
    cut = "version: 1\nclaims:\n  - {id: a, value: 1.50}\n  - {id: b}\n"
    read = fast_read(cut)
    items = [i for chunk in fastread.claim_chunks(cut, read.starts) for i in chunk]
    assert items == reference(cut)["claims"] and str(items[0]["value"]) == "1.50"
    assert [i for chunk in fastread.claim_chunks(cut, read.starts, exact_numbers=False) for i in chunk] \
        == [{"id": "a", "value": 1.5}, {"id": "b"}]
    whole = "claims: [{id: a}, {id: b}]\n"
    assert fastread.claim_chunks(whole, None) == [reference(whole)["claims"]]
    with pytest.raises(fastread.NotFast):
        fastread.claim_chunks("claims: {id: a}\n", None)


@pytest.mark.parametrize("chunk", [1, 7, 10_000])
def test_a_generated_ledger_read_in_chunks_loads_the_same(tmp_path, any_size, monkeypatch, chunk):
    generate.generate(60, tmp_path, seed=4)
    path = tmp_path / "claims.yaml"
    monkeypatch.setattr(fastread, "CHUNK_ITEMS", chunk)
    fast = load_ledger(path)
    assert type(fast.ledger.document).__name__ == "FastDocument" and fast.ledger.document.read.starts
    monkeypatch.setattr(fastread, "FAST_PATH_MIN_CHARS", 10**12)
    slow = load_ledger(path)
    assert fast.diagnostics == slow.diagnostics == []
    assert list(fast.ledger.claims) == list(slow.ledger.claims)
    assert fast.ledger.claims == slow.ledger.claims
    assert fast.ledger.anchors == slow.ledger.anchors
    assert fast.ledger.positions == slow.ledger.positions


# ------------------------------------------------------------------ one reader's rules (issue 16)

# what the reference reader refuses (Y005) or reads as a line break (YAML 1.1), and yaml-rs
# reads as a character: the fast path leaves such a text to the reference reader
@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x80", "\x85", "\x9b", "\x9f", "\u2028",
                                  "\u2029", "\ufffe", "\uffff", "\ufeff"])
def test_characters_the_readers_differ_on_are_left_to_the_reference(char, any_size):
    text = f"claims:\n  - id: a\n    note: x{char}y\n"
    assert fastread._unreadable_characters(text.encode("utf-8"))
    assert fast_read(text) is None


@pytest.mark.parametrize("char", ["\t", "\r", "\n", " ", "\xa0", "\xe9", "\u2019", "\u20ac", "\U0001f600", "\u00c2"])
def test_ordinary_characters_are_not_alarms(char):
    assert not fastread._unreadable_characters(f"a: x{char}y\n".encode("utf-8"))
    assert not fastread._unreadable_characters(b"\xef\xbb\xbfa: x\n")  # a byte-order mark at the start


@pytest.mark.parametrize("text", [
    "claims:\n  - {id: a, note:}\n",  # ':' before a flow indicator: YAML 1.1 refuses it
    "claims:\n  - [a:]\n",
    "claims:\n  - [:a]\n",  # ':' starting a scalar in a flow collection
    "claims:\n  - {? :x}\n",
    "claims:\n  - [?]\n",  # '?' alone: an empty key to YAML 1.1, a scalar to 1.2
    "claims:\n  - {a: ?, b: 1}\n",
    "claims:\n  - {a: |}\n",  # '|' and '>' in a flow collection: refused by 1.1, text to 1.2
    "claims:\n  - [a, > b]\n",
    "claims:\n  - [\n    |\n    x]\n",
    "claims:\n  - id: a\n    note: |\n\n",  # a block scalar of blank lines at the end: "\n" to yaml-rs
    "claims:\n  - id: a\n    note: |\n  - id: b\n",  # an empty one, at the end of a chunk
    "claims:\n  - id: a\n    note: >-\n      \n",
    "claims:\n  - id: a\n    note: |\n      x",  # no line break at the end of a block scalar
    "claims:\n  -\tid: a\n",  # tabs
    "claims:\n  - id: a\n    note: |\n      x\n\t\n",
])
def test_what_yaml_1_1_and_1_2_read_differently_is_refused(text):
    assert _gated(text)


@pytest.mark.parametrize("text", [
    "claims:\n  - id: a\n    : v\n",  # an empty key: a null to yaml-rs, a syntax error to YAML 1.1
    "claims:\n  - {id: a, : v}\n",
    "claims:\n  - [b, : v]\n",
])
def test_an_empty_key_is_left_to_the_reference_reader(text, any_size):
    assert not _gated(text)  # not in the text: in what yaml-rs makes of it
    _, problems = read_yaml(text, "x")
    assert [p.code for p in problems] == ["Y001"]
    read = fast_read(text)
    with pytest.raises(fastread.NotFast):
        list(read.chunks())


@pytest.mark.parametrize("text", [
    "claims:\n  - {id: a, url: 'http://x.y/z', time: '1:20'}\n",
    "claims:\n  - id: a\n    note: |\n      block\n  - id: b\n    quote: >-\n      folded\n",
    "claims:\n  - id: a\n    quote: \"a -> b, <b>bold</b> | c > d? yes: no\"\n",
    "claims:\n  - {id: a, note: \"x:y\"}\n",
])
def test_block_scalars_urls_and_markup_are_not_alarms(text, any_size):
    assert not _gated(text)
    assert whole(fast_read(text)) == reference(text)


@pytest.mark.parametrize(("limits", "chunk_limited"), [
    (dict(max_depth=3), True), (dict(max_depth=4), None), (dict(max_nodes=30), True), (dict(max_nodes=60), None),
    (dict(max_scalar_chars=19), True), (dict(max_scalar_chars=20), None), (dict(max_scalar_chars=4), False),
])
def test_the_limits_are_kept_as_the_claims_are_read(limits, chunk_limited, any_size, monkeypatch):
    from ledger.read.yaml_reader import Limits

    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 1)
    text = "version: 1\nclaims:\n" + "".join(f"  - {{id: c{i}, setting: {{shots: {i}}}}}\n" for i in range(3)) \
        + "  - {id: d, note: " + "n" * 20 + "}\n"
    _, problems = read_yaml(text, "x", Limits(**limits))
    read = fast_read(text, Limits(**limits), shown="x")
    if chunk_limited is False:  # refused before the claims are read
        assert read is None and problems
    elif chunk_limited:  # passed in the claims: the chunks stop with what the reference reader says
        assert problems and problems[0].code == "Y004"
        with pytest.raises(fastread.Refused) as refused:
            list(read.chunks())
        assert [refused.value.diagnostic] == problems
    else:
        assert not problems and whole(read) == reference(text)


def test_an_item_longer_than_a_value_may_be_is_read_by_the_reference_reader(any_size, monkeypatch):
    from ledger.read.yaml_reader import Limits

    text = "claims:\n  - id: a\n    note: |\n      " + "x" * 30 + "\n  - id: b\n"
    read = fast_read(text, Limits(max_scalar_chars=40))
    calls = []
    real = fastread.yaml_reader.read_yaml
    monkeypatch.setattr(fastread.yaml_reader, "read_yaml", lambda text, *a: calls.append(text) or real(text, *a))
    assert whole(read) == reference(text)
    assert calls == ["claims:\n" + read.item_text(0)]  # item a's text is longer than 40 characters


# ------------------------------------------------------------------ exact positions, item by item (issue 16)

@pytest.mark.parametrize("layout", ["generated"] + sorted(CUT_LAYOUTS))
def test_every_node_is_located_where_the_reference_reader_puts_it(tmp_path, layout, any_size, monkeypatch):
    from ledger.read.fast_reader import FastDocument, ItemPositions

    monkeypatch.setattr(fastread, "CHUNK_ITEMS", 3)
    if layout == "generated":
        generate.generate(30, tmp_path, seed=6)
        text = (tmp_path / "claims.yaml").read_text(encoding="utf-8")
    else:
        text = "version: 1\nsettings: {tolerances: {about: 0.5}}\n" + CUT_LAYOUTS[layout]
        text += "" if "reviews:" in text else "reviews: []\n"
    expected, problems = read_yaml(text, "x")
    assert not problems
    read = fast_read(text)
    assert read is not None and read.starts is not None
    document = FastDocument(read, ItemPositions(text))
    reads = []
    real = fastread.yaml_reader.read_yaml
    monkeypatch.setattr(fastread.yaml_reader, "read_yaml", lambda *a, **k: reads.append(len(a[0])) or real(*a, **k))
    for path in list(expected.positions) + [path + ("missing", 3) for path in expected.positions]:
        assert document.locate(path) == expected.position(path), path
    for path in expected.key_positions:
        assert document.locate_key(path) == expected.key_positions[path], path
    assert max(reads) < len(text) or len(read.starts) == 2  # never the whole text (unless one item is all)


# ------------------------------------------------------------------ cutting again after an edit

def _edited_cuts(text: str, count: int, seed: int):
    """(new text, its cut found again from the last text's, its whole cut) after random edits:
    deletions, insertions of pieces of the text itself (whole claims, lines, line breaks),
    replacements, most of them among the claims. An edit that leaves claims that cannot be cut
    is undone before the next."""
    import random

    from ledger.lsp.text import changed_span

    chance = random.Random(seed)
    starts = fastread.claim_item_starts(text)
    for _ in range(count):
        start = chance.randrange(starts[0] - 10 if chance.random() < 0.8 else 0, len(text) + 1)
        end = min(len(text), start + chance.choice([0, 0, 1, 3, 20, 100]))
        source = chance.randrange(len(text) + 1)
        inserted = chance.choice(["", "\n", "\n    ", "x", "- ", "  - ", "claims:", "\n  - id: new\n", "\nreviews:\n",
                                  "\r", text[source:source + chance.choice([1, 9, 80, 400])]])
        new = text[:start] + inserted + text[end:]
        again = fastread.claim_item_starts_after(text, starts, new, changed_span(text, new))
        whole = fastread.claim_item_starts(new)
        yield new, again, whole
        if whole is not None:
            text, starts = new, whole


def test_an_edit_cuts_again_only_what_it_changed_and_gives_the_whole_cut(tmp_path):
    from tests.lsp.ledgers import build

    text = build(tmp_path).read_text(encoding="utf-8") + "reviews:\n  - conflict: C003-0000000000\n    verdict: confirmed\n"
    local = 0
    for new, again, whole in _edited_cuts(text, 1000, seed=7):
        if again is not None:
            local += 1
            assert again == whole, new
    assert local > 300  # most edits the cut survives are cut again where they are


def test_the_common_edits_are_cut_again_where_they_are(tmp_path):
    from ledger.lsp.text import changed_span
    from tests.lsp.ledgers import build

    text = build(tmp_path).read_text(encoding="utf-8")
    starts = fastread.claim_item_starts(text)
    claim = text[starts[1]:starts[2]]
    edits = {
        "a field's value": text.replace("value: 88.6", "value: 88.7"),
        "a claim split in two": text.replace("    topic: benchmark\n    quote: \"Model A scores 88.6, outperf",
                                             "    topic: benchmark\n  - id: split\n    quote: \"Model A scores 88.6, outperf"),
        "50 claims pasted": text[:starts[2]] + claim.replace("one-a-beats-b", "pasted") * 50 + text[starts[2]:],
        "a claim removed": text[:starts[1]] + text[starts[2]:],
        "the last claim edited at the end of the file": text.replace("value: 85.4}", "value: 85.4, note: more}"),
    }
    for name, new in edits.items():
        assert new != text, name
        again = fastread.claim_item_starts_after(text, starts, new, changed_span(text, new))
        assert again is not None and again == fastread.claim_item_starts(new), name
