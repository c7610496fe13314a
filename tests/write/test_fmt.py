"""The canonical layout (ledger/write/fmt.py): numbers kept as written, comments kept, stable,
and never a crash on what is not a ledger."""

from __future__ import annotations

from ledger.read.yaml_reader import read_yaml
from ledger.write.fmt import format_text
from tests.conftest import REPO, shipped_joined


def test_fmt_keeps_numbers_as_written_and_quotes_what_must_be():
    text = ("version: 1\nclaims:\n  - id: a\n    value: 012\n    v2: 1e3\n    v3: 88.60\n    v4: 0x1F\n"
            "    s: '88.60'\n    yes-word: yes\n    odd: \"caf\u00e9 \\u2028 \\x85\"\n")
    formatted = format_text(text).text
    assert "value: 012\n" in formatted and "v2: 1e3\n" in formatted and "v3: 88.60\n" in formatted
    assert 'v4: "0x1F"' in formatted and 's: "88.60"' in formatted and 'yes-word: "yes"' in formatted
    assert '"caf\u00e9 \\u2028 \\u0085"' in formatted
    assert read_yaml(formatted, "x")[0].data == read_yaml(text, "x")[0].data
    assert format_text(formatted).text == formatted


def test_fmt_is_idempotent_under_random_comments_and_blank_lines():
    import random

    base = shipped_joined().splitlines()  # the whole ledger in one text: claims, comments and all
    rng = random.Random(20240723)
    for trial in range(4):
        lines = list(base)
        for _ in range(60):
            i = rng.randrange(len(lines) + 1)
            roll = rng.random()
            if roll < 0.5:
                lines.insert(i, " " * rng.choice([0, 2, 3, 4, 6, 8]) + f"# comment {trial}-{i}")
            elif roll < 0.8 and i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith("#"):
                lines[i] += " " * rng.choice([1, 2, 7]) + f"# trailing {trial}-{i}"
            else:
                lines.insert(i, "")
        text = "\n".join(lines) + "\n"
        once = format_text(text).text  # verifies data and comments are kept, and stability
        assert format_text(once).text == once
        comments = sorted(line.split("#", 1)[1] for line in lines if "# comment" in line or "# trailing" in line)
        assert sorted(line.split("#", 1)[1] for line in once.splitlines()
                      if "# comment" in line or "# trailing" in line) == comments


def test_fmt_on_the_yaml_test_suite_never_loses_anything():
    """Every case of the YAML Test Suite that reads as a mapping formats (data and comments verified
    by format_text itself) and is stable; the others are refused with a diagnostic, never a crash."""
    formatted = 0
    for case in sorted((REPO / "tests" / "corpora" / "yaml-test-suite").glob("*.yaml")):
        try:
            text = case.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        result = format_text(text, case.name)
        if result.text is None:
            assert result.diagnostics, case.name
            continue
        formatted += 1
        assert format_text(result.text, case.name).text == result.text, case.name
    assert formatted > 50


# ------------------------------------------------------------------ the vocabulary (issue 17)

VOCABULARY_TEXT = """\
version: 1
claims:
  # the first claim
  - {id: s, kind: statement, source: one, topic: licensing, quote: "Model A is open source", subject: model-a, predicate: Open-Sourced, qualifiers: [osi, osi-definition]}  # as the source says
  - id: q
    kind: quantity
    source: one
    topic: infrastructure
    quote: Model A used 16K GPUs
    subject: model-a
    quantity: gpus-in-training   # an alias
    value: 16K
    unit: H100 GPUs
vocabulary:
  units:
    - {id: gpu, label: GPUs, dimension: count, factor: 1, aliases: [GPUs, H100 GPUs]}
  # predicates, then qualifiers
  predicates:
    - {id: open-source, label: open source, definition: Open., aliases: [open-sourced], opposite: closed}
    - {id: proprietary, label: proprietary, definition: Closed., aliases: [closed]}
  qualifiers: [{id: osi-definition, label: OSI, definition: In the OSI's sense., aliases: [osi]}]
  quantities:
    - {id: training-gpus, label: GPUs, definition: GPUs., dimension: count, unit: GPUs, single: true, aliases: [gpus-in-training]}
"""


