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


def test_a_cell_shows_the_primarys_value_and_each_secondarys_deviation():
    from ledger import load_ledger
    from ledger.check.engine import find_conflicts
    from ledger.output.matrix import build_matrix, matrix_record
    from tests.conftest import REPO

    lg = load_ledger(REPO / "tests" / "data" / "primaries" / "claims.yaml").ledger
    matrix = build_matrix(lg, find_conflicts(lg))
    assert matrix.cell("model-a", "bench-x").text(mark=False) == "88.6 (blog -0.3)"
    assert matrix.cell("model-c", "bench-x").text(mark=False) == "85.0 (blog ±0)"
    assert matrix.cell("model-b", "bench-y").text(mark=False) == "75.5 (blog n/c)"  # 0-shot against 5-shot
    assert matrix.cell("model-b", "bench-w").text(mark=False) == "60.0 / 61.5"  # no primary: as before
    cell = next(c for c in matrix_record(lg, matrix)["cells"] if (c["model"], c["benchmark"]) == ("model-a", "bench-x"))
    assert [(c["id"], c["primary"], c["deviation"]) for c in cell["claims"]] == [
        ("paper-x-a", True, None), ("blog-x-a", False, -0.3)]
