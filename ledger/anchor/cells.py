"""Claims anchored to a table cell (``cell: {table, row, column}``): which cell, and what it says.

``resolve`` finds the one cell a selector names among a source's tables (``ledger.anchor.tables``):
the row by its label (or labels read left to right), the column by its header (or headers read
top down), the table by its caption or heading, or its number. What is not found, or found
twice, is a problem with the closest labels as did-you-mean (A007-A009).

``CellAnchoring`` then anchors a claim there: its quote is the cell's text (a quote given
must be inside it), every number of the claim must be in the cell (A003), the footnote
markers in the cell give their settings to the claim's (A010), the headers must not
name another model or benchmark than the claim's (A011), and a score the claim says the source
does not report (``reported: false``) must be on a cell that holds no result: a dash, "n/a" or
nothing (A012). What the cell adds to the claim
(its quote, the footnotes' setting) is kept as plain data (``Ledger.completed``), so that a
ledger restored from the cache completes its claims the same way (``complete``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

from ledger.anchor.fold import fold_quote
from ledger.anchor.quotes import AnchorProblem, SourceText, anchor_quote, numbers_missing_from_quote
from ledger.anchor.tables import Cell, Table, is_figure, is_placeholder, label_key, markers_in
from ledger.core.diagnostics import Location
from ledger.core.model import Setting
from ledger.core.numbers import format_number
from ledger.core.passages import Anchor
from ledger.core.words import did_you_mean, join_words

SHOWN_LABELS = 8  # labels listed in a hint when none is close


@dataclass(frozen=True)
class Found:
    table: Table
    row: int
    column: int
    cell: Cell

    def labels(self) -> list[Cell]:
        """The cells that say what this one is: its row's labels, then its column's headers."""
        row = [c for c in self.table.row_cells(self.row) if c is not self.cell and c.text and not is_figure(c.text)]
        return row + [c for c in self.table.headers(self.column) if c.text]

    def where(self) -> str:
        row = next((c.text for c in reversed(self.table.row_cells(self.row)[:self._label_end()])), "?")
        column = self.table.headers(self.column)
        return f"row '{row}', column '{column[-1].text if column else self.column + 1}'"

    def _label_end(self) -> int:
        cells = self.table.row_cells(self.row)
        for n, cell in enumerate(cells):
            if cell.text and is_figure(cell.text) or cell is self.cell:
                return n
        return len(cells)


@dataclass(frozen=True)
class CellProblem:
    code: str
    message: str
    hint: str
    part: tuple = ("cell",)  # where in the claim: ("cell", "row") ...
    lines: tuple[int, ...] = ()  # where in the source


def _wanted(value) -> list[str]:
    return [label_key(v) for v in (value if isinstance(value, list) else [value])]


def _said(value) -> str:
    return repr(value) if isinstance(value, str) else "[" + ", ".join(repr(v) for v in value) + "]"


def _in_order(wanted: list[str], keys: list[str]) -> bool:
    """Whether ``wanted`` are among ``keys`` in that order."""
    at = 0
    for key in keys:
        if at < len(wanted) and key == wanted[at]:
            at += 1
    return at == len(wanted)


class _Keys:
    """A table's labels as matched: each body row's cells, each column's headers."""

    def __init__(self, table: Table) -> None:
        self.rows = {r: [label_key(c.text) for c in table.row_cells(r)] for r in table.body()}
        self.columns = {c: [label_key(h.text) for h in table.headers(c)] for c in range(table.width)}
        # label -> the rows (columns) that hold it: a claim looks at those only, not at every row
        self.row_index = _index(self.rows)
        self.column_index = _index(self.columns)

    def matching_rows(self, wanted: list[str]) -> list[int]:
        return [r for r in self.row_index.get(wanted[-1], ()) if _in_order(wanted, self.rows[r])]

    def matching_columns(self, wanted: list[str]) -> list[int]:
        return [c for c in self.column_index.get(wanted[-1], ()) if _in_order(wanted, self.columns[c])]


