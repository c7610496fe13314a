"""Claims anchored to table cells (ledger/anchor/cells.py): which cell, its text as the
claim's quote and position as its anchor, footnotes, what the headers name, and a located
diagnostic for everything that does not fit (A007-A011)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ledger.load import load_ledger
from tests.conftest import ENTITIES, REPO, at, position_of, run, run_json, sha

DATA = REPO / "tests" / "data"
SCORES = (DATA / "tables" / "scores.md").read_bytes().decode("utf-8")
CARD = (DATA / "tables" / "card.md").read_bytes().decode("utf-8")
FOOTNOTES = """\
    footnotes:
      - {marker: "△", quote: "△Results obtained using 5-shot prompting (no CoT).", setting: {shots: 5, cot: false}}
      - {marker: "♢", quote: "♢Results obtained using zero-shot prompting.", setting: {shots: 0}}
"""
TOTAL = "  - {id: total, kind: model-family, name: Total}\n"


def build(folder: Path, claims: str, *, footnotes: str = FOOTNOTES, entities: str = ENTITIES,
          sources: dict[str, str] | None = None) -> Path:
    """A ledger whose source 'paper' is the pipe table (with ``footnotes``) and 'card' the HTML table."""
    sources = sources if sources is not None else {"paper": SCORES, "card": CARD}
    (folder / "sources").mkdir(exist_ok=True)
    lines = ["version: 1", "sources:"]
    for source_id, text in sources.items():
        (folder / "sources" / f"{source_id}.md").write_text(text, encoding="utf-8")
        lines += [f"  - id: {source_id}", f"    file: sources/{source_id}.md", f"    title: Source {source_id}",
                  "    kind: paper", f"    sha256: {sha(text)}"]
        if source_id == "paper" and footnotes:
            lines.append(footnotes.rstrip("\n"))
    body = "\n".join(lines) + "\n" + entities
    body += "claims:\n" + textwrap.indent(textwrap.dedent(claims).strip("\n"), "  ") + "\n"
    path = folder / "claims.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def score(cell: str, model: str = "model-b", value: str = "85.4", benchmark: str = "bench-x",
          extra: str = "", source: str = "paper", cid: str = "c1") -> str:
    return f"""
- id: {cid}
  kind: score
  source: {source}
  topic: benchmark
  cell: {cell}
  model: {model}
  benchmark: {benchmark}
  value: {value}{extra}
