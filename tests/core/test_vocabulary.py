"""The vocabulary, looked up (ledger/core/vocabulary.py): ids and aliases, opposites, units,
and a claim with its terms as ids."""

from __future__ import annotations

from decimal import Decimal

from pydantic import TypeAdapter

from ledger.core.model import Claim, Figure, Vocabulary
from ledger.core.vocabulary import Terms

TERM = {"label": "x", "definition": "d"}
VOCABULARY = Vocabulary.model_validate({
    "predicates": [
        {"id": "open-source", **TERM, "aliases": ["open-sourced", "Open Weights"], "opposite": "proprietary"},
        {"id": "proprietary", **TERM},
        {"id": "parameters-count", **TERM, "object": "number"},
    ],
    "units": [
        {"id": "gpu-hour", "label": "GPU hours", "dimension": "compute-time", "aliases": ["GPU hours", "GPU-hours"]},
        {"id": "thousand-gpu-hours", "label": "thousand GPU hours", "dimension": "compute-time",
         "factor": 1000},
    ],
})
CLAIM = TypeAdapter(Claim)


def test_ids_and_aliases_in_any_case():
    terms = Terms(VOCABULARY)
    assert terms.canonical("predicates", "open-source") == "open-source"
    assert terms.canonical("predicates", "open-sourced") == "open-source"
    assert terms.canonical("predicates", " open weights ") == "open-source"
    assert terms.canonical("predicates", "OPEN-SOURCE") == "open-source"
    assert terms.canonical("predicates", "closed") is None
    assert terms.canonical("units", "GPU-hours") == "gpu-hour"
    assert terms.choices("predicates")[:3] == ["open-source", "proprietary", "parameters-count"]
    assert "Open Weights" in terms.choices("predicates")


def test_what_is_declared():
    terms = Terms(VOCABULARY)
    assert terms.any_declared and terms.declared("predicates") and terms.declared("units")
    assert not terms.declared("qualifiers") and not terms.declared("quantities")
    assert not Terms(Vocabulary()).any_declared
    assert Terms(Vocabulary(qualifiers=[])).declared("qualifiers")  # an empty list declares the type


def test_opposites_are_symmetric_whichever_side_declares():
    terms = Terms(VOCABULARY)
    assert terms.opposites == {"open-source": {"proprietary"}, "proprietary": {"open-source"}}


def test_units_dimension_and_factor():
    terms = Terms(VOCABULARY)
    assert terms.dimension("GPU hours") == "compute-time"
    assert terms.factor("thousand-gpu-hours") == Decimal(1000) and terms.factor("gpu-hour") == 1
    assert terms.factor("unknown") == 1 and terms.dimension("unknown") is None
    assert terms.label("units", "GPU-hours") == "GPU hours"


def test_a_claim_with_its_terms_as_ids():
    terms = Terms(VOCABULARY)
    statement = CLAIM.validate_python({"id": "s", "kind": "statement", "source": "one", "quote": "abc",
                                       "topic": "licensing", "subject": "model-a", "predicate": "open-sourced",
                                       "qualifiers": ["osi"]})
    canonical = terms.canonical_claim(statement)
    assert canonical.predicate == "open-source" and canonical.qualifiers == ["osi"]  # qualifiers: not declared
    assert statement.predicate == "open-sourced"  # a new claim, the old one unchanged
    already = terms.canonical_claim(canonical)
    assert already is canonical  # nothing to rewrite: the same object
    quantity = CLAIM.validate_python({"id": "q", "kind": "quantity", "source": "one", "quote": "abc",
                                      "topic": "model", "subject": "model-a", "quantity": "training-compute",
                                      "value": "39.3M", "unit": "GPU-hours"})
    assert terms.canonical_claim(quantity).unit == "gpu-hour"
    assert terms.canonical_claim(quantity).quantity == "training-compute"  # quantities: not declared


def test_a_number_object_written_as_text_becomes_a_figure():
    terms = Terms(VOCABULARY)
    statement = CLAIM.validate_python({"id": "s", "kind": "statement", "source": "one", "quote": "abc",
                                       "topic": "model", "subject": "model-a", "predicate": "parameters-count",
                                       "object": "405 billion"})
    found = terms.canonical_claim(statement).object
    assert isinstance(found, Figure) and found.value == Decimal(405 * 10**9)
    assert terms.canonical_claim(statement).numbers() == {"object": Decimal(405 * 10**9)}


def test_no_vocabulary_leaves_claims_alone():
    statement = CLAIM.validate_python({"id": "s", "kind": "statement", "source": "one", "quote": "abc",
                                       "topic": "licensing", "subject": "model-a", "predicate": "open-sourced"})
    assert Terms(Vocabulary()).canonical_claim(statement) is statement
