"""C006 not-comparable (ledger/check/rules/not_comparable.py): one model's scores on one
benchmark under different settings are a note, not a conflict."""

from __future__ import annotations

from tests.conftest import build_ledger, conflicts_of, score


def test_c006_different_settings_are_a_note_not_a_conflict(tmp_path):
    claims = score("b1", "one", "Bench X (0-shot): Model A scores 88.6, outperforming Model B (85.4)", "model-b", 85.4,
                   setting="{shots: 0}") + score("b2", "two", "Model B scores 85.4 on Bench X (5-shot)", "model-b", 85.4,
                                                 setting="{shots: 5}")
    path = build_ledger(tmp_path, claims)
    found = conflicts_of(path)
    assert [c.rule for c in found] == ["C006"]
    assert found[0].severity.value == "info"
    assert "0-shot" in found[0].message and "5-shot" in found[0].message


def test_c006_names_every_score_under_another_setting(tmp_path):
    text = "Bench X (0-shot): Model A scores 88.6. Bench X (5-shot): Model A scores 87.3. Model A scores 88.0 on Bench X.\n"
    claims = """
- {id: zero, kind: score, source: one, topic: benchmark, quote: "Bench X (0-shot): Model A scores 88.6", model: model-a, benchmark: bench-x, setting: {shots: 0}, value: 88.6}
- {id: five, kind: score, source: one, topic: benchmark, quote: "Bench X (5-shot): Model A scores 87.3", model: model-a, benchmark: bench-x, setting: {shots: 5}, value: 87.3}
- {id: plain, kind: score, source: one, topic: benchmark, quote: "Model A scores 88.0 on Bench X", model: model-a, benchmark: bench-x, value: 88.0}
"""
    path = build_ledger(tmp_path, claims, sources={"one": text})
    [note] = conflicts_of(path, "C006")
    assert note.claims == ("zero", "five")  # the unstated setting clashes with neither
