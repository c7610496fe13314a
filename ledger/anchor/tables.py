"""The tables of a source file: markdown pipe tables and HTML ``<table>``s, cell by cell.

Each cell has the text a reader sees (tags dropped, character references read, whitespace
squeezed, NFC) and the exact place of that text in the file: from its first visible
character to its last, tags between them included (``<td><strong>85.2</strong></td>`` is
placed at ``85.2``; a header written over two lines spans both). HTML is read as browsers
read table markup: an unclosed ``<td>`` ends where the next cell or row begins, ``rowspan`` and
``colspan`` fill the cells they cover, tags inside a cell are markup. A pipe table's empty
cells in its label columns (the leading columns without a figure) carry the label above
down, as a reader reads a category printed once for several rows.

One pass over the text, no backtracking: ``find_tables`` is linear in the file's size;
``SourceText.tables`` keeps its result per source file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from ledger.anchor.fold import fold_quote
from ledger.core.lines import LineIndex
from ledger.core.numbers import parse_figure


@dataclass(frozen=True, eq=False)
class Cell:
    """One cell of a table; ``start``/``end``: offsets of its visible text in the file (equal
    when the cell is empty, then at the cell's content), ``line``/``column`` 1-based."""

    text: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    header: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(eq=False)
class Table:
    """A table: ``rows`` is the grid (a spanning cell fills every slot it covers; None where
    a row is short), the first ``header_rows`` of them the header."""

    number: int  # 1-based among the file's tables
    line: int  # where it starts
    titles: tuple[str, ...]  # its caption, the line before it, the heading above it
    rows: list[list[Cell | None]]
    header_rows: int
    carried: dict[tuple[int, int], Cell] = field(default_factory=dict)  # (row, column) -> label carried down

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def body(self) -> range:
        return range(self.header_rows, len(self.rows))

    def at(self, row: int, column: int) -> Cell | None:
        cells = self.rows[row]
        return cells[column] if column < len(cells) else None

    def label_at(self, row: int, column: int) -> Cell | None:
        """The cell a reader reads at (row, column): the cell, or the label carried down to it."""
        cell = self.at(row, column)
        if cell is not None and cell.text:
            return cell
        return self.carried.get((row, column), cell)

    def headers(self, column: int) -> list[Cell]:
        """The header cells of a column, top down (a spanning one once)."""
        found: list[Cell] = []
        for row in range(self.header_rows):
            cell = self.at(row, column)
            if cell is not None and (not found or found[-1] is not cell):
                found.append(cell)
        return found

    def row_cells(self, row: int) -> list[Cell]:
        """The cells of a body row as read left to right (labels carried down included; a
        cell spanning several columns once)."""
        found: list[Cell] = []
        for column in range(len(self.rows[row])):
            cell = self.label_at(row, column)
            if cell is not None and (not found or found[-1] is not cell):
                found.append(cell)
        return found

    def cells(self) -> list[Cell]:
        """Every distinct cell, in reading order."""
        seen: set[int] = set()
        found = []
        for row in self.rows:
            for cell in row:
                if cell is not None and id(cell) not in seen:
                    seen.add(id(cell))
                    found.append(cell)
        return found


# ------------------------------------------------------------------ what a cell's text is

_TAG = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>", re.S)
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def shown(raw: str) -> str:
    """What a reader sees of a cell's raw text: tags and markdown emphasis dropped,
    character references read, whitespace squeezed, NFC."""
    text = _TAG.sub(" ", raw) if "<" in raw else raw
    if ("*" in text or "__" in text) and len(text) <= MAX_EMPHASIS_CHARS:
        text = _EMPHASIS.sub(r"\2", text)
    if "&" in text:
        text = html.unescape(text)
    text = " ".join(text.split())
    return text if text.isascii() else unicodedata.normalize("NFC", text)


# Footnote markers: symbols a table prints after a figure to point at a footnote (the paper's
# △ ◁ ♢, daggers). Not the signs figures are written with (+ - < > = % ~ ^).
_SIGNS = set("+-<>=%~^±×÷−|")


def is_marker(char: str) -> bool:
    if char in "†‡§¶*":
        return True
    if char in _SIGNS or char.isascii():
        return False
    return unicodedata.category(char) in ("So", "Sm")


def markers_in(text: str) -> list[str]:
    """The footnote marker characters in a cell's text, in order, each once."""
    found: list[str] = []
    for char in text:
        if is_marker(char) and char not in found:
            found.append(char)
    return found


def label_key(text: str) -> str:
    """A label as matched: footnote markers dropped, folded as quotes are (tags, emphasis,
    typography, whitespace), case kept."""
    return fold_quote("".join(char for char in text if not is_marker(char)))


def is_figure(text: str) -> bool:
    """Whether a cell holds a figure (or the dash of a missing one), markers aside."""
    bare = "".join(char for char in text if not is_marker(char)).strip()
    return bare in ("-", "–", "—") or (bool(bare) and parse_figure(bare.replace(" ", "")) is not None)


PLACEHOLDERS = ("", "-", "–", "—", "n/a")


def is_placeholder(text: str) -> bool:
    """Whether a cell says there is no result: empty, a dash, "n/a" (markers aside)."""
    return "".join(char for char in text if not is_marker(char)).strip().lower() in PLACEHOLDERS


# ------------------------------------------------------------------ finding the tables

_HTML_TABLE = re.compile(r"<table\b[^>]*>", re.I)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.I)
_HTML_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s[^<>]*)?)/?>", re.S)
_SPAN = {"rowspan": re.compile(r"\browspan\s*=\s*[\"']?\s*(\d+)", re.I),
         "colspan": re.compile(r"\bcolspan\s*=\s*[\"']?\s*(\d+)", re.I)}
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
TITLE_LINES = 200  # how far up a table's heading is looked for ...
TITLE_CHARS = 20_000  # ... and at most this many characters up
MAX_EMPHASIS_CHARS = 2_000  # a longer cell keeps its asterisks (matching emphasis pairs is not linear)
SPAN_SLOTS = 16  # spans may fill at most this many slots per cell written (plus SPAN_BASE): a grid stays
SPAN_BASE = 100_000  # linear in the file, whatever rowspan="1000" colspan="1000" a hostile file writes
MAX_SPAN = 1000  # a rowspan or colspan past this is read as this (a table is not that large)