def _index(labels: dict[int, list[str]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for at, keys in labels.items():
        for key in dict.fromkeys(keys):
            index.setdefault(key, []).append(at)
    return index


_KEYS: dict[int, tuple[Table, _Keys]] = {}


def _keys(table: Table) -> _Keys:
    known = _KEYS.get(id(table))
    if known is None or known[0] is not table:
        if len(_KEYS) > 4096:
            _KEYS.clear()
        known = _KEYS[id(table)] = (table, _Keys(table))
    return known[1]


def resolve(tables: list[Table], selector, file: str) -> Found | CellProblem:
    """The one cell ``selector`` (a model ``Cell``) names among ``tables`` (of ``file``)."""
    if not tables:
        return CellProblem("A007", f"no table in {file}", "anchor the claim with a 'quote' instead, or check "
                           "'source': a table is a markdown pipe table or an HTML <table>", ("cell",))
    candidates = tables
    if isinstance(selector.table, int):
        if selector.table > len(tables):
            return CellProblem("A007", f"table {selector.table} asked for; {file} has {len(tables)} table(s)",
                               f"give a number from 1 to {len(tables)}, or a part of the table's caption",
                               ("cell", "table"), tuple(t.line for t in tables))
        candidates = [tables[selector.table - 1]]
    elif isinstance(selector.table, str):
        wanted = fold_quote(selector.table).lower()
        candidates = [t for t in tables if any(wanted in fold_quote(title).lower() for title in t.titles)]
        if not candidates:
            titles = [t.titles[0] for t in tables if t.titles]
            return CellProblem("A007", f"no table of {file} has {selector.table!r} in its caption or heading",
                               did_you_mean(selector.table, titles) or "its tables are named: "
                               + "; ".join(f"{t.number} (line {t.line}): {_short(t.titles[0]) if t.titles else '-'}"
                                           for t in tables[:SHOWN_LABELS]),
                               ("cell", "table"), tuple(t.line for t in tables))
    rows_wanted, columns_wanted = _wanted(selector.row), _wanted(selector.column)
    matches = []
    row_tables = []
    for table in candidates:
        keys = _keys(table)
        rows = keys.matching_rows(rows_wanted)
        if rows:
            row_tables.append(table)
            columns = keys.matching_columns(columns_wanted)
            if columns:
                matches.append((table, rows, columns))
    if not matches:
        if not row_tables:
            labels = [c.text for t in candidates for r in t.body() for c in t.row_cells(r)
                      if c.text and not is_figure(c.text)]
            return CellProblem("A008", f"no row {_said(selector.row)} in {_which(candidates, file)}",
                               _closest(_last(selector.row), labels, "rows are labelled"), ("cell", "row"),
                               tuple(t.line for t in candidates))
        headers = [h.text for t in row_tables for c in range(t.width) for h in t.headers(c) if h.text]
        return CellProblem("A008", f"no column {_said(selector.column)} in {_which(row_tables, file)}",
                           _closest(_last(selector.column), headers, "columns are headed"), ("cell", "column"),
                           tuple(t.line for t in row_tables))
    if len(matches) > 1:
        return CellProblem("A009", f"row {_said(selector.row)} and column {_said(selector.column)} are in "
                           f"{len(matches)} tables of {file}: "
                           + join_words(f"table {t.number} (line {t.line})" for t, _, _ in matches),
                           "say which: table: <its number> or a part of its caption", ("cell",),
                           tuple(t.line for t, _, _ in matches))
    table, rows, columns = matches[0]
    if len(rows) > 1:
        qualified = [_qualified(table, r, rows_wanted) for r in rows[:2]]
        lines = tuple(next((c.line for c in table.row_cells(r) if label_key(c.text) == rows_wanted[-1]), table.line)
                      for r in rows)
        return CellProblem("A009", f"row {_said(selector.row)} is {len(rows)} rows of table {table.number} "
                           f"(lines {', '.join(map(str, lines[:5]))})",
                           "qualify it: " + " or ".join(f"row: {q}" for q in qualified), ("cell", "row"), lines)
    if len(columns) > 1:
        qualified = [_flow([h.text for h in table.headers(c)]) for c in columns[:2]]
        return CellProblem("A009", f"column {_said(selector.column)} is {len(columns)} columns of table "
                           f"{table.number} (line {table.line})",
                           "qualify it with the headers above it: " + " or ".join(f"column: {q}" for q in qualified),
                           ("cell", "column"), (table.line,))
    cell = table.at(rows[0], columns[0])
    if cell is None:
        return CellProblem("A008", f"row {_said(selector.row)} has no cell under column {_said(selector.column)} "
                           f"(table {table.number}, line {table.line})", "the row is shorter than the header",
                           ("cell", "column"), (table.line,))
    return Found(table, rows[0], columns[0], cell)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def _last(value) -> str:
    return value if isinstance(value, str) else value[-1]


def _which(tables: list[Table], file: str) -> str:
    return f"table {tables[0].number} of {file}" if len(tables) == 1 else f"the tables of {file}"


def _closest(name: str, labels: list[str], what: str) -> str:
    distinct = list(dict.fromkeys(labels))
    return did_you_mean(name, distinct, n=3) or (
        f"its {what}: " + ", ".join(repr(label) for label in distinct[:SHOWN_LABELS])
        + (", ..." if len(distinct) > SHOWN_LABELS else ""))


def _qualified(table: Table, row: int, wanted: list[str]) -> str:
    """A row's labels up to the one asked for, as YAML: [General, "MMLU (0-shot, CoT)"]."""
    labels = []
    for cell in table.row_cells(row):
        if not cell.text or is_figure(cell.text):
            break
        labels.append(cell.text)
        if label_key(cell.text) == wanted[-1]:
            break
    return _flow(labels)


_PLAIN = re.compile(r"(?=[^ ]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9 ._/()+'-]*")


def _flow(labels: list[str]) -> str:
    """Labels as a YAML flow list, each plain where YAML reads it back as the same text."""
    return "[" + ", ".join(label if _PLAIN.fullmatch(label) and not label.endswith(" ") else json.dumps(label, ensure_ascii=False)
                           for label in labels) + "]"


# ------------------------------------------------------------------ a claim on a cell

def complete(claim, update: dict | None):
    """The claim with what its cell adds (``update``: plain data, as ``Ledger.completed`` keeps it)."""
    if not update:
        return claim
    changes = dict(update)
    if "setting" in changes:
        changes["setting"] = Setting(**changes["setting"])
    return claim.model_copy(update=changes)


class CellAnchoring:
    """Anchors claims to cells of their sources' tables, reporting to ``report(node, code,
    message, hint, related)``."""

    def __init__(self, ledger, report) -> None:
        self.ledger = ledger
        self.report = report
        self.footnote_lines: dict[tuple[str, int], int | None] = {}
        self.names: dict[tuple[str, str], dict] = {}  # (source, "model"/"benchmark") -> name -> ids

    def place(self, claim, node: tuple) -> None:
        ledger = self.ledger
        source = ledger.sources[claim.source]
        text: SourceText = ledger.texts[claim.source]
        shown = ledger.display_path(source.file)
        found = resolve(text.tables, claim.cell, source.file)
        if isinstance(found, CellProblem):
            self.report(node + found.part, found.code, found.message, found.hint,
                        [Location(shown, line, 1) for line in found.lines[:5]])
            return
        cell = found.cell
        here = [Location(shown, cell.line, cell.column)]
        update: dict = {}
        if claim.quote is None:
            update["quote"] = cell.text
        elif fold_quote(claim.quote) not in fold_quote(cell.text):
            self.report(node + ("quote",), "A001",
                        f"the quote is not in the cell ({found.where()}: {cell.text!r})",
                        "quote the cell's text, or leave 'quote' out: the cell's text is the quote", here)
        numbers = claim.numbers()
        shots = numbers.pop("setting.shots", None)
        for field_name, value in numbers_missing_from_quote(numbers, cell.text):
            self.report(node + tuple(field_name.split(".")), "A003",
                        f"{field_name} {format_number(value)} is not in the cell ({found.where()}: {cell.text!r})",
                        "claim the cell that states this number, or correct the number", here)
        if claim.kind == "score" and not claim.reported and not is_placeholder(cell.text):
            self.report(node + ("reported",), "A012",
                        f"the claim says the source reports no score here, but the cell holds {cell.text!r} "
                        f"({found.where()})",
                        "claim the figure with 'value' (and no 'reported: false'), or the cell that holds "
                        "a dash, 'n/a' or nothing", here)
        footnotes = self._footnotes(claim, source, found, node, here)
        if shots is not None:
            # the cells the row selector names count too, figures among them: a model card's "# Shots" column
            named = claim.cell.row if isinstance(claim.cell.row, list) else [claim.cell.row]
            context = " | ".join([cell.text] + [c.text for c in found.labels()] + named + [f.quote for f in footnotes])
            if numbers_missing_from_quote({"setting.shots": shots}, context):
                self.report(node + ("setting", "shots"), "A003",
                            f"setting.shots {format_number(shots)} is not in the cell, its row or column labels, "
                            f"or its footnotes ({found.where()})",
                            "leave the shots out where the table does not state them, or correct them", here)
        merged = self._merge(claim, footnotes, source, node, here)
        if merged is not None:
            update["setting"] = merged
        if claim.kind == "score":
            self._names(claim, found, node, here)
        ledger.anchors[claim.id] = Anchor(cell.start, cell.end, cell.line, cell.column, cell.end_line, cell.end_column)
        if update:
            ledger.completed[claim.id] = update
            ledger.claims[claim.id] = complete(claim, update)

    # -- footnotes
    def _footnotes(self, claim, source, found: Found, node: tuple, here: list) -> list:
        declared = {footnote.marker: footnote for footnote in source.footnotes}
        applied = []
        for marker in markers_in(found.cell.text):
            footnote = declared.get(marker)
            if footnote is None:
                self.report(node + ("cell",), "A010",
                            f"the cell's marker {marker!r} ({found.where()}: {found.cell.text!r}) has no footnote "
                            f"on source '{source.id}'",
                            f"declare it on the source: footnotes: [{{marker: \"{marker}\", quote: \"<the footnote's "
                            f"text>\", setting: {{shots: N, cot: true|false}}}}]", here)
            else:
                applied.append(footnote)
        for footnote in source.footnotes:  # a marker of several characters ("**", "a)")
            if len(footnote.marker) > 1 and footnote.marker in found.cell.text and footnote not in applied:
                applied.append(footnote)
        return applied

    def _merge(self, claim, footnotes: list, source, node: tuple, here: list) -> dict | None:
        """The claim's setting with the footnotes' parts it leaves unset (None: no change)."""
        setting = getattr(claim, "setting", None)
        if not footnotes or setting is None:
            return None
        merged = {"shots": setting.shots, "cot": setting.cot}
        for footnote in footnotes:
            for part in ("shots", "cot"):
                says = getattr(footnote.setting, part)
                if says is None:
                    continue
                if merged[part] is None:
                    merged[part] = says
                elif merged[part] != says:
                    line = self._footnote_line(source, footnote)
                    where = f"line {line}: " if line else ""
                    self.report(node + ("setting", part), "A010",
                                f"the cell's {footnote.marker} says {part} {_value(says)} ({where}{footnote.quote!r}); "
                                f"the claim says {_value(merged[part])}",
                                f"the footnote decides: write {part}: {_value(says)}, or leave it out",
                                here + ([Location(self.ledger.display_path(source.file), line, 1)] if line else []))
        if merged == {"shots": setting.shots, "cot": setting.cot}:
            return None
        return merged

    def _footnote_line(self, source, footnote) -> int | None:
        key = (source.id, source.footnotes.index(footnote))
        if key not in self.footnote_lines:
            found = anchor_quote(self.ledger.texts[source.id], footnote.quote, search_closest=False)
            self.footnote_lines[key] = None if isinstance(found, AnchorProblem) else found.line
        return self.footnote_lines[key]

    # -- what the headers name
    def _names(self, claim, found: Found, node: tuple, here: list) -> None:
        labels = found.labels()
        # a label naming a model family only ("Llama 3 8B" where no entity is called so) does not
        # say which model: families are not read
        for field_name, kinds in (("model", ("model",)), ("benchmark", ("benchmark",))):
            wanted = getattr(claim, field_name)
            index = self._name_index(claim.source, field_name, kinds)
            named: list[tuple[Cell, str]] = []
            for label in labels:
                named += [(label, entity) for entity in _named(label.text, index)]
            if not named:
                continue
            lineage = set(self.ledger.lineage(wanted))
            if any(entity in lineage or wanted in self.ledger.lineage(entity) for _, entity in named):
                continue
            label, entity = next(((lab, e) for lab, e in named if lab.header), named[0])
            what = "column" if label.header else "row"
            self.report(node + (field_name,), "A011",
                        f"{what} '{label.text}' names {entity}, the claim says {wanted}",
                        f"claim the cell under {self.ledger.name(wanted)!r}, or correct '{field_name}'",
                        here + [Location(self.ledger.display_path(self.ledger.sources[claim.source].file),
                                         label.line, label.column)])

    def _name_index(self, source: str, field_name: str, kinds) -> dict:
        key = (source, field_name)
        index = self.names.get(key)
        if index is None:
            names: dict[str, set[str]] = {}
            for entity in self.ledger.entities.values():
                if entity.kind.value in kinds:
                    for name in entity.names(source):
                        names.setdefault(label_key(name).lower(), set()).add(entity.id)
            patterns = sorted(names, key=len, reverse=True)
            index = self.names[key] = {"names": names, "order": patterns, "memo": {}}
        return index


def _named(label: str, index: dict) -> list[str]:
    """The entities a label names: the longest names found in it as whole words (a name
    inside a longer one found there does not count)."""
    memo = index["memo"]
    key = label_key(label).lower()
    if key in memo:
        return memo[key]
    taken: list[tuple[int, int]] = []
    found: list[str] = []
    for name in index["order"]:
        if not name or name not in key:
            continue
        for match in re.finditer(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", key):
            if any(a <= match.start() and match.end() <= b for a, b in taken):
                continue
            taken.append(match.span())
            found += sorted(index["names"][name] - set(found))
    memo[key] = found
    return found


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return format_number(Decimal(value)) if isinstance(value, int) else str(value)
