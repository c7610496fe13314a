"""The vocabulary's validation (ledger/read/vocabulary.py): each problem of a term at its line
and column (S001, S006), each claim that misuses a declared term (S003, S004, S001, S007),
aliases accepted as the id, and term types not declared left free."""

from __future__ import annotations

import pytest

from ledger.core.model import Figure
from ledger.load import load_ledger
from tests.conftest import VOCABULARY, at, build_ledger, diagnostics, only, position_of

TERM = "label: x, definition: d"


def with_vocabulary(tmp_path, vocabulary: str, claims: str = "", **kwargs):
    return build_ledger(tmp_path, claims, vocabulary="vocabulary:\n" + vocabulary, **kwargs)


def value_at(diagnostic, path, key: str, occurrence: int = 1):
    """The diagnostic (or location) points at the value of ``key: value`` (its n-th occurrence)."""
    line, column = position_of(path, key, occurrence)
    width = len(key.split(": ")[0]) + 2
    location = getattr(diagnostic, "location", diagnostic)
    assert (location.line, location.column) == (line, column + width), diagnostic


def codes(path) -> list[str]:
    return [d.code for d in diagnostics(path)]


# ------------------------------------------------------------------ the terms themselves (S006, S001)

def test_s006_duplicate_term_id_at_the_second(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  predicates:
    - {{id: open-source, {TERM}}}
    - {{id: open-source, {TERM}}}
""")
    found = only(path, "S006")
    at(found, path, "open-source", 2)
    first = position_of(path, "open-source")
    assert found.message == f"duplicate predicate id 'open-source' (first at line {first[0]})"
    assert (found.related[0].line, found.related[0].column) == first


def test_s006_alias_used_by_two_terms(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  qualifiers:
    - {{id: according-to-meta, {TERM}, aliases: [meta-claim]}}
    - {{id: per-meta, {TERM}, aliases: [Meta-Claim]}}
""")
    found = only(path, "S006")
    at(found, path, "Meta-Claim")
    assert found.message == "alias 'Meta-Claim' of qualifier 'per-meta' is already an alias of 'according-to-meta'"
    assert (found.related[0].line, found.related[0].column) == position_of(path, "meta-claim")


def test_s006_alias_that_is_another_terms_id(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  predicates:
    - {{id: open-source, {TERM}}}
    - {{id: open-weights, {TERM}, aliases: [open-source]}}
""")
    found = only(path, "S006")
    at(found, path, "open-source", 2)
    assert "is already the id of 'open-source'" in found.message


def test_an_alias_equal_to_its_own_id_is_harmless(tmp_path):
    path = with_vocabulary(tmp_path, "  units:\n    - {id: gpu, label: GPUs, dimension: count, aliases: [GPU, gpu]}\n")
    assert diagnostics(path) == []


def test_s006_opposite_not_declared_with_did_you_mean(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  predicates:
    - {{id: open-source, {TERM}, opposite: propietary}}
    - {{id: proprietary, {TERM}}}
""")
    found = only(path, "S006")
    at(found, path, "propietary")
    assert found.message == "opposite 'propietary' of 'open-source' is not a declared predicate"
    assert found.hint == "did you mean 'proprietary'?"


def test_s006_opposite_of_itself(tmp_path):
    path = with_vocabulary(tmp_path, f"  predicates:\n    - {{id: open-source, {TERM}, opposite: open-source}}\n")
    found = only(path, "S006")
    at(found, path, "open-source", 2)
    assert "its own opposite" in found.message


def test_s006_opposites_longer_than_a_pair(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  predicates:
    - {{id: a, {TERM}, opposite: b}}
    - {{id: b, {TERM}, opposite: c}}
    - {{id: c, {TERM}}}
""")
    found = only(path, "S006")
    value_at(found, path, "opposite: b")
    assert found.message == "opposites of more than a pair: a -> b -> c"


def test_s006_a_cycle_of_three_is_reported_at_each_link(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  predicates:
    - {{id: a, {TERM}, opposite: b}}
    - {{id: b, {TERM}, opposite: c}}
    - {{id: c, {TERM}, opposite: a}}
""")
    assert codes(path) == ["S006"] * 3


