"""Reading the tables of a source file (ledger/anchor/tables.py): pipe tables and HTML tables,
every cell's text and its exact place in the file."""

from __future__ import annotations

from pathlib import Path

from ledger.anchor.tables import find_tables, markers_in, shown
from tests.conftest import REPO

DATA = REPO / "tests" / "data"


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def cell(table, row_label: str, column: str):
    """The cell of the body row with a cell ``row_label`` under the header ``column``."""
    columns = [c for c in range(table.width) if any(h.text == column for h in table.headers(c))]
    rows = [r for r in table.body() if any(c.text == row_label for c in table.row_cells(r))]
    assert len(columns) == 1 and len(rows) == 1, (columns, rows)
    return table.at(rows[0], columns[0])


def place(text: str, found) -> tuple:
    """What the file says where the cell is, and (line, column) from the text itself."""
    before = text[:found.start]
    return text[found.start:found.end], before.count("\n") + 1, found.start - (before.rfind("\n") + 1) + 1


def test_a_pipe_table_cell_by_cell_with_positions():
    text = read(DATA / "tables" / "scores.md")
    [table] = find_tables(text)
    assert table.number == 1 and table.line == 5 and table.header_rows == 1
    assert table.titles == ("Table 2 Scores of the models on two benchmarks.", "Results")
    assert [c.text for c in table.headers(2)] == ["Model A"]
    found = cell(table, "Bench X (5-shot)", "Model C")
    assert found.text == "90.1" and (found.line, found.column) == (7, 46)
    assert place(text, found) == ("90.1", 7, 46)
    assert (found.end_line, found.end_column) == (7, 50)
    marked = table.at(2, 3)
    assert marked.text == "75.5△" and markers_in(marked.text) == ["△"]
    # the category printed once reads for the row below it
    assert [c.text for c in table.row_cells(2)][:2] == ["General", "Bench Y (0-shot, CoT)"]
    assert table.at(2, 0).text == ""


def test_an_html_table_with_spans_tags_and_unclosed_cells():
    text = read(DATA / "tables" / "card.md")
    [table] = find_tables(text)
    assert table.header_rows == 2 and table.width == 4 and table.titles[-1] == "Hardware"
    assert [[h.text for h in table.headers(c)] for c in range(4)] == [
        ["Model"], ["Bench X", "0-shot"], ["Bench X", "5-shot"], ["Training Time (GPU hours)", "H100"]]
    assert table.at(0, 1) is table.at(0, 2)  # colspan: one cell over two columns
    assert table.at(0, 0) is table.at(1, 0)  # rowspan: one cell over two rows
    strong = table.at(2, 1)
    assert strong.text == "88.6" and place(text, strong) == ("88.6", 22, 16)
    unclosed = table.at(2, 2)  # <td>89.0 ends where the next <td> begins
    assert unclosed.text == "89.0" and place(text, unclosed) == ("89.0", 24, 8)
    assert table.at(2, 3).text == "1.46M"
    assert table.at(3, 1).text == "" and table.at(3, 2).text == "-"
    total = table.at(3, 3)
    assert total.text == "39.3M" and place(text, total) == ("39.3M", 37, 8)
    header = table.at(0, 3)  # over three lines: from its first visible character to its last
    assert place(text, header)[0].startswith("Training Time") and (header.line, header.end_line) == (9, 11)


def test_the_papers_table_2_as_published():
    text = read(DATA / "primary" / "llama3_herd_excerpts.md")
    [table] = find_tables(text)
    assert table.width == 13 and len(list(table.body())) == 16
    assert "Table 2" in table.titles[0]
    bfcl = cell(table, "BFCL", "GPT-4o")
    assert bfcl.text == "80.5" and place(text, bfcl) == ("80.5", 51, 78)
    assert (bfcl.line, bfcl.column) == (51, 78)
    gsm = cell(table, "GSM8K (8-shot, CoT)", "Claude 3.5 Sonnet")
    assert gsm.text == "96.4♢" and markers_in(gsm.text) == ["♢"]
    assert [c.text for c in table.row_cells(12)][:2] == ["Tool use", "Nexus"]  # the category read down


def test_the_model_cards_tables_as_published():
    text = read(DATA / "primary" / "llama3_1_MODEL_CARD.md")
    tables = find_tables(text)
    assert [t.line for t in tables] == [10, 110, 198, 448, 791]
    energy = tables[1]
    total = cell(energy, "Total", "Training Time (GPU hours)")
    assert total.text == "39.3M" and place(text, total) == ("39.3M", 166, 8)
    # the unclosed <td>39.3M is followed by an empty cell: the row keeps its five columns
    assert [c.text for c in energy.rows[4]] == ["Total", "39.3M", "", "11,390", "0"]
    assert cell(energy, "Llama 3.1 405B", "Training Location-Based Greenhouse Gas Emissions (tons CO2eq)").text == "8,930"
    first = tables[0]  # rowspan="3": the knowledge cutoff is every row's
    assert {first.at(r, 8).text for r in first.body()} == {"December 2023"}
    instruct = tables[3]
    assert cell(instruct, "Nexus (0-shot)", "Llama 3.1 405B Instruct").text == "58.7"
    assert instruct.headers(8)[0].text == "Llama 3.1 405B Instruct"


def test_shown_text_and_markers():
    assert shown("<strong>Training</strong>\n<p>\n<strong>(tons &amp; CO2eq)</strong>") == "Training (tons & CO2eq)"
    assert shown("**88.6**") == "88.6" and shown("macro_avg/acc_char") == "macro_avg/acc_char"
    assert markers_in("92.3♢") == ["♢"] and markers_in("15T+") == [] and markers_in("72.3△◁") == ["△", "◁"]


def test_no_table_and_lookalikes():
    assert find_tables("plain text, no table") == []
    assert find_tables("a | b\n\nno separator\n") == []
    assert find_tables("Heading\n---\nnot a table | at all\n") == []


def test_hostile_tables_stay_linear_in_size():
    spans = "<table>" + "<tr>" + '<td rowspan="1000" colspan="1000">x' * 200 + "</table>"
    [table] = find_tables(spans)
    assert sum(len(row) for row in table.rows) <= 100_000 + 16 * 200 + 1000
    unclosed = "<table><tr><td><!--" + "<!--" * 10_000
    assert find_tables(unclosed)[0].rows[0][0].text == ""
    stars = "| a |\n|---|\n| " + "*x " * 5_000 + "|\n"
    assert find_tables(stars)[0].rows[1][0].text.startswith("*x")
