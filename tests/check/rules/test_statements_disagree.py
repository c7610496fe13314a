"""C005 statements-disagree (ledger/check/rules/statements_disagree.py): the same proposition
asserted and denied; many sources asserting it make one conflict; and family against member,
in both directions.

C005 is the only rule that consults a model's lineage: it relates two statements when "one
[subject] is the other or a family above it", since "a statement about "Llama 3.1" speaks of
"Llama 3.1 405B" too". A family statement speaks of each member, so the contradiction holds
whichever side is about the family: asserted of the family and denied of a member, or asserted
of a member and denied of the family (the docstring's own example: datacamp asserts it of
Llama 3.1 405B, hiselius denies it of Llama 3.1). Two members of one family do not speak of each
other. The other rules (C001 figures, C002 words against figures, C003 orders, C004 rankings
and tallies, C006 settings) key claims on the model id itself and never consult ``lineage``.

Each family test was checked against a mutation of statements_disagree.check (applied by hand,
seen to fail, reverted); the docstrings name them."""

from __future__ import annotations

from tests.conftest import build_ledger, conflicts_of, statement


def test_c005_opposite_statements_with_different_qualifiers_are_a_warning(tmp_path):
    claims = statement("yes", "one", "Model A is open source.", "model-a", "true", occurrence=1) + \
        statement("no", "two", "Model A is not open source under the OSI definition", "model-a", "false", "[osi-definition]")
    [conflict] = conflicts_of(build_ledger(tmp_path, claims), "C005")
    assert conflict.severity.value == "warning"
    assert "qualifiers differ" in conflict.message and "osi-definition" in conflict.message


def test_c005_same_qualifiers_is_an_error_and_family_statements_reach_members(tmp_path):
    claims = statement("yes", "one", "Model A is open source.", "family-a", "true", "[osi-definition]", occurrence=1) + \
        statement("no", "two", "Model A is not open source under the OSI definition", "model-a", "false", "[osi-definition]")
    [conflict] = conflicts_of(build_ledger(tmp_path, claims), "C005")
    assert conflict.severity.value == "error"


def test_c005_agreeing_statements_and_unrelated_subjects_are_silent(tmp_path):
    claims = statement("yes1", "one", "Model A is open source.", "model-a", "true", occurrence=1) + \
        statement("yes2", "one", "Model A is open source.", "model-a", "true", occurrence=2) + \
        statement("no-b", "two", "Model A is not open source under the OSI definition", "model-b", "false")
    assert conflicts_of(build_ledger(tmp_path, claims), "C005") == []


# ---------------------------------------------------------------- grouped by key (issue 8)

SOURCES = {
    "one": "Model A is open source. Model A is open source. Model A is open source.\n",
    "two": "Model A is not open source. Family A is open source.\n",
    "three": "Model A is open source. Model A is not open source under the OSI definition.\n",
}


def test_c005_many_sources_asserting_one_statement_make_one_conflict(tmp_path):
    claims = (statement("yes-1", "one", "Model A is open source.", "model-a", "true", occurrence=1)
              + statement("yes-2", "one", "Model A is open source.", "model-a", "true", occurrence=2)
              + statement("yes-3", "three", "Model A is open source.", "model-a", "true")
              + statement("no-1", "two", "Model A is not open source.", "model-a", "false"))
    path = build_ledger(tmp_path, claims, sources=SOURCES)
    [conflict] = conflicts_of(path, "C005")
    assert set(conflict.claims) == {"yes-1", "yes-2", "yes-3", "no-1"}
    assert conflict.claims[-1] == "no-1"  # the asserting bucket first, then the denying one
    assert conflict.severity.value == "error"
    assert conflict.message.startswith("Between one, three and two: one and three (3 claims) say Model A is "
                                       "open-source; two says Model A is not.")


def test_c005_buckets_keep_subjects_and_qualifiers_apart(tmp_path):
    claims = (statement("yes-a", "one", "Model A is open source.", "model-a", "true", occurrence=1)
              + statement("yes-family", "two", "Family A is open source.", "family-a", "true")
              + statement("no-a", "two", "Model A is not open source.", "model-a", "false")
              + statement("no-osi", "three", "Model A is not open source under the OSI definition", "model-a",
                          "false", "[osi-definition]"))
    path = build_ledger(tmp_path, claims, sources=SOURCES)
    found = {frozenset(c.claims): c.severity.value for c in conflicts_of(path, "C005")}
    assert found == {
        frozenset({"yes-a", "no-a"}): "error",
        frozenset({"yes-family", "no-a"}): "error",  # a family's statement reaches its members
        frozenset({"yes-a", "no-osi"}): "warning",  # qualifiers differ
        frozenset({"yes-family", "no-osi"}): "warning",
    }