def test_s006_conflicting_opposite_declarations(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  predicates:
    - {{id: open-source, {TERM}, opposite: proprietary}}
    - {{id: proprietary, {TERM}}}
    - {{id: closed, {TERM}, opposite: proprietary}}
""")
    found = only(path, "S006")
    at(found, path, "proprietary", 3)
    assert found.message == "conflicting opposites: 'proprietary' would be the opposite of both open-source and closed"
    value_at(found.related[0], path, "opposite: proprietary")  # the first to claim it


def test_opposites_declared_on_both_sides_are_fine(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  predicates:
    - {{id: open-source, {TERM}, opposite: proprietary}}
    - {{id: proprietary, {TERM}, opposite: open-source}}
""")
    assert diagnostics(path) == []


def test_s006_quantity_whose_dimension_no_unit_has(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  quantities:
    - {{id: training-gpus, {TERM}, dimension: cuont}}
  units:
    - {{id: gpu, label: GPUs, dimension: count}}
""")
    found = only(path, "S006")
    at(found, path, "cuont")
    assert found.message == "quantity 'training-gpus': no unit has dimension 'cuont'" and "'count'" in found.hint


def test_s006_quantity_unit_of_another_dimension(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  quantities:
    - {{id: training-gpus, {TERM}, dimension: count, unit: gpu-hour}}
  units:
    - {{id: gpu, label: GPUs, dimension: count}}
    - {{id: gpu-hour, label: GPU hours, dimension: compute-time}}
""")
    found = only(path, "S006")
    at(found, path, "gpu-hour")
    assert found.message == "quantity 'training-gpus' measures count, but its unit 'gpu-hour' measures compute-time"
    assert found.hint == "use a unit of dimension count: gpu"