"""


def problems(path: Path) -> list:
    return load_ledger(path).diagnostics


def the(path: Path, code: str):
    found = [d for d in problems(path) if d.code == code]
    assert len(found) == 1, [d.render() for d in problems(path)]
    return found[0]


def source_position(text: str, marker: str, occurrence: int = 1) -> tuple[int, int]:
    offset = -1
    for _ in range(occurrence):
        offset = text.index(marker, offset + 1)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# ------------------------------------------------------------------ a cell found

def test_a_cell_is_the_claims_quote_and_anchor(tmp_path):
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}"))
    result = load_ledger(path)
    assert result.diagnostics == []
    claim = result.ledger.claims["c1"]
    assert claim.quote == "85.4"
    anchor = result.ledger.anchors["c1"]
    assert (anchor.line, anchor.column) == source_position(SCORES, "85.4")
    assert SCORES[anchor.start:anchor.end] == "85.4" and (anchor.end_line, anchor.end_column) == (7, 43)
    record = run_json("claims", "-l", path, "-f", "json")[0]
    assert record["quote"] == "85.4" and record["cell"] == {"table": None, "row": "Bench X (5-shot)",
                                                              "column": "Model B"}
    assert (record["line"], record["column"]) == source_position(SCORES, "85.4")


def test_html_cells_by_spanning_headers(tmp_path):
    claims = score('{row: Model A, column: [Bench X, 5-shot]}', model="model-a", value="89.0", source="card")
    claims += score('{row: Total, column: H100}', cid="c2", model="total", value="39.3M", source="card")
    path = build(tmp_path, claims, entities=ENTITIES + TOTAL)
    result = load_ledger(path)
    assert result.diagnostics == [], [d.render() for d in result.diagnostics]
    assert result.ledger.claims["c1"].quote == "89.0"
    total = result.ledger.anchors["c2"]
    assert (total.line, total.column) == (37, 8) and CARD[total.start:total.end] == "39.3M"


def test_a_quote_given_with_a_cell_must_be_in_it(tmp_path):
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", extra='\n  quote: "85.4"'))
    assert problems(path) == []
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", extra='\n  quote: "88.6"'))
    d = the(path, "A001")
    assert "not in the cell" in d.message and "'85.4'" in d.message
    at(d, path, '"88.6"')


# ------------------------------------------------------------------ cells not found

def test_a007_no_table(tmp_path):
    path = build(tmp_path, score("{row: Bench X, column: Model B}", source="plain"),
                 sources={"paper": SCORES, "plain": "Model B scores 85.4 on Bench X.\n"})
    d = the(path, "A007")
    assert "no table in sources/plain.md" in d.message
    at(d, path, "{row: Bench X")


def test_a007_table_number_or_caption_not_found(tmp_path):
    path = build(tmp_path, score("{table: 3, row: Bench X (5-shot), column: Model B}"))
    d = the(path, "A007")
    assert "table 3 asked for; sources/paper.md has 1 table(s)" in d.message
    at(d, path, "3, row")
    path = build(tmp_path, score("{table: Table 9, row: Bench X (5-shot), column: Model B}"))
    d = the(path, "A007")
    assert "'Table 9'" in d.message and "Table 2 Scores" in d.hint
    path = build(tmp_path, score("{table: Table 2, row: Bench X (5-shot), column: Model B}"))
    assert problems(path) == []
    path = build(tmp_path, score("{table: 1, row: Bench X (5-shot), column: Model B}"))
    assert problems(path) == []


def test_a008_row_or_column_not_found_with_the_closest_labels(tmp_path):
    path = build(tmp_path, score("{row: Bench X (5 shot), column: Model B}"))
    d = the(path, "A008")
    assert "no row 'Bench X (5 shot)'" in d.message and "did you mean 'Bench X (5-shot)'" in d.hint
    at(d, path, "Bench X (5 shot)")
    assert d.related and d.related[0].line == 5  # where the table is
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model Q}"))
    d = the(path, "A008")
    assert "no column 'Model Q'" in d.message and "did you mean" in d.hint and "'Model A'" in d.hint
    at(d, path, "Model Q")
    path = build(tmp_path, score("{row: Zebra, column: Model B}"))
    assert "its rows are labelled: 'Category'" not in the(path, "A008").hint  # body rows only
    assert "'General'" in the(path, "A008").hint


def test_a009_ambiguous_row_until_qualified(tmp_path):
    path = build(tmp_path, score('{row: "Bench Y (0-shot, CoT)", column: Model A}', model="model-a", value="60.1",
                                 benchmark="bench-y"))
    d = the(path, "A009")
    assert "is 2 rows of table 1 (lines 8, 9)" in d.message
    assert d.hint == 'qualify it: row: [General, "Bench Y (0-shot, CoT)"] or row: [Math, "Bench Y (0-shot, CoT)"]'
    at(d, path, '"Bench Y (0-shot, CoT)"')
    path = build(tmp_path, score('{row: [Math, "Bench Y (0-shot, CoT)"], column: Model A}', model="model-a",
                                 value="60.1", benchmark="bench-y"))
    assert problems(path) == []
    # the category printed once, on the row above, qualifies the row below it too
    path = build(tmp_path, score('{row: [General, "Bench Y (0-shot, CoT)"], column: Model A}', model="model-a",
                                 value="70.0", benchmark="bench-y"))
    assert problems(path) == []


def test_a009_ambiguous_column_of_a_colspan(tmp_path):
    path = build(tmp_path, score("{row: Model A, column: Bench X}", model="model-a", value="88.6", source="card"))
    d = the(path, "A009")
    assert "column 'Bench X' is 2 columns" in d.message
    assert "column: [Bench X, 0-shot] or column: [Bench X, 5-shot]" in d.hint


def test_a009_in_two_tables(tmp_path):
    text = SCORES + "\n" + SCORES.split("\n\n", 1)[1].split("\n\n")[1]
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}"), sources={"paper": text})
    d = the(path, "A009")
    assert "are in 2 tables" in d.message and "table: <its number>" in d.hint
    path = build(tmp_path, score("{table: 2, row: Bench X (5-shot), column: Model B}"), sources={"paper": text})
    assert problems(path) == []


# ------------------------------------------------------------------ what the cell says

def test_a003_a_number_not_in_the_cell(tmp_path):
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", value="85.5"))
    d = the(path, "A003")
    assert "value 85.5 is not in the cell (row 'Bench X (5-shot)', column 'Model B': '85.4')" in d.message
    at(d, path, "85.5")
    # shots stated by the row's label are found there
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", extra="\n  setting: {shots: 5}"))
    assert problems(path) == []
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", extra="\n  setting: {shots: 3}"))
    assert the(path, "A003").message.startswith("setting.shots 3 is not in the cell")


SHOTS_COLUMN = """\
| Benchmark | # Shots | Model B |
|---|---|---|
| Bench X | 5 | 85.4 |
| Bench X (CoT) | 0 | 88.6 |
"""


def test_shots_in_a_cell_the_row_selector_names(tmp_path):
    # a model card states shots in a column of their own: the claim names that cell among its
    # row's labels, and the figure there counts; a figure the selector does not name does not
    claims = score('{row: [Bench X, "5"], column: Model B}', extra="\n  setting: {shots: 5}")
    claims += score('{row: [Bench X (CoT), "0"], column: Model B}', value="88.6", cid="c2",
                    extra="\n  setting: {shots: 0, cot: true}")
    path = build(tmp_path, claims, sources={"paper": SHOTS_COLUMN}, footnotes="")
    assert problems(path) == []
    path = build(tmp_path, score("{row: Bench X, column: Model B}", extra="\n  setting: {shots: 5}"),
                 sources={"paper": SHOTS_COLUMN}, footnotes="")
    assert the(path, "A003").message.startswith("setting.shots 5 is not in the cell")


def test_footnotes_set_what_the_claim_leaves_unset(tmp_path):
    claims = score('{row: [General, "Bench Y (0-shot, CoT)"], column: Model B}', value="75.5", benchmark="bench-y")
    path = build(tmp_path, claims)
    result = load_ledger(path)
    assert result.diagnostics == []
    claim = result.ledger.claims["c1"]
    assert claim.quote == "75.5△" and (claim.setting.shots, claim.setting.cot) == (5, False)
    assert run_json("claims", "-l", path, "-f", "json")[0]["setting"] == {"shots": 5, "cot": False}


def test_a010_a_footnote_against_the_claims_setting(tmp_path):
    claims = score('{row: [Math, "Bench Y (0-shot, CoT)"], column: Model B}', value="61.2", benchmark="bench-y",
                   extra="\n  setting: {shots: 8, cot: true}")
    path = build(tmp_path, claims)
    d = the(path, "A010")
    assert d.message == ("the cell's ♢ says shots 0 (line 11: '♢Results obtained using zero-shot prompting.'); "
                         "the claim says 8")
    at(d, path, "8, cot")
    assert [(r.line, r.column) for r in d.related] == [source_position(SCORES, "61.2"), (11, 1)]


def test_a010_an_undeclared_marker(tmp_path):
    claims = score('{row: [Math, "Bench Y (0-shot, CoT)"], column: Model C}', model="model-c", value="62.3",
                   benchmark="bench-y")
    path = build(tmp_path, claims)
    d = the(path, "A010")
    assert "marker '◁'" in d.message and "has no footnote on source 'paper'" in d.message
    assert 'footnotes: [{marker: "◁"' in d.hint
    at(d, path, "{row: [Math")


def test_a001_a_footnote_quote_not_in_the_source(tmp_path):
    footnotes = FOOTNOTES.replace("zero-shot prompting.", "zero shot prompting!")
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}"), footnotes=footnotes)
    d = the(path, "A001")
    assert d.message.startswith("footnote: quote not found")
    at(d, path, '"♢Results obtained using zero shot')


def test_a011_the_header_names_another_model_or_benchmark(tmp_path):
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", model="model-a"))
    d = the(path, "A011")
    assert d.message == "column 'Model B' names model-b, the claim says model-a"
    at(d, path, "model-a", 2)
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", benchmark="bench-y"))
    assert the(path, "A011").message == "row 'Bench X (5-shot)' names bench-x, the claim says bench-y"


SCOPED = ENTITIES.replace("  - {id: model-c, kind: model, name: Model C, aliases: [Model C]}",
                          '  - {id: model-c, kind: model, name: Model C, aliases: [{name: Model B, source: paper, '
                          'quote: "Table 2 Scores of the models"}]}')


def test_a_scoped_alias_names_its_entity_in_that_source_only(tmp_path):
    entities = SCOPED.replace("  - {id: model-b, kind: model, name: Model B, aliases: [Model B]}\n", "")
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}", model="model-c"), entities=entities)
    assert problems(path) == []
    path = build(tmp_path, score("{row: Model A, column: [Bench X, 0-shot]}", model="model-c", value="88.6",
                                 source="card"), entities=entities.replace("name: Model A, family: family-a, aliases: [Model A]",
                                                           "name: Model Z, family: family-a"))
    assert problems(path) == []  # elsewhere the alias names nothing (the card's "Model A" names no entity either)


def test_a_scoped_alias_is_checked(tmp_path):
    entities = SCOPED.replace('quote: "Table 2 Scores of the models"', 'quote: "Table 3 Scores"')
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}"), entities=entities)
    d = the(path, "A001")
    assert d.message.startswith("alias: quote not found")
    at(d, path, '"Table 3 Scores"')
    path = build(tmp_path, score("{row: Bench X (5-shot), column: Model B}"),
                 entities=SCOPED.replace("source: paper,", "source: papr,"))
    d = the(path, "S003")
    assert "unknown source 'papr'" in d.message and "did you mean 'paper'" in d.hint


# ------------------------------------------------------------------ the cache, the CLI

def test_the_cache_completes_cell_claims_and_a_changed_source_moves_them(tmp_path, monkeypatch):
    from ledger.perf import cache
    from ledger.read.yaml_reader import DEFAULT_LIMITS

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("LEDGER_NO_CACHE", raising=False)
    cache._program = None
    claims = score('{row: [General, "Bench Y (0-shot, CoT)"], column: Model B}', value="75.5", benchmark="bench-y")
    path = build(tmp_path, claims)
    cold, _, entry = cache.load(path, DEFAULT_LIMITS)
    entry.save([])
    warm, _, again = cache.load(path, DEFAULT_LIMITS)
    assert again.hit
    assert warm.ledger.claims["c1"] == cold.ledger.claims["c1"]
    assert warm.ledger.claims["c1"].setting.shots == 5 and warm.ledger.claims["c1"].quote == "75.5△"
    assert warm.ledger.anchors["c1"] == cold.ledger.anchors["c1"]
    moved = "\n\n" + SCORES
    path = build(tmp_path, claims, sources={"paper": moved, "card": CARD})
    changed, _, entry = cache.load(path, DEFAULT_LIMITS)
    assert not entry.hit and changed.ledger.anchors["c1"].line == cold.ledger.anchors["c1"].line + 2


@pytest.mark.parametrize("code", ["A007", "A008", "A009", "A010", "A011"])
def test_explain_the_cell_codes(code):
    result = run("explain", code)
    assert result.exit_code == 0 and code in result.stdout


def test_check_reports_a_cell_problem_located(tmp_path):
    path = build(tmp_path, score("{row: Bench X (5 shot), column: Model B}"))
    result = run("check", "-l", path)
    assert result.exit_code == 1
    line, column = position_of(path, "Bench X (5 shot)")
    assert f"claims.yaml:{line}:{column}: A008" in result.stdout and "Traceback" not in result.stdout


# ------------------------------------------------------------------ the published tables

PAPER = (DATA / "primary" / "llama3_herd_excerpts.md").read_bytes().decode("utf-8")
MODEL_CARD = (DATA / "primary" / "llama3_1_MODEL_CARD.md").read_bytes().decode("utf-8")
PRIMARY_FOOTNOTES = """\
    footnotes:
      - {marker: "△", quote: "△Results obtained using 5-shot prompting (no CoT).", setting: {shots: 5, cot: false}}
      - {marker: "◁", quote: "◁Results obtained without CoT.", setting: {cot: false}}
      - {marker: "♢", quote: "♢Results obtained using zero-shot prompting.", setting: {shots: 0}}