# ---------------------------------------------------------------- family against member

FAMILY_ENTITIES = """\
entities:
  - {id: llama, kind: model-family, name: Llama}
  - {id: llama-3, kind: model-family, name: Llama 3, family: llama}
  - {id: llama-3-big, kind: model, name: Llama 3 Big, family: llama-3}
  - {id: llama-3-small, kind: model, name: Llama 3 Small, family: llama-3}
  - {id: other, kind: model, name: Other}
"""

FAMILY_TEXT = {
    "one": "Llama is open source. Llama 3 is open source. Llama 3 Big is open source. Llama 3 Small is open source.\n",
    "two": "Llama is not open source. Llama 3 is not open source. Llama 3 Big is not open source. "
           "Llama 3 Small is not open source. Other is not open source.\n",
}

FAMILY_NAMES = {"llama": "Llama", "llama-3": "Llama 3", "llama-3-big": "Llama 3 Big", "llama-3-small": "Llama 3 Small",
                "other": "Other"}


def _family_statement(cid, subject, polarity):
    source, words = ("one", "is open source") if polarity else ("two", "is not open source")
    return (f'\n- {{id: {cid}, kind: statement, source: {source}, topic: licensing, '
            f'quote: "{FAMILY_NAMES[subject]} {words}", subject: {subject}, predicate: open-source, '
            f'polarity: {"true" if polarity else "false"}}}\n')


def c005(tmp_path, asserted_of: str, denied_of: str):
    """The C005 conflicts between "<asserted_of> is open source" and "<denied_of> is not"."""
    path = build_ledger(tmp_path, _family_statement("yes", asserted_of, True) + _family_statement("no", denied_of, False),
                        sources=FAMILY_TEXT, entities=FAMILY_ENTITIES)
    return conflicts_of(path, "C005")


def test_c005_asserted_of_the_family_denied_of_a_member(tmp_path):
    """Guards against dropping the loop that looks up the families above the DENYING subject
    (``for no_key in denied: for ancestor in up(no_key[0])``)."""
    [conflict] = c005(tmp_path, asserted_of="llama-3", denied_of="llama-3-big")
    assert conflict.claims == ("yes", "no")
    assert conflict.severity.value == "error"
    assert "one says Llama 3 is open-source; two says Llama 3 Big is not." in conflict.message


def test_c005_asserted_of_a_member_denied_of_the_family(tmp_path):
    """The reverse direction conflicts too: "Llama 3 is not open source" speaks of Llama 3 Big.
    Guards against dropping the loop that looks up the families above the ASSERTING subject
    (``for yes_key in asserted: for ancestor in up(yes_key[0])``)."""
    [conflict] = c005(tmp_path, asserted_of="llama-3-big", denied_of="llama-3")
    assert conflict.claims == ("yes", "no")
    assert conflict.severity.value == "error"
    assert "one says Llama 3 Big is open-source; two says Llama 3 is not." in conflict.message


def test_c005_reaches_a_family_two_levels_up_in_both_directions(tmp_path):
    """The whole lineage counts, not just the nearest family. Guards against ``up(...)[:2]``
    (the subject and its own family only) in either loop."""
    assert [c.claims for c in c005(tmp_path, asserted_of="llama", denied_of="llama-3-big")] == [("yes", "no")]
    assert [c.claims for c in c005(tmp_path, asserted_of="llama-3-big", denied_of="llama")] == [("yes", "no")]


def test_c005_two_members_of_one_family_do_not_speak_of_each_other(tmp_path):
    """Siblings are not in each other's lineage. Guards against relating subjects that merely
    share a family (matching every asserting subject below the denying one's ancestors)."""
    assert c005(tmp_path, asserted_of="llama-3-big", denied_of="llama-3-small") == []
    assert c005(tmp_path, asserted_of="llama-3-small", denied_of="llama-3-big") == []


def test_c005_a_model_outside_the_family_is_not_reached(tmp_path):
    """Guards against a lineage check that is always true."""
    assert c005(tmp_path, asserted_of="llama", denied_of="other") == []


# ---------------------------------------------------------------- opposite predicates (issue 17)

