"""The numbers in a text and the figures of a claim (ledger/core/numbers.py)."""

from __future__ import annotations

from decimal import Decimal

from ledger.core.numbers import numbers_in, parse_figure


def test_numbers_in_text_include_scaled_and_worded_numbers():
    found = numbers_in("128k tokens, 16,000 GPUs, two out of three, 0-shot, 19.1%, 405 billion")
    for value in ("128", "128000", "16000", "2", "3", "0", "19.1", "405", "405000000000"):
        assert Decimal(value) in found


def test_figures_keep_their_precision():
    assert parse_figure("88.6") == (Decimal("88.6"), Decimal("0.05"))
    assert parse_figure("88.60") == (Decimal("88.60"), Decimal("0.005"))
    assert parse_figure("16,000") == (Decimal(16000), Decimal(500))
    assert parse_figure("128k") == (Decimal(128000), Decimal(500))
    assert parse_figure("banana") is None
    assert parse_figure(".nan") is None


def test_a_power_of_ten_reads_as_the_number_it_writes():
    # the Llama 3 paper writes its compute as "3.8 × 10^25 FLOPs" (exponents with ^)
    assert Decimal("3.8e25") in numbers_in("pre-trained using 3.8 × 10^25 FLOPs, almost 50× more")
    assert Decimal("50") in numbers_in("pre-trained using 3.8 × 10^25 FLOPs, almost 50× more")
    assert Decimal("2e10") in numbers_in("2x10^10 tokens")
    assert parse_figure("3.8 × 10^25") == (Decimal("3.8e25"), Decimal("0.05e25"))
    assert parse_figure("4 x 10^3") == (Decimal(4000), Decimal(500))
    assert parse_figure("3.8 × 10^") is None