"""
PRIMARY_ENTITIES = """\
entities:
  - {id: llama-3, kind: model-family, name: Llama 3}
  - {id: llama-3.1, kind: model-family, name: Llama 3.1, family: llama-3}
  - {id: llama-3.1-405b, kind: model, name: Llama 3.1 405B, family: llama-3.1, aliases: [Llama 405B, {name: Llama 3 405B, source: paper, quote: "All the results presented in this paper are for the Llama 3.1 models, which we will refer to as Llama 3 throughout for brevity."}]}
  - {id: gpt-4o, kind: model, name: GPT-4o, aliases: [GPT-4 Omni]}
  - {id: gpt-4, kind: model, name: GPT-4}
  - {id: claude-3.5-sonnet, kind: model, name: Claude 3.5 Sonnet, aliases: [Claude 3.5]}
  - {id: bfcl, kind: benchmark, name: BFCL, category: tool-use}
  - {id: gsm8k, kind: benchmark, name: GSM8K, category: math}
  - {id: mmlu, kind: benchmark, name: MMLU, category: general}
  - {id: nexus, kind: benchmark, name: Nexus, category: tool-use}
"""


def primary(folder: Path, claims: str) -> Path:
    return build(folder, claims, footnotes=PRIMARY_FOOTNOTES, entities=PRIMARY_ENTITIES,
                 sources={"paper": PAPER, "card": MODEL_CARD})


def test_the_papers_table_2_and_the_model_card(tmp_path):
    claims = score("{row: BFCL, column: GPT-4o}", model="gpt-4o", benchmark="bfcl", value="80.5")
    claims += score('{table: Table 2, row: "GSM8K (8-shot, CoT)", column: Claude 3.5 Sonnet}', cid="c2",
                    model="claude-3.5-sonnet", benchmark="gsm8k", value="96.4")
    claims += score("{row: Nexus (0-shot), column: Llama 3.1 405B Instruct}", cid="c3", model="llama-3.1-405b",
                    benchmark="nexus", value="58.7", source="card")
    claims += score("{row: Nexus, column: Llama 3 405B}", cid="c4", model="llama-3.1-405b", benchmark="nexus",
                    value="58.7")
    claims += """
