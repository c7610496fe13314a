"""The model x benchmark matrix of score claims (ledger/output/matrix.py), conflicting cells marked."""

from __future__ import annotations

from ledger.output.matrix import build_matrix, matrix_rows
from tests.conftest import loaded


def test_cells_values_and_conflicts(small):
    lg, conflicts = loaded(small)
    matrix = build_matrix(lg, conflicts)
    assert matrix.models == ["model-a", "model-b", "model-c"]  # the order of `entities`
    assert matrix.benchmarks == ["bench-x", "bench-y"]
    assert matrix.cell("model-a", "bench-x").values == ["88.6", "88.60"]  # two sources, as written
    assert [c.id for c in matrix.cell("model-a", "bench-x").claims] == ["x-a", "x-a2"]
    [c002] = [c for c in conflicts if c.rule == "C002"]
    assert matrix.cell("model-a", "bench-y").conflicts == [c002.id]
    assert matrix.cell("model-b", "bench-y").conflicts == [c002.id]
    assert not matrix.cell("model-a", "bench-x").conflicting  # C005 on model-a marks no cell
    assert matrix.cell("model-c", "bench-y") is None
    header, rows = matrix_rows(lg, matrix)
    assert header == ["benchmark", "Model A", "Model B", "Model C"]
    assert rows == [["Bench X", "88.6 / 88.60", "85.4", "90.1"], ["Bench Y", "70.0 !", "75.5 !", ""]]