def test_s006_quantity_unit_unknown(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  quantities:
    - {{id: training-gpus, {TERM}, dimension: count, unit: gpus}}
  units:
    - {{id: gpu, label: GPUs, dimension: count}}
""")
    found = only(path, "S006")
    value_at(found, path, "unit: gpus")
    assert "unknown unit 'gpus'" in found.message and "'gpu'" in found.hint


def test_a_quantitys_unit_may_be_an_alias_and_units_undeclared_leave_it_free(tmp_path):
    path = with_vocabulary(tmp_path, f"""\
  quantities:
    - {{id: training-gpus, {TERM}, dimension: count, unit: H100 GPUs}}
  units:
    - {{id: gpu, label: GPUs, dimension: count, aliases: [H100 GPUs]}}
""")
    assert diagnostics(path) == []
    path = with_vocabulary(tmp_path, f"  quantities:\n    - {{id: training-gpus, {TERM}, dimension: count, unit: whatever}}\n")
    assert diagnostics(path) == []


@pytest.mark.parametrize("factor", ["0", "-1000", "0.0"])
def test_s006_unit_factor_not_positive(tmp_path, factor):
    path = with_vocabulary(tmp_path, f"  units:\n    - {{id: gpu, label: GPUs, dimension: count, factor: {factor}}}\n")
    found = only(path, "S006")
    value_at(found, path, f"factor: {factor}")
    assert "is not a positive number" in found.message


def test_s001_a_factor_that_is_not_a_number(tmp_path):
    path = with_vocabulary(tmp_path, "  units:\n    - {id: gpu, label: GPUs, dimension: count, factor: lots}\n")
    at(only(path, "S001"), path, "lots")


def test_s001_unknown_field_of_a_term_with_its_own_fields(tmp_path):
    path = with_vocabulary(tmp_path, f"  quantities:\n    - {{id: training-gpus, {TERM}, dimension: count, singel: true}}\n")
    found = only(path, "S001")
    at(found, path, "singel")
    assert found.hint == "did you mean 'single'?"


def test_s001_unknown_list_and_not_a_mapping(tmp_path):
    path = with_vocabulary(tmp_path, "  predicate:\n    - {id: x, label: x, definition: d}\n")
    found = only(path, "S001")
    at(found, path, "predicate:")
    assert found.hint == "did you mean 'predicates'?"
    path = build_ledger(tmp_path, vocabulary="vocabulary: [open-source]\n")
    at(only(path, "S001"), path, "[open-source]")


def test_s001_predicate_object_that_is_not_a_type(tmp_path):
    path = with_vocabulary(tmp_path, f"  predicates:\n    - {{id: trained-on, {TERM}, object: hardware}}\n")
    found = only(path, "S001")
    at(found, path, "hardware}")
    assert "[hardware]" in found.message


# ------------------------------------------------------------------ claims against the terms

STATEMENT = ('- {{id: s, kind: statement, source: one, topic: licensing, quote: "Model A is open source.", '
             'occurrence: 1, subject: {subject}, predicate: {predicate}{more}}}\n')


def statement(subject="model-a", predicate="open-source", more=""):
    return STATEMENT.format(subject=subject, predicate=predicate, more=more)


def test_s003_unknown_predicate_with_did_you_mean_over_ids_and_aliases(tmp_path):
    path = build_ledger(tmp_path, statement(predicate="open-sorce"), vocabulary=VOCABULARY)
    found = only(path, "S003")
    at(found, path, "open-sorce")
    assert found.message == "unknown predicate 'open-sorce'" and found.hint == "did you mean 'open-source'?"
    path = build_ledger(tmp_path, statement(predicate="open-sourcd"), vocabulary=VOCABULARY)
    assert only(path, "S003").hint == "did you mean 'open-sourced'?"  # an alias is closest
    path = build_ledger(tmp_path, statement(predicate="closed-weights"), vocabulary=VOCABULARY)
    assert "ledger vocab" in only(path, "S003").hint  # nothing close: how to find or add one


def test_an_alias_is_accepted_and_the_claim_holds_the_id(tmp_path):
    path = build_ledger(tmp_path, statement(predicate="open-sourced", more=", qualifiers: [osi]"),
                        vocabulary=VOCABULARY)
    result = load_ledger(path)
    assert result.diagnostics == []
    claim = result.ledger.claims["s"]
    assert claim.predicate == "open-source" and claim.qualifiers == ["osi-definition"]


def test_s003_unknown_qualifier(tmp_path):
    path = build_ledger(tmp_path, statement(more=", qualifiers: [osi-definition, osi-defintion]"),
                        vocabulary=VOCABULARY)
    found = only(path, "S003")
    at(found, path, "osi-defintion")
    assert found.message == "unknown qualifier 'osi-defintion'"


def test_s004_subject_of_a_kind_the_predicate_does_not_take(tmp_path):
    path = build_ledger(tmp_path, statement(subject="bench-x"), vocabulary=VOCABULARY)
    found = only(path, "S004")
    value_at(found, path, "subject: bench-x")
    assert found.message == ("'bench-x' is a benchmark; predicate 'open-source' takes a subject that is "
                             "a model or model-family")


HARDWARE = '  - {id: h100, kind: hardware, name: H100}\n  - {id: meta, kind: organisation, name: Meta}\n'


def entities_with_hardware():
    from tests.conftest import ENTITIES

    return ENTITIES + HARDWARE


def test_entity_objects(tmp_path):
    entities = entities_with_hardware()
    good = build_ledger(tmp_path, statement(predicate="trained-on", more=", object: h100"),
                        vocabulary=VOCABULARY, entities=entities)
    assert diagnostics(good) == []
    path = build_ledger(tmp_path, statement(predicate="trained-on", more=", object: h10"),
                        vocabulary=VOCABULARY, entities=entities)
    found = only(path, "S003")
    at(found, path, "h10}")
    assert found.message == "unknown entity 'h10'" and "'h100'" in found.hint
    path = build_ledger(tmp_path, statement(predicate="trained-on", more=", object: meta"),
                        vocabulary=VOCABULARY, entities=entities)
    found = only(path, "S004")
    at(found, path, "meta}")
    assert found.message == "'meta' is an organisation; predicate 'trained-on' takes an object that is a hardware"
    path = build_ledger(tmp_path, statement(predicate="trained-on", more=', object: "h100, meta"'),
                        vocabulary=VOCABULARY, entities=entities)
    found = only(path, "S001")
    at(found, path, '"h100, meta"')
    assert "not one entity id" in found.message and "write several claims" in found.hint


def test_objects_missing_or_not_taken(tmp_path):
    entities = entities_with_hardware()
    path = build_ledger(tmp_path, statement(predicate="trained-on"), vocabulary=VOCABULARY, entities=entities)
    found = only(path, "S001")
    at(found, path, "{id: s")
    assert found.message == "missing field 'object'" and found.hint == "predicate 'trained-on' takes the id of a hardware"
    path = build_ledger(tmp_path, statement(more=", object: h100"), vocabulary=VOCABULARY, entities=entities)
    found = only(path, "S001")
    at(found, path, "h100}")
    assert found.message == "predicate 'open-source' takes no object"


@pytest.mark.parametrize("object_, problem", [
    ('"2024-07-23"', None),
    ("2024", None),
    ('"July 2024"', "not a date"),
    ('"2024-07-23, 2024-07-24"', "write several claims"),
])
def test_date_objects(tmp_path, object_, problem):
    text = "Model A was released on 2024-07-23 (and 2024-07-24), July 2024.\n"
    claim = ('- {id: s, kind: statement, source: one, topic: release, quote: "Model A was released on 2024-07-23 '
             f'(and 2024-07-24), July 2024", subject: model-a, predicate: released-on, object: {object_}}}\n')
    path = build_ledger(tmp_path, claim, sources={"one": text}, vocabulary=VOCABULARY)
    if problem is None:
        assert diagnostics(path) == []
    else:
        found = only(path, "S001")
        at(found, path, object_)
        assert problem in found.message + found.hint


def test_number_and_text_objects(tmp_path):
    vocabulary = VOCABULARY.replace("  qualifiers:", f"    - {{id: parameters, {TERM}, object: number}}\n"
                                    f"    - {{id: runs-on, {TERM}, object: text}}\n  qualifiers:")
    text = "Model A has 405 billion parameters and runs on smartphones, laptops.\n"

    def claim(predicate, object_):
        return ('- {id: s, kind: statement, source: one, topic: model, quote: "Model A has 405 billion parameters '
                f'and runs on smartphones, laptops", subject: model-a, predicate: {predicate}, object: {object_}}}\n')

    path = build_ledger(tmp_path, claim("parameters", '"405 billion"'), sources={"one": text}, vocabulary=vocabulary)
    result = load_ledger(path)
    assert result.diagnostics == []
    assert isinstance(result.ledger.claims["s"].object, Figure)
    path = build_ledger(tmp_path, claim("parameters", '"406 billion"'), sources={"one": text}, vocabulary=vocabulary)
    assert codes(path) == ["A003"]  # a number object is a number of the claim: it must be in the quote
    path = build_ledger(tmp_path, claim("parameters", "many"), sources={"one": text}, vocabulary=vocabulary)
    assert "is not a number" in only(path, "S001").message
    path = build_ledger(tmp_path, claim("runs-on", '"smartphones, laptops"'), sources={"one": text},
                        vocabulary=vocabulary)
    found = only(path, "S001")
    at(found, path, '"smartphones, laptops"')
    assert found.message == ("object 'smartphones, laptops' is several values; predicate 'runs-on' takes one "
                             "value as text")
    assert found.hint == "one value per claim: write several claims, one for each"
    path = build_ledger(tmp_path, claim("runs-on", "405"), sources={"one": text}, vocabulary=vocabulary)
    assert only(path, "S001").hint == 'quote it: "405"'


QUANTITY = ('- {{id: q, kind: quantity, source: two, topic: infrastructure, quote: "used over 16,000 GPUs", '
            'subject: model-a, quantity: {quantity}, value: "16,000", unit: {unit}, qualifier: over}}\n')


def test_s003_unknown_quantity_and_unit_the_issues_two_typos(tmp_path):
    """The issue's new reviewer: ``training-gpu`` (one letter off) and ``GPUs`` where the ledger
    has "H100 GPUs". The first is now an error with the right name; the second is an alias."""
    path = build_ledger(tmp_path, QUANTITY.format(quantity="training-gpu", unit="GPUs"), vocabulary=VOCABULARY)
    found = only(path, "S003")
    at(found, path, "training-gpu,")
    assert found.message == "unknown quantity 'training-gpu'" and found.hint == "did you mean 'training-gpus'?"
    path = build_ledger(tmp_path, QUANTITY.format(quantity="training-gpus", unit="H100 GPU"), vocabulary=VOCABULARY)
    found = only(path, "S003")
    assert found.message == "unknown unit 'H100 GPU'" and found.hint == "did you mean 'H100 GPUs'?"
    path = build_ledger(tmp_path, QUANTITY.format(quantity="training-gpus", unit="h100 gpus"), vocabulary=VOCABULARY)
    result = load_ledger(path)
    assert result.diagnostics == [] and result.ledger.claims["q"].unit == "gpu"


def test_s007_unit_of_another_dimension_than_the_quantity(tmp_path):
    path = build_ledger(tmp_path, QUANTITY.format(quantity="training-gpus", unit="tokens"), vocabulary=VOCABULARY)
    found = only(path, "S007")
    value_at(found, path, "unit: tokens")
    assert found.message == "unit 'token' measures tokens, but quantity 'training-gpus' measures count"
    assert found.hint == "use a unit of dimension count: gpu"


# ------------------------------------------------------------------ back-compat

def test_no_vocabulary_keeps_every_term_free(tmp_path):
    path = build_ledger(tmp_path, statement(predicate="anything-at-all", more=", qualifiers: [whatever]")
                        + QUANTITY.format(quantity="training-gpu", unit="furlongs"))
    assert diagnostics(path) == []


def test_only_the_declared_term_types_are_checked(tmp_path):
    vocabulary = f"vocabulary:\n  predicates:\n    - {{id: open-source, {TERM}}}\n"
    claims = statement(more=", qualifiers: [whatever]") + QUANTITY.format(quantity="training-gpu", unit="furlongs")
    assert diagnostics(build_ledger(tmp_path, claims, vocabulary=vocabulary)) == []
    path = build_ledger(tmp_path, claims.replace("predicate: open-source", "predicate: closed"), vocabulary=vocabulary)
    assert codes(path) == ["S003"]
    path = build_ledger(tmp_path, claims, vocabulary=vocabulary + "  units: []\n")
    assert [d.message for d in diagnostics(path)] == ["unknown unit 'furlongs'"]  # [] declares: none known


def test_the_shipped_ledger_declares_its_vocabulary_and_stays_valid():
    from tests.conftest import REPO

    result = load_ledger(REPO / "claims.yaml")
    assert result.ok and result.diagnostics == []
    assert all(result.ledger.terms.declared(kind) for kind in ("predicates", "qualifiers", "quantities", "units"))


# ------------------------------------------------------------------ the fast path and the cache agree

def test_fast_path_and_cache_give_the_same_vocabulary_and_ids(tmp_path, any_size, monkeypatch):
    from ledger.perf import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    vocabulary = VOCABULARY.replace("factor: 1000", "factor: 1000.0")  # a float: yaml-rs reads it as one
    path = build_ledger(tmp_path, statement(predicate="open-sourced") + QUANTITY.format(
        quantity="training-gpus", unit="H100 GPUs"), vocabulary=vocabulary)
    fresh = load_ledger(path)
    assert fresh.diagnostics == []
    from ledger.read.yaml_reader import DEFAULT_LIMITS

    first, _, entry = cache.load(path, DEFAULT_LIMITS)
    entry.save([])
    again, _, _ = cache.load(path, DEFAULT_LIMITS)
    assert again.ledger.document is None  # restored from the cache
    for result in (first, again):
        assert result.ledger.vocabulary == fresh.ledger.vocabulary
        assert result.ledger.claims["s"].predicate == "open-source"
        assert result.ledger.claims["q"].unit == "gpu"
    assert again.ledger.terms.factor("thousand-tokens") == 1000


# ------------------------------------------------------------------ capabilities (issue 19)

CAPABILITIES = """\
  capabilities:
    - {id: coding, label: coding, definition: Writing programs., categories: [code], aliases: [code generation]}
    - {id: text-generation, label: text generation, definition: Writing text., categories: [general, human-preference]}
"""
CAPABILITY_TEXT = "Model A excels in code generation. Model A falls short of Model B in text generation.\n"


def capability_claim(capability: str, kind: str = "comparison") -> str:
    if kind == "tally":
        return ('\n- {id: c, kind: tally, source: one, topic: benchmark, quote: "Model A excels in code generation", '
                f'subject: model-a, relation: higher, capability: {capability}, count: 1, total: 1}}\n'
                ).replace('excels in code generation"', 'excels in code generation", note: no figures')
    return ('\n- {id: c, kind: comparison, source: one, topic: benchmark, quote: "Model A falls short of Model B", '
            f'subjects: [model-a], relation: lower, objects: [model-b], capability: {capability}}}\n')


def test_a_capability_named_by_an_alias_is_held_as_its_id(tmp_path):
    path = with_vocabulary(tmp_path, CAPABILITIES, capability_claim('"code generation"'),
                           sources={"one": CAPABILITY_TEXT})
    result = load_ledger(path)
    assert result.diagnostics == []
    assert result.ledger.claims["c"].capability == "coding"
    assert result.ledger.terms.categories_of("text-generation") == ["general", "human-preference"]


def test_s003_unknown_capability_with_did_you_mean(tmp_path):
    path = with_vocabulary(tmp_path, CAPABILITIES, capability_claim("codng"), sources={"one": CAPABILITY_TEXT})
    found = only(path, "S003")
    value_at(found, path, "capability: codng")
    assert found.message == "unknown capability 'codng'" and found.hint == "did you mean 'coding'?"


def test_s003_a_capability_needs_a_declaration_even_without_a_vocabulary(tmp_path):
    """A capability means the benchmarks of its declared categories: undeclared, it means nothing."""
    path = build_ledger(tmp_path, capability_claim("coding"), sources={"one": CAPABILITY_TEXT})
    found = only(path, "S003")
    assert found.message == "unknown capability 'coding'"
    assert "declare it under vocabulary: capabilities" in found.hint


def test_s006_capability_naming_an_unknown_category(tmp_path):
    path = with_vocabulary(tmp_path, CAPABILITIES.replace("categories: [code]", "categories: [cod]"))
    found = only(path, "S006")
    at(found, path, "cod]")
    assert found.message == "capability 'coding': unknown category 'cod'" and found.hint == "did you mean 'code'?"


def test_s001_a_capability_with_no_category(tmp_path):
    path = with_vocabulary(tmp_path, CAPABILITIES.replace("categories: [code]", "categories: []"))
    assert "S001" in codes(path)


def test_s003_unknown_hedge_on_a_comparison_where_qualifiers_are_declared(tmp_path):
    claim = capability_claim("text-generation").replace("}\n", ", polarity: false, qualifiers: [not-yt]}\n")
    vocabulary = CAPABILITIES + "  qualifiers:\n    - {id: not-yet, label: not yet, definition: Not so far.}\n"
    path = with_vocabulary(tmp_path, vocabulary, claim, sources={"one": CAPABILITY_TEXT})
    found = only(path, "S003")
    assert found.message == "unknown qualifier 'not-yt'" and found.hint == "did you mean 'not-yet'?"
    fixed = with_vocabulary(tmp_path, vocabulary, claim.replace("not-yt", "not-yet"), sources={"one": CAPABILITY_TEXT})
    assert diagnostics(fixed) == []
