"""Validation (ledger/read/validate.py): each problem of a ledger's data is an S or R
diagnostic at its line and column; and the claims of a large ledger share their recurring
parts."""

from __future__ import annotations

from bench import generate
from ledger.load import load_ledger
from ledger.read import validate
from tests.conftest import ENTITIES, GOOD_SCORE, at, build_ledger, diagnostics, only, position_of


def test_s001_unknown_field_with_did_you_mean(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "vaule: 88.6"))
    unknown = [d for d in diagnostics(path) if "unknown field" in d.message][0]
    at(unknown, path, "vaule")
    assert "value" in unknown.hint
    missing = [d for d in diagnostics(path) if "missing field 'value'" in d.message][0]
    at(missing, path, "id: one-x-a")  # the claim's mapping starts at its first key


def test_s001_wrong_type_points_at_the_value(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("setting: {shots: 0}", "setting: {shots: 0, cot: yes}"))
    d = only(path, "S001")
    at(d, path, "yes}")
    assert "true or false" in d.hint


def test_s001_unknown_kind(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("kind: score", "kind: scroe"))
    d = only(path, "S001")
    at(d, path, "scroe")
    assert "score" in d.hint


def test_s001_a_role_that_is_neither_lists_the_roles(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE, roles={"one": "primry"})
    d = only(path, "S001")
    at(d, path, "primry")
    assert "'primary' or 'secondary'" in d.message and "primary" in d.hint


def test_a_source_is_secondary_unless_it_says_primary(tmp_path):
    from ledger.core.model import Role

    path = build_ledger(tmp_path, GOOD_SCORE, roles={"one": "primary"})
    ledger = load_ledger(path).ledger
    assert ledger.sources["one"].role is Role.PRIMARY and ledger.sources["two"].role is Role.SECONDARY


def test_s001_not_a_number(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("value: 88.6", "value: .nan"))
    at(only(path, "S001"), path, ".nan")


def test_s002_duplicate_id(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE + GOOD_SCORE)
    d = only(path, "S002")
    at(d, path, "one-x-a", 2)
    assert d.related[0].line == position_of(path, "- id: one-x-a")[0]