OPPOSITES_TEXT = ("Model A is open source. Model A is proprietary. Family A is proprietary. "
                  "Model A is not open source. Model A is not proprietary.\n")
PAIR = """\
vocabulary:
  predicates:
    - {id: open-source, label: open source, definition: Open., opposite: proprietary}
    - {id: proprietary, label: proprietary, definition: Closed.}
"""
PAIR_DECLARED_ON_THE_OTHER_SIDE = """\
vocabulary:
  predicates:
    - {id: open-source, label: open source, definition: Open.}
    - {id: proprietary, label: proprietary, definition: Closed., opposite: open-source}
"""


def said(cid, subject, predicate, polarity="true", quote=None, qualifiers="[]"):
    words = {"open-source": "open source", "proprietary": "proprietary"}[predicate]
    family = "Family A" if subject == "family-a" else "Model A"
    quote = quote or f"{family} is {'' if polarity == 'true' else 'not '}{words}"
    return (f"\n- {{id: {cid}, kind: statement, source: {cid.split('-')[0]}, topic: licensing, quote: \"{quote}\", "
            f"subject: {subject}, predicate: {predicate}, polarity: {polarity}, qualifiers: {qualifiers}}}\n")


def opposites_ledger(tmp_path, claims, vocabulary=PAIR):
    return build_ledger(tmp_path, claims, sources={"one": OPPOSITES_TEXT, "two": OPPOSITES_TEXT},
                        vocabulary=vocabulary)


def test_c005_opposite_predicates_asserted_of_one_subject_conflict(tmp_path):
    path = opposites_ledger(tmp_path, said("one-open", "model-a", "open-source") + said("two-closed", "model-a", "proprietary"))
    [conflict] = conflicts_of(path, "C005")
    assert conflict.claims == ("one-open", "two-closed") and conflict.severity.value == "error"
    assert conflict.message == ("Between one and two: one says Model A is open-source; two says Model A is "
                                "proprietary: open-source and proprietary are opposites.")


def test_c005_opposites_in_either_order_and_declared_on_either_side(tmp_path):
    """The pair is found whichever claim comes first and whichever predicate declares it
    (guards against reading ``opposite`` one way only)."""
    for vocabulary in (PAIR, PAIR_DECLARED_ON_THE_OTHER_SIDE):
        path = opposites_ledger(tmp_path, said("two-closed", "model-a", "proprietary")
                                + said("one-open", "model-a", "open-source"), vocabulary)
        [conflict] = conflicts_of(path, "C005")
        assert set(conflict.claims) == {"one-open", "two-closed"}
        assert conflict.message.endswith("open-source and proprietary are opposites.")


def test_c005_opposites_reach_a_family_and_its_members(tmp_path):
    path = opposites_ledger(tmp_path, said("one-open", "model-a", "open-source") + said("two-closed", "family-a", "proprietary"))
    [conflict] = conflicts_of(path, "C005")
    assert "two says Family A is proprietary" in conflict.message


def test_c005_opposites_denied_both_or_one_denied_are_silent(tmp_path):
    """"not open source" and "not proprietary" can both be true; so can "open source" and "not
    proprietary"."""
    path = opposites_ledger(tmp_path, said("one-open", "model-a", "open-source", "false")
                            + said("two-closed", "model-a", "proprietary", "false"))
    assert conflicts_of(path, "C005") == []
    path = opposites_ledger(tmp_path, said("one-open", "model-a", "open-source")
                            + said("two-closed", "model-a", "proprietary", "false"))
    assert conflicts_of(path, "C005") == []


def test_c005_opposites_with_different_qualifiers_are_a_warning(tmp_path):
    vocabulary = PAIR + "  qualifiers:\n    - {id: osi-definition, label: OSI, definition: In the OSI's sense.}\n"
    path = opposites_ledger(tmp_path, said("one-open", "model-a", "open-source")
                            + said("two-closed", "model-a", "proprietary", qualifiers="[osi-definition]"), vocabulary)
    [conflict] = conflicts_of(path, "C005")
    assert conflict.severity.value == "warning" and "qualifiers differ (two adds osi-definition)" in conflict.message


def test_c005_without_a_declared_opposite_nothing_is_paired(tmp_path):
    path = build_ledger(tmp_path, said("one-open", "model-a", "open-source") + said("two-closed", "model-a", "proprietary"),
                        sources={"one": OPPOSITES_TEXT, "two": OPPOSITES_TEXT})
    assert conflicts_of(path, "C005") == []