- id: c5
  kind: quantity
  source: card
  topic: infrastructure
  cell: {row: Total, column: Training Time (GPU hours)}
  subject: llama-3
  quantity: training-gpu-hours
  value: 39.3M
  unit: GPU hours
"""
    result = load_ledger(primary(tmp_path, claims))
    assert result.diagnostics == [], [d.render() for d in result.diagnostics]
    lg = result.ledger
    bfcl = lg.anchors["c1"]
    assert (bfcl.line, bfcl.column) == (51, 78) and PAPER[bfcl.start:bfcl.end] == "80.5"
    gsm = lg.claims["c2"]
    assert gsm.quote == "96.4♢" and gsm.setting.shots == 0 and gsm.setting.cot is None
    total = lg.anchors["c5"]
    assert (total.line, total.column) == (166, 8) and lg.claims["c5"].quote == "39.3M"


def test_a_figure_read_from_the_wrong_column(tmp_path):
    claims = score("{row: BFCL, column: GPT-4o}", model="claude-3.5-sonnet", benchmark="bfcl", value="80.5")
    path = primary(tmp_path, claims)
    d = the(path, "A011")
    assert d.message == "column 'GPT-4o' names gpt-4o, the claim says claude-3.5-sonnet"
    # the 8-shot row's zero-shot cell: a claim that says 8-shot is told the footnote says otherwise
    claims = score('{row: "GSM8K (8-shot, CoT)", column: Claude 3.5 Sonnet}', model="claude-3.5-sonnet",
                   benchmark="gsm8k", value="96.4", extra="\n  setting: {shots: 8, cot: true}")
    d = the(primary(tmp_path, claims), "A010")
    assert d.message == ("the cell's ♢ says shots 0 (line 58: '♢Results obtained using zero-shot prompting.'); "
                         "the claim says 8")


def test_the_papers_own_name_for_llama_3_1_holds_in_the_paper(tmp_path):
    claims = score("{row: Nexus, column: Llama 3 405B}", model="gpt-4o", benchmark="nexus", value="58.7")
    d = the(primary(tmp_path, claims), "A011")
    assert d.message == "column 'Llama 3 405B' names llama-3.1-405b, the claim says gpt-4o"
    # in the model card, "Llama 3 70B Instruct" is Llama 3: the paper's alias does not hold there
    claims = score("{row: Nexus (0-shot), column: Llama 3 70B Instruct}", model="gpt-4o", benchmark="nexus",
                   value="47.8", source="card")
    assert [d.code for d in problems(primary(tmp_path, claims))] == []


def test_cell_claims_load_the_same_by_every_path(tmp_path, children, monkeypatch):
    """The fast reader with an anchoring child, and the reference reader alone: the same anchors,
    completed claims and diagnostics (a cell claim is placed by the parent; the child skips it)."""
    from ledger import load as loader
    from tests.conftest import load_outcome

    claims = score("{row: [General, \"Bench Y (0-shot, CoT)\"], column: Model B}", value="75.5", benchmark="bench-y")
    claims += score("{row: Bench X (5-shot), column: Model B}", cid="c2", extra='\n  quote: "85.4"')
    claims += score("{row: Bench X (5 shot), column: Model B}", cid="c3")
    claims += """