def test_s003_unknown_entity_with_did_you_mean_by_alias(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: model a"))
    assert any(d.code == "S001" for d in diagnostics(path))  # not an id at all
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: modle-a"))
    d = only(path, "S003")
    at(d, path, "modle-a")
    assert "model-a" in d.hint


def test_s003_unknown_source(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("source: one", "source: onee"))
    at(only(path, "S003"), path, "onee")


def test_s004_wrong_entity_kind(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE.replace("model: model-a", "model: bench-y"))
    at(only(path, "S004"), path, "bench-y", 2)


def test_s005_skip_outside_the_file(tmp_path):
    path = build_ledger(tmp_path, GOOD_SCORE)
    text = path.read_text().replace("    kind: blog-post\n", "    kind: blog-post\n    skips: [{lines: [3, 900], reason: x}]\n", 1)
    path.write_text(text)
    at(only(path, "S005"), path, "[3, 900]")


def test_r002_two_reviews_of_one_conflict(tmp_path):
    review = "reviews:\n  - {conflict: C001-0123456789, verdict: confirmed}\n  - {conflict: C001-0123456789, verdict: confirmed}\n"
    path = build_ledger(tmp_path, GOOD_SCORE, extra=review)
    at(only(path, "R002"), path, "C001-0123456789", 2)


def test_claims_of_one_shape_share_their_fields_set(tmp_path, any_size):
    generate.generate(60, tmp_path, seed=4)
    claims = [c for c in load_ledger(tmp_path / "claims.yaml").ledger.claims.values() if c.kind == "score"]
    first, second = claims[0], claims[1]
    assert first.model_fields_set == second.model_fields_set
    assert first.model_fields_set is second.model_fields_set  # one set, not one each
    assert first.setting.model_fields_set is second.setting.model_fields_set
    again = type(first).model_validate(first.model_dump(exclude_unset=True))  # what the set is for
    assert again == first and again.model_fields_set == first.model_fields_set
    changed = first.model_copy(update={"note": "n"})  # copies the set before adding to it
    assert "note" in changed.model_fields_set and "note" not in second.model_fields_set


def test_recurring_parts_of_claims_are_one_object_each(tmp_path, any_size, monkeypatch):
    generate.generate(300, tmp_path, seed=4)
    ledger = load_ledger(tmp_path / "claims.yaml").ledger
    claims = list(ledger.claims.values())

    def distinct(values):
        return len({id(v) for v in values}), len({v for v in values})

    for part in ("source", "model", "benchmark", "setting", "value"):
        values = [c.__dict__[part] for c in claims if c.kind == "score"]
        objects, equal = distinct(values)
        assert objects == equal < len(values), part  # as many objects as distinct values
    subjects = [s for c in claims if c.kind == "comparison" for s in c.subjects]
    assert distinct(subjects)[0] == distinct(subjects)[1] < len(subjects)
    figures = [c.value for c in claims if c.kind == "score"]
    written = {}
    for figure in figures:  # figures equal in value but written differently stay apart
        assert written.setdefault(figure.written, figure) is figure
    # own text is never shared
    assert len({id(c.quote) for c in claims}) == len(claims) == len({id(c.id) for c in claims})
    # sharing changes no value: the same ledger read without it holds equal claims
    monkeypatch.setattr(validate, "_share_parts", lambda model, shared: None)
    unshared = load_ledger(tmp_path / "claims.yaml").ledger.claims
    assert unshared == ledger.claims
    assert len({id(c.source) for c in unshared.values()}) == len(unshared)  # the no-op took effect


# ------------------------------------------------------------------ suites (issue 19)

SUITE_ENTITIES = """\
entities:
  - {id: model-a, kind: model, name: Model A}
  - {id: suite, kind: benchmark, name: Suite, category: long-context, metric: accuracy, unit: "%"}
  - {id: task-one, kind: benchmark, name: Suite/One, category: long-context, part_of: suite}
"""


def test_part_of_names_the_suite_of_a_benchmark(tmp_path):
    path = build_ledger(tmp_path, entities=SUITE_ENTITIES)
    result = load_ledger(path)
    assert result.diagnostics == [] and result.ledger.entities["task-one"].part_of == "suite"


def test_s004_part_of_a_model(tmp_path):
    path = build_ledger(tmp_path, entities=SUITE_ENTITIES.replace("part_of: suite", "part_of: model-a"))
    found = only(path, "S004")
    at(found, path, "model-a", 2)
    assert found.message == "'model-a' is a model, not a benchmark"


def test_s003_part_of_an_unknown_suite_with_did_you_mean(tmp_path):
    path = build_ledger(tmp_path, entities=SUITE_ENTITIES.replace("part_of: suite", "part_of: suit"))
    found = only(path, "S003")
    at(found, path, "suit}")
    assert found.message == "unknown entity 'suit'" and found.hint == "did you mean 'suite'?"


def test_s001_part_of_on_an_entity_that_is_no_benchmark(tmp_path):
    path = build_ledger(tmp_path, entities=SUITE_ENTITIES.replace("name: Model A}", "name: Model A, part_of: suite}"))
    found = only(path, "S001")
    assert "'part_of' is for benchmarks only; this entity is a model" in found.message


def test_s008_part_of_cycle_reported_once_at_its_first_member(tmp_path):
    entities = SUITE_ENTITIES.replace('unit: "%"}', 'unit: "%", part_of: task-two}') + \
        "  - {id: task-two, kind: benchmark, name: Suite/Two, category: long-context, part_of: task-one}\n"
    path = build_ledger(tmp_path, entities=entities)
    [found] = [d for d in diagnostics(path) if d.code == "S008"]
    at(found, path, "task-two}")
    assert found.message == "part_of makes a cycle: suite -> task-two -> task-one -> suite"
    own = build_ledger(tmp_path, entities=SUITE_ENTITIES.replace("part_of: suite", "part_of: task-one"))
    assert [d.message for d in diagnostics(own) if d.code == "S008"] == ["part_of makes a cycle: task-one -> task-one"]


def test_an_item_that_fails_validation_is_not_also_unknown_wherever_it_is_named(tmp_path):
    """A source with a bad role, or an entity with a bad kind, is one problem at that item: the
    claims that name it are not each told 'unknown source' (a compiler reports the broken
    declaration, not every use of it)."""
    path = build_ledger(tmp_path, GOOD_SCORE, roles={"one": "primry"},
                        entities=ENTITIES.replace("kind: model, name: Model A", "kind: modle, name: Model A"))
    found = diagnostics(path)
    assert sorted(d.code for d in found) == ["S001", "S001"], found
    assert {d.message.split(":")[0] for d in found} == {"role", "kind"}