def test_fmt_writes_the_vocabulary_in_its_block_layout_after_the_entities():
    formatted = format_text(VOCABULARY_TEXT).text
    lines = formatted.splitlines()
    assert lines.index("vocabulary:") < lines.index("claims:")
    start = lines.index("vocabulary:")
    assert lines[start:start + 8] == [
        "vocabulary:",
        "  # predicates, then qualifiers",
        "  predicates:",
        "    - id: open-source",
        "      label: open source",
        "      definition: Open.",
        "      aliases: [open-sourced]",
        "      opposite: proprietary",
    ]
    assert "\n\n    - id: proprietary\n" in formatted  # a blank line between terms, as between sources
    assert ("  units:\n    - id: gpu\n      label: GPUs\n      dimension: count\n      factor: 1\n"
            "      aliases: [GPUs, H100 GPUs]\n") in formatted
    assert "      dimension: count\n      unit: gpu\n      single: true\n      aliases: [gpus-in-training]\n" in formatted
    order = [line for line in lines if line in ("  predicates:", "  qualifiers:", "  quantities:", "  units:")]
    assert order == ["  predicates:", "  qualifiers:", "  quantities:", "  units:"]
    assert format_text(formatted).text == formatted


def test_fmt_writes_aliases_as_ids_and_keeps_the_comments():
    formatted = format_text(VOCABULARY_TEXT).text
    lines = formatted.splitlines()
    assert "    predicate: open-source" in lines
    assert [line.split("  #")[0].rstrip() for line in lines if line.endswith("# as the source says")] == [
        "    qualifiers: [osi-definition, osi-definition]"]  # the comment trailed the flow claim's line
    assert [line.split("#")[0].rstrip() for line in lines if line.endswith("# an alias")] == [
        "    quantity: training-gpus"]
    assert "    unit: gpu\n" in formatted and "H100 GPUs\n" not in formatted.split("claims:")[1]
    assert "  # the first claim\n  - id: s\n" in formatted
    assert "Open-Sourced" not in formatted


def test_fmt_leaves_terms_alone_where_no_vocabulary_declares_them():
    free = VOCABULARY_TEXT.split("vocabulary:")[0]
    assert "predicate: Open-Sourced" in format_text(free).text
    only_units = VOCABULARY_TEXT.split("  # predicates, then qualifiers")[0]
    formatted = format_text(only_units).text
    assert "predicate: Open-Sourced" in formatted and "quantity: gpus-in-training" in formatted
    assert "    unit: gpu\n" in formatted


def test_fmt_leaves_an_alias_two_terms_claim_as_written():
    clash = VOCABULARY_TEXT.replace("aliases: [closed]", "aliases: [closed, open-sourced]")
    assert "predicate: Open-Sourced" in format_text(clash).text


# ------------------------------------------------------------------ the diff of `fmt --check`

def _patched(before: str, diff: str) -> str:
    """``before`` with the unified diff applied (a strict reader of its hunks)."""
    lines, out, at = before.splitlines(True), [], 0
    for line in diff.splitlines(True)[2:]:
        if line.startswith("@@"):
            old = line.split()[1][1:].split(",")
            start = int(old[0]) - (0 if len(old) == 2 and old[1] == "0" else 1)
            out += lines[at:start]
            at = start
        elif line.startswith(" "):
            assert lines[at] == line[1:]
            out.append(lines[at])
            at += 1
        elif line.startswith("-"):
            assert lines[at] == line[1:]
            at += 1
        else:
            out.append(line[1:])
    return "".join(out + lines[at:])


def test_the_check_diff_turns_the_file_into_its_canonical_form():
    """Items matched block by block (the same items on both sides) and, where fmt changes the
    blocks (a flow list written out as items), the whole file at once: both diffs apply."""
    from ledger.write.fmt import canonical_diff, changed_lines
    from tests.cli.test_formatting import MESSY

    shipped = shipped_joined()
    items = shipped.replace("    topic: benchmark\n", "    topic:   benchmark\n", 40)
    items = items.replace("kind: statement\n", "kind:  statement\n", 5)
    for text in (items, MESSY):
        canonical = format_text(text).text
        diff = canonical_diff(text, canonical, "claims.yaml")
        assert diff.startswith("--- claims.yaml\n+++ claims.yaml (ledger fmt)\n@@ -")
        assert _patched(text, diff) == canonical
        changed = sum(1 for line in diff.splitlines()[2:] if line[:1] in "+-")
        assert changed_lines(text, canonical) == changed
    assert canonical_diff(shipped, format_text(shipped).text, "claims.yaml") == ""