- {id: q, kind: score, source: paper, topic: benchmark, quote: "88.6", model: model-a, benchmark: bench-x, value: 88.6}
"""
    path = build(tmp_path, claims)
    forked = load_outcome(path)
    assert len(children) == 1 and children[0] is not None
    assert [line.split()[1] for line in forked[0]] == ["A008"]
    assert forked[2]["c1"]["setting"] == {"shots": 5, "cot": False} and forked[2]["c2"]["quote"] == "85.4"
    assert {"c1", "c2", "q"} <= set(forked[1])
    monkeypatch.setattr(loader, "PARALLEL_MIN_CHARS", 10**12)
    from ledger.read import fast_reader
    monkeypatch.setattr(fast_reader, "FAST_PATH_MIN_CHARS", 10**12)
    assert load_outcome(path) == forked


# ------------------------------------------------------------------ a cell that says "no result"

DASHES = (REPO / "tests" / "data" / "dashes" / "paper.md").read_bytes().decode("utf-8")


def unreported(cell: str, model: str = "model-b", cid: str = "n1", benchmark: str = "bench-x") -> str:
    return f"""
- id: {cid}
  kind: score
  source: paper
  topic: benchmark
  cell: {cell}
  model: {model}
  benchmark: {benchmark}
  reported: false
