"""The model (ledger/core/model.py): the vocabulary's terms, the ``overall`` and ``within``
targets of comparisons and rankings, typed statement objects, and what a figure may be."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from ledger.core.model import (
    LATER_FIELDS,
    MAX_FIGURE_DIGITS,
    REQUIRED_FIELDS,
    Claim,
    EntityKind,
    Figure,
    FigureField,
    PredicateTerm,
    Settings,
    UnitTerm,
    Vocabulary,
)

CLAIM = TypeAdapter(Claim)
BASE = {"source": "one", "quote": "Model A leads overall", "topic": "benchmark"}


def comparison(**fields):
    return CLAIM.validate_python({"id": "c", "kind": "comparison", **BASE, "subjects": ["model-a"],
                                  "relation": "higher", "objects": ["model-b"], **fields})


def ranking(**fields):
    return CLAIM.validate_python({"id": "r", "kind": "ranking", **BASE, "subjects": ["model-a"], "rank": "first",
                                  **fields})


def test_overall_is_a_third_target_exactly_one_of_three():
    assert comparison(overall=True).overall is True
    assert ranking(overall=True).benchmark is None
    for fields in ({}, {"overall": True, "benchmark": "bench-x"}, {"overall": True, "category": "general"},
                   {"benchmark": "bench-x", "category": "general"}):
        with pytest.raises(ValidationError, match="exactly one of 'benchmark', 'category', 'capability' or 'overall: true'"):
            comparison(**fields)
    with pytest.raises(ValidationError):
        comparison(overall=False)  # written true or left out


def test_within_names_a_family_and_excludes_among():
    claim = ranking(overall=True, within="family-a")
    assert [ref[1:] for ref in claim.entity_refs() if ref[0] == ("within",)] == [("family-a", ("model-family",))]
    with pytest.raises(ValidationError, match="'among'.*or 'within'"):
        ranking(overall=True, within="family-a", among=["model-b"])


def test_the_new_fields_come_last_and_are_required_as_a_third_choice():
    """The JSON contract only adds keys: the record of a comparison or ranking ends with them."""
    assert list(comparison(overall=True).model_dump())[-4:] == ["overall", "capability", "polarity", "qualifiers"]
    assert list(ranking(overall=True).model_dump())[-5:] == ["overall", "within", "capability", "polarity", "qualifiers"]
    assert REQUIRED_FIELDS["comparison"][-1] == ("benchmark", "category", "overall", "capability")
    assert set(LATER_FIELDS) == {"overall", "within", "cell", "capability"}


def test_a_statement_object_is_text_or_a_number_as_written():
    base = {"id": "s", "kind": "statement", **BASE, "subject": "model-a", "predicate": "released-on"}
    assert CLAIM.validate_python({**base, "object": "2024-07-23"}).object == "2024-07-23"
    number = CLAIM.validate_python({**base, "object": Decimal("405")}).object
    assert isinstance(number, Figure) and number.written == "405"
    assert CLAIM.validate_python({**base, "object": 16}).numbers() == {"object": Decimal(16)}
    assert CLAIM.validate_python({**base, "object": "16"}).numbers() == {}  # text: no number to find in the quote
    assert CLAIM.validate_python({**base, "object": 16}).model_dump(mode="json")["object"] == 16


def test_predicate_object_spec():
    term = {"id": "p", "label": "p", "definition": "d"}
    assert PredicateTerm.model_validate({**term, "object": ["model", "hardware"]}).object == [
        EntityKind.MODEL, EntityKind.HARDWARE]
    assert PredicateTerm.model_validate({**term, "object": "date"}).object == "date"
    assert PredicateTerm.model_validate(term).object is None
    with pytest.raises(ValidationError, match=r"write a list of entity kinds: \[model\]"):
        PredicateTerm.model_validate({**term, "object": "model"})
    with pytest.raises(ValidationError, match="'robot' is not an entity kind"):
        PredicateTerm.model_validate({**term, "object": ["robot"]})
    with pytest.raises(ValidationError, match="text, number, date"):
        PredicateTerm.model_validate({**term, "object": "colour"})
    dumped = PredicateTerm.model_validate({**term, "object": ["model"], "subject": ["model"]}).model_dump(mode="json")
    assert dumped["object"] == ["model"] and dumped["subject"] == ["model"]


def test_unit_factor_is_a_number_kept_exactly():
    unit = {"id": "u", "label": "u", "dimension": "time"}
    assert UnitTerm.model_validate({**unit, "factor": Decimal("0.001")}).factor == Decimal("0.001")
    assert UnitTerm.model_validate(unit).factor == 1 and UnitTerm.model_validate(unit).definition is None
    for bad in ("1000", True, None):
        with pytest.raises(ValidationError):
            UnitTerm.model_validate({**unit, "factor": bad})
    assert UnitTerm.model_validate({**unit, "factor": -3}).factor == -3  # the loader says why (S006)


def test_a_term_type_left_out_is_not_declared():
    vocabulary = Vocabulary.model_validate({"predicates": []})
    assert vocabulary.predicates == [] and vocabulary.units is None


# ------------------------------------------------------------------ figures


class One(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    value: FigureField


class FIGURE:
    @staticmethod
    def validate_python(written):
        return One(value=written).value


@pytest.mark.parametrize("written", ["88.6", "1e100", "1e-100", "3.8e25", "405 billion", "1" * MAX_FIGURE_DIGITS,
                                     Decimal("1E+100"), 10**39])
def test_a_sane_figure_is_read(written):
    assert FIGURE.validate_python(written).value is not None


@pytest.mark.parametrize(("written", "said"), [
    ("1e999", "exponent 999"), ("1e-999999999", "exponent -999999999"), (Decimal("1E+999999999"), "exponent 999999999"),
    ("1" * (MAX_FIGURE_DIGITS + 1), "41 digits"), pytest.param(10**5000, "more than 40 digits", id="int10**5000"), (Decimal("1" + "0" * 999), "1,000 digits"),
    ("1e" + "9" * 5000, "exponent 999999999..."),
])
def test_an_absurd_figure_is_refused_with_a_short_message(written, said):
    with pytest.raises(ValidationError) as refused:
        FIGURE.validate_python(written)
    message = str(refused.value.errors()[0]["msg"])
    assert said in message and len(message) < 200


@pytest.mark.parametrize("tolerance", [Decimal("1E+999999999"), Decimal("1E-999999999"),
                                       pytest.param(10**5000, id="int10**5000")])
def test_an_absurd_tolerance_is_refused(tolerance):
    with pytest.raises(ValidationError):
        TypeAdapter(Settings).validate_python({"tolerances": {"about": tolerance}})


# ------------------------------------------------------------------ issue 18: cells, footnotes, scoped aliases

SCORE = {"id": "s", "kind": "score", "source": "one", "topic": "benchmark", "model": "model-a",
         "benchmark": "bench-x", "value": 80.5}


def test_a_cell_stands_in_for_the_quote_and_one_of_them_is_needed():
    claim = CLAIM.validate_python({**SCORE, "cell": {"row": "BFCL", "column": "GPT-4o"}})
    assert claim.quote is None and claim.cell.row == "BFCL" and claim.cell.table is None
    both = CLAIM.validate_python({**SCORE, "quote": "80.5", "cell": {"table": 2, "row": ["Tool use", "BFCL"],
                                                                     "column": ["Llama 3", "405B"]}})
    assert both.cell.row == ["Tool use", "BFCL"] and both.cell.table == 2
    with pytest.raises(ValidationError, match="give a 'quote'.*or a 'cell'"):
        CLAIM.validate_python(SCORE)
    for bad in ({"row": "BFCL"}, {"row": [], "column": "x"}, {"row": "a", "column": "b", "table": 0},
                {"row": "a", "column": "b", "line": 3}):
        with pytest.raises(ValidationError):
            CLAIM.validate_python({**SCORE, "cell": bad})


def test_an_unset_cell_leaves_the_conflict_fingerprint_alone():
    claim = CLAIM.validate_python({**SCORE, "quote": "scores 80.5"})
    assert "cell" in LATER_FIELDS and claim.model_dump()["cell"] is None


def test_footnotes_and_scoped_aliases():
    from ledger.core.model import Entity, Source

    source = Source.model_validate({"id": "p", "file": "f", "title": "t", "kind": "paper", "sha256": "0" * 64,
                                    "footnotes": [{"marker": "♢", "quote": "♢Results obtained using zero-shot",
                                                   "setting": {"shots": 0}}]})
    assert source.footnotes[0].setting.shots == 0
    with pytest.raises(ValidationError):
        Source.model_validate({**source.model_dump(), "footnotes": [{"marker": "♢", "quote": "zero-shot"}]})
    entity = Entity.model_validate({"id": "m", "kind": "model", "name": "Llama 3.1 405B",
                                    "aliases": ["Llama 405B", {"name": "Llama 3 405B", "source": "p",
                                                               "quote": "we will refer to as Llama 3"}]})
    assert entity.names() == ["Llama 3.1 405B", "Llama 405B"]
    assert entity.names("p") == ["Llama 3.1 405B", "Llama 405B", "Llama 3 405B"]
    assert entity.names("other") == entity.names()


def score(**fields):
    return CLAIM.validate_python({"id": "s", "kind": "score", **BASE, "model": "model-a", "benchmark": "bench-x",
                                  **fields})


def test_a_score_the_source_does_not_report_has_no_value_and_says_reported_false():
    none = score(reported=False)
    assert (none.reported, none.value, none.numbers()) == (False, None, {})
    assert score(reported=False, value=None).value is None
    assert score(value=88.6).reported is True
    assert list(none.model_dump())[-1] == "reported"  # the JSON contract only adds keys: last
    with pytest.raises(ValidationError, match="give the 'value'.*or 'reported: false'"):
        score()
    with pytest.raises(ValidationError, match="give the 'value'"):
        score(reported=True)
    with pytest.raises(ValidationError, match="'reported: false' has no 'value'"):
        score(reported=False, value=88.6)


def test_ledger_add_needs_a_scores_value_unless_it_is_not_reported():
    from ledger.core.model import REQUIRED_UNLESS

    assert ("value",) in REQUIRED_FIELDS["score"]
    assert REQUIRED_UNLESS == {("score", "value"): ("reported", False)}


def test_a_reported_score_keeps_its_conflict_ids():
    """``reported: true`` (the default) is left out of the hash conflict ids are made of."""
    from ledger.check.engine import claim_fingerprint

    import hashlib
    import json

    reported = score(value=88.6, reported=True)
    before = {k: v for k, v in reported.model_dump(mode="json").items() if k not in ("reported", "cell")}
    assert claim_fingerprint(reported) == hashlib.sha256(
        json.dumps(before, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    assert claim_fingerprint(score(reported=False)) != claim_fingerprint(score(value=88.6))