def find_tables(text: str, lines: LineIndex | None = None) -> list[Table]:
    """Every table of the file, in the order they start."""
    if "|" not in text and "<table" not in text.lower():
        return []
    lines = lines or LineIndex(text)
    found: list[tuple[int, Table]] = []
    html_spans: list[tuple[int, int]] = []
    for match in _HTML_TABLE.finditer(text):
        if html_spans and match.start() < html_spans[-1][1]:
            continue  # a table inside a table: read as the outer one's content
        end = _HTML_TABLE_END.search(text, match.end())
        stop = end.start() if end else len(text)
        html_spans.append((match.start(), end.end() if end else len(text)))
        table = _html_table(text, match.end(), stop, lines)
        if table is not None:
            found.append((match.start(), table))
    if "|" in text:
        found += _pipe_tables(text, lines, html_spans)
    found.sort(key=lambda pair: pair[0])
    tables = []
    for number, (start, table) in enumerate(found, 1):
        table.number = number
        table.titles = _titles(text, start) + table.titles
        tables.append(table)
    return tables


def _titles(text: str, start: int) -> tuple[str, ...]:
    """The text a table is named by: the nearest non-blank line before it (a caption such as
    "Table 2 Performance of ...") and the nearest heading above it (at most TITLE_LINES up)."""
    titles: list[str] = []
    end = start
    for _ in range(TITLE_LINES):
        if end <= 0 or end < start - TITLE_CHARS:
            break
        begin = max(text.rfind("\n", 0, end - 1), text.rfind("\r", 0, end - 1)) + 1
        line = text[begin:end].strip()
        end = begin
        if not line:
            continue
        heading = _HEADING.match(line)
        if not titles:
            titles.append(shown(heading.group(1) if heading else line))
        if heading:
            if shown(heading.group(1)) not in titles:
                titles.append(shown(heading.group(1)))
            break
    return tuple(titles)


def _cell(text: str, pieces: list[tuple[int, int]], lines: LineIndex, header: bool, fallback: int) -> Cell:
    """A cell from the spans of its raw text between tags (in order)."""
    start = end = None
    for a, b in pieces:
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        if start is None:
            start = a + len(chunk) - len(chunk.lstrip())
        end = a + len(chunk.rstrip())
    if start is None:
        start = end = fallback
    line, column = lines.position(start)
    end_line, end_column = lines.position(end)
    raw = text[start:end]
    return Cell(shown(raw), start, end, line, column, end_line, end_column, header)


def _html_table(text: str, begin: int, stop: int, lines: LineIndex) -> Table | None:
    rows: list[list[tuple[Cell, int, int]]] = []  # each: (cell, rowspan, colspan)
    captions: list[str] = []
    row: list | None = None
    cell: dict | None = None  # the open cell: its pieces, spans, kind
    caption: list[tuple[int, int]] | None = None
    position = begin

    def close_cell() -> None:
        nonlocal cell
        if cell is not None:
            made = _cell(text, cell["pieces"], lines, cell["header"], cell["at"])
            row.append((made, cell["rowspan"], cell["colspan"]))
            cell = None

    def close_row() -> None:
        nonlocal row
        close_cell()
        if row is not None:
            rows.append(row)
            row = None

    for match in _HTML_TOKEN.finditer(text, begin, stop):
        if match.start() > position:
            if cell is not None:
                cell["pieces"].append((position, match.start()))
            elif caption is not None:
                caption.append((position, match.start()))
        position = match.end()
        name = (match.group(2) or "").lower()
        closing = match.group(1) == "/"
        if name == "tr":
            close_row()
            if not closing:
                row = []
        elif name in ("td", "th"):
            if closing:
                close_cell()
                continue
            close_cell()
            if row is None:
                row = []
            attributes = match.group(3) or ""
            spans = {key: min(MAX_SPAN, max(1, int(found.group(1)))) if (found := pattern.search(attributes)) else 1
                     for key, pattern in _SPAN.items()}
            cell = {"pieces": [], "header": name == "th", "at": match.end(), **spans}
        elif name in ("thead", "tbody", "tfoot"):
            close_row()
        elif name == "caption":
            if closing and caption is not None:
                captions.append(shown("".join(text[a:b] for a, b in caption)))
                caption = None
            elif not closing:
                close_row()
                caption = []
        elif cell is not None and name in ("br", "p", "li", "ul", "ol", "div"):
            cell["pieces"].append((match.start(), match.start()))  # a break between words: nothing shown
    if stop > position:
        if cell is not None:
            cell["pieces"].append((position, stop))
    close_row()
    if not rows:
        return None
    grid = _grid(rows)
    header_rows = 0
    while header_rows < len(rows) and rows[header_rows] and all(c.header for c, _, _ in rows[header_rows]):
        header_rows += 1
    line, _ = lines.position(begin)
    return Table(0, line, tuple(captions), grid, header_rows or 1)


