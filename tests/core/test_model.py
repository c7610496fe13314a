"""The data model's own rules (ledger/core/model.py): here, what a figure may be."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from ledger.core.model import MAX_FIGURE_DIGITS, FigureField, Settings


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