"""


def test_a_score_not_reported_is_claimed_on_a_dash_or_na_cell(tmp_path):
    claims = unreported("{row: Bench X, column: Model B}") + unreported(
        "{row: Bench Y (0-shot), column: Model C}", model="model-c", cid="n2", benchmark="bench-y")
    result = load_ledger(build(tmp_path, claims, sources={"paper": DASHES}, footnotes=""))
    assert result.diagnostics == [], [d.render() for d in result.diagnostics]
    dash, na = result.ledger.claims["n1"], result.ledger.claims["n2"]
    assert (dash.quote, dash.value, dash.reported, na.quote) == ("–", None, False, "n/a")
    anchor = result.ledger.anchors["n1"]
    assert (anchor.line, anchor.column) == source_position(DASHES, "–") and DASHES[anchor.start:anchor.end] == "–"
    shown = run("show", "n1", "-l", tmp_path / "claims.yaml", ok=True).output
    assert "reports no score for Model B on Bench X" in shown


def test_a012_a_score_not_reported_on_a_cell_that_holds_a_figure(tmp_path):
    path = build(tmp_path, unreported("{row: Bench X, column: Model C}", model="model-c"),
                 sources={"paper": DASHES}, footnotes="")
    d = the(path, "A012")
    assert "'85.0'" in d.message and "row 'Bench X', column 'Model C'" in d.message
    at(d, path, "false")  # the value of reported
    assert d.related[0].line == source_position(DASHES, "85.0")[0]
    result = run("check", "-l", path)
    assert result.exit_code == 1 and "A012" in result.stdout and "Traceback" not in result.output


def test_a_reported_score_on_a_dash_cell_is_a003(tmp_path):
    path = build(tmp_path, score("{row: Bench X, column: Model B}", value="85.0"), sources={"paper": DASHES},
                 footnotes="")
    assert "'–'" in the(path, "A003").message


def test_explain_a012():
    result = run("explain", "A012")
    assert result.exit_code == 0 and "reported: false" in result.stdout