def _grid(rows: list[list[tuple[Cell, int, int]]]) -> list[list[Cell | None]]:
    """Rows of (cell, rowspan, colspan) laid out as HTML does: each cell takes the first free
    slot of its row, and fills the slots it spans."""
    grid: list[list[Cell | None]] = [[] for _ in rows]
    budget = SPAN_BASE + SPAN_SLOTS * sum(len(cells) for cells in rows)
    for r, cells in enumerate(rows):
        column = 0
        for cell, rowspan, colspan in cells:
            rowspan = min(rowspan, len(rows) - r)
            if rowspan * colspan > budget:
                rowspan = colspan = 1  # past the budget, a span is read as one cell
            budget -= rowspan * colspan
            while column < len(grid[r]) and grid[r][column] is not None:
                column += 1
            for dr in range(rowspan):
                target = grid[r + dr]
                for dc in range(colspan):
                    while len(target) <= column + dc:
                        target.append(None)
                    target[column + dc] = cell
            column += colspan
    return grid


def _pipe_tables(text: str, lines: LineIndex, skip: list[tuple[int, int]]) -> list[tuple[int, Table]]:
    """The markdown pipe tables: a row of cells, a ``|---|---|`` line, rows until a line
    without a pipe."""
    spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    found = []
    index = 1
    while index < len(spans):
        a, b = spans[index]
        head_a, head_b = spans[index - 1]
        line = text[a:b].rstrip("\r\n")
        head = text[head_a:head_b].rstrip("\r\n")
        if "|" in line and "|" in head and _SEPARATOR.match(line) and not any(s <= a < e for s, e in skip):
            rows = [_pipe_row(text, head_a, head_a + len(head), lines, header=True)]
            last = index + 1
            while last < len(spans):
                c, d = spans[last]
                body = text[c:d].rstrip("\r\n")
                if "|" not in body or not body.strip():
                    break
                rows.append(_pipe_row(text, c, c + len(body), lines, header=False))
                last += 1
            grid: list[list[Cell | None]] = [list(row) for row in rows]
            table = Table(0, lines.position(head_a)[0], (), grid, 1)
            table.carried = _carried(table)
            found.append((head_a, table))
            index = last + 1
        else:
            index += 1
    return found


def _pipe_row(text: str, start: int, end: int, lines: LineIndex, header: bool) -> list[Cell]:
    """The cells of one pipe-table line: split at pipes not escaped (``\\|``), the outer
    pipes optional."""
    bounds, at, escaped = [], start, False
    for offset in range(start, end):
        char = text[offset]
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            bounds.append((at, offset))
            at = offset + 1
    bounds.append((at, end))
    if bounds and not text[bounds[0][0]:bounds[0][1]].strip():
        bounds = bounds[1:]  # before a leading pipe
    if bounds and not text[bounds[-1][0]:bounds[-1][1]].strip():
        bounds = bounds[:-1]  # after a trailing pipe
    cells = []
    for a, b in bounds:
        cell = _cell(text, [(a, b)], lines, header, a)
        cells.append(cell if "\\|" not in cell.text else Cell(cell.text.replace("\\|", "|"), *_place(cell)))
    return cells


def _place(cell: Cell) -> tuple:
    return (cell.start, cell.end, cell.line, cell.column, cell.end_line, cell.end_column, cell.header)


def _carried(table: Table) -> dict[tuple[int, int], Cell]:
    """Labels carried down: in the leading columns that hold no figure, an empty cell reads
    as the label above it."""
    carried: dict[tuple[int, int], Cell] = {}
    for column in range(table.width):
        body = [table.at(r, column) for r in table.body()]
        if any(cell is not None and cell.text and is_figure(cell.text) for cell in body):
            break
        above: Cell | None = None
        for r in table.body():
            cell = table.at(r, column)
            if cell is not None and cell.text:
                above = cell
            elif above is not None:
                carried[(r, column)] = above
    return carried
