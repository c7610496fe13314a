"""The model (ledger/core/model.py): the vocabulary's terms, the ``overall`` and ``within``
targets of comparisons and rankings, and typed statement objects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from ledger.core.model import (
    LATER_FIELDS,
    REQUIRED_FIELDS,
    Claim,
    EntityKind,
    Figure,
    PredicateTerm,
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
        with pytest.raises(ValidationError, match="exactly one of 'benchmark', 'category' or 'overall: true'"):
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
    assert list(comparison(overall=True).model_dump())[-1] == "overall"
    assert list(ranking(overall=True).model_dump())[-2:] == ["overall", "within"]
    assert REQUIRED_FIELDS["comparison"][-1] == ("benchmark", "category", "overall")
    assert set(LATER_FIELDS) == {"overall", "within"}


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
