"""The fast path for large ledgers: parse with yaml-rs (Rust), keep the reference semantics.

``ledger.read.yaml_reader`` is the reference reader: it keeps every node's position and
refuses what a ledger must not hold, but it drives PyYAML event by event, which
costs about 13 s on a 100,000-claim file. yaml-rs parses the same file in about
1.3 s, gives no positions, and reads YAML 1.2 into Python floats. We use it only
where the result is provably what the reference reader would build, and fall
back to the reference reader otherwise:

- the text holds no anchor, alias, tag or merge key, no hex/octal/underscored
  number (the gate below; a false alarm merely means the slow path);
- every plain number written after a figure's key (``value:``; ``FIGURE_FIELDS``) is
  recovered from the text, so figures keep the precision they were written with (``88.60``);
- yaml-rs raises on duplicate keys, bad syntax and deep nesting: slow path;
- the claims are read in chunks of their items (``FastRead``), so that their raw
  data never all exists at once;
- positions are not needed unless something is wrong: the loader re-reads with
  the reference reader whenever validation finds any problem, and item
  positions for output are found by a line scan, lazily.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ledger.core.model import FIGURE_FIELDS
from ledger.read.yaml_reader import YamlDocument

try:
    import yaml_rs
except ImportError:  # pragma: no cover - yaml-rs is a declared dependency; the slow path still works
    yaml_rs = None

FAST_PATH_MIN_CHARS = 1_000_000  # below this the reference reader takes well under a second

# What the fast path cannot read as the reference reader would. Each pattern starts with a
# literal so that scanning 30 MB stays well under a second; context is checked per candidate.
# yaml-rs types a *whole plain scalar* only, so a candidate matters only where a plain scalar
# can start (see _token_start): inside a quoted string ("sha256: \"0b3f...\"") or in the
# middle of words ("scores **88.7** on") it is text to both readers.
_NOT_A_SIGIL = frozenset(" \t\r\n]},")  # &, * or ! followed by these is not an anchor, alias or tag
_RADIX = re.compile(r"0[xXoObB][_0-9a-fA-F]")  # hex, octal, binary ints (yaml-rs also reads 0x_1f, 0B1)
_NUMBER_CHARS = frozenset("0123456789_.+-eExXoObBabcdfABCDF")
# one pattern per field that holds a figure, each starting with the field's name (a literal)
_PLAIN_FIGURES = tuple((name, re.compile(re.escape(name) + r":[ \t]+([-+.0-9][^\s,}\]#]*)"))
                       for name in sorted(FIGURE_FIELDS))
_DECIMAL = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def _token_start(text: str, position: int) -> bool:
    """Whether a plain scalar (or an anchor, alias or tag) may start at ``position``, judged
    by what precedes it on its line: the line's start, a flow indicator ``[ { ,``, a ``:``
    (``"a":0x1f`` is a value in flow context), or ``-``/``?`` followed by whitespace.
    Conservative: text inside a quoted string may pass for a token start (a false alarm
    only costs the slow path); a real token start is never missed."""
    i = position - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n\r[{,:":
        return True
    return text[i] in "-?" and i < position - 1


def _find_all(text: str, char: str):
    """Offsets of ``char`` in ``text`` (str.find runs at memchr speed; a regex class does not)."""
    start = text.find(char)
    while start >= 0:
        yield start
        start = text.find(char, start + 1)


def _gated(text: str) -> bool:
    """Whether the text may hold something only the reference reader handles right."""
    if "<<" in text or text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
        return True
    for sigil in "&*!":
        for start in _find_all(text, sigil):
            if (sigil == "!" or start + 1 < len(text) and text[start + 1] not in _NOT_A_SIGIL) \
                    and _token_start(text, start):
                return True
    for match in _RADIX.finditer(text):
        start = match.start()
        if start and text[start - 1] in "+-":  # -0x1f is an int to yaml-rs too
            start -= 1
        if _token_start(text, start):
            return True
    for start in _find_all(text, "_"):
        if not start or not "0" <= text[start - 1] <= "9":
            continue
        while start > 0 and text[start - 1] in _NUMBER_CHARS:  # back to where this number-like run begins
            start -= 1
        if _token_start(text, start):
            return True
    return False


CHUNK_ITEMS = 2_000  # claims parsed and validated at a time: their raw data is dropped after

# Patterns that start with a literal newline: scanning 300 MB for them stays near memchr speed.
_CLAIMS_KEY = re.compile(r"\nclaims:[ \t]*(?:#[^\n]*)?(?=\n)")


class NotFast(Exception):
    """A part of the claims that yaml-rs cannot read as the reference reader would."""


class FastRead:
    """What the fast path read: ``data``, the document with the claims' items left out, and
    ``chunks()``, the items themselves, ``CHUNK_ITEMS`` at a time, parsed when asked for.

    A large ledger's raw claims then never all exist at once: a million of them take about
    2.5 GB as Python objects, and on the machines measured each new page of memory costs more
    the more a process already holds. The claims' block sequence is cut at its items'
    '- ' lines (``starts``: where each item's text begins, then where the last one ends); each
    piece is read as a document of its own, "claims:" and its items. A cut can only be wrong
    inside a quoted scalar that spans lines, and then a piece has an unclosed quote: yaml-rs
    refuses it, ``chunks`` raises ``NotFast``, and the loader reads the whole ledger again
    with the reference reader. Where the claims cannot be cut (no "claims:" line of its own,
    a flow sequence, carriage returns), ``data`` is the whole document and ``starts`` is None.
    """

    def __init__(self, text: str, data: dict, starts: list[int] | None) -> None:
        self.text, self.data, self.starts = text, data, starts

    def chunks(self, exact_numbers: bool = True):
        """The claims' raw items, list after list, where they were cut (raises ``NotFast``).
        Without ``exact_numbers``, figures stay yaml-rs's floats (for a reader of the quotes)."""
        starts = self.starts
        for first in range(0, len(starts) - 1, CHUNK_ITEMS):
            last = min(first + CHUNK_ITEMS, len(starts) - 1)
            items = read_items(self.text[starts[first]:starts[last]], exact_numbers)
            if items is None or len(items) != last - first:
                raise NotFast
            yield items

    def item_text(self, index: int) -> str:
        """The text of claim item ``index`` (what ``read_items`` reads back into that item)."""
        return self.text[self.starts[index]:self.starts[index + 1]]


def fast_read(text: str) -> FastRead | None:
    """The ledger's data as the reference reader would build it (positions aside), or None."""
    if yaml_rs is None or len(text) < FAST_PATH_MIN_CHARS or _gated(text):
        return None
    starts, frame = _cut(text)
    data = _read(frame if starts is not None else text)
    if data is None or starts is not None and not ("claims" in data and data["claims"] is None):
        return None  # the cut was not where the claims are (a "claims:" line inside a string)
    return FastRead(text, data, starts)


def claim_chunks(text: str, cut: list[int] | None, exact_numbers: bool = True):
    """The claims' raw items of a text ``fast_read`` took, list after list: in the chunks it
    cut them into (``FastRead.starts``), or, if it did not cut them, in one list (raises
    ``NotFast``)."""
    if cut is not None:
        return FastRead(text, {}, cut).chunks(exact_numbers)
    data = _read(text, exact_numbers)
    if data is None or not isinstance(data.get("claims"), list):
        raise NotFast
    return [data["claims"]]


def read_items(items_text: str, exact_numbers: bool = True) -> list | None:
    """Claim items cut from a ledger's text (``FastRead.starts``), read back; None if they
    cannot be read exactly as the reference reader would."""
    data = _read("claims:\n" + items_text, exact_numbers)
    claims = data.get("claims") if data is not None else None
    return claims if isinstance(claims, list) else None


def _read(text: str, exact_numbers: bool = True) -> dict | None:
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal: the reference reader will say precisely what and where
        return None
    if not isinstance(data, dict) or exact_numbers and not _numbers_as_written(data, text):
        return None
    return data


def _cut(text: str) -> tuple[list[int] | None, str]:
    """Where each claim item starts (and the last ends), and the text without them; or
    (None, text) where the claims are not one block sequence that can be cut at its items."""
    keys = [match.end() for match in _CLAIMS_KEY.finditer(text)]
    if _CLAIMS_KEY.match("\n" + text[:text.find("\n") + 1]):  # the first line
        keys.insert(0, text.find("\n"))
    if len(keys) != 1 or "\r" in text:
        return None, text
    key_end = keys[0]
    first = key_end + 1
    while True:  # past blank and comment lines, to the first item
        line_end = text.find("\n", first)
        line = text[first:line_end if line_end >= 0 else len(text)]
        content = line.lstrip(" ")
        if content and not content.startswith("#"):
            break
        if line_end < 0:
            return None, text
        first = line_end + 1
    if not (content.startswith("-") and content[1:2] in ("", " ", "\t")):
        return None, text  # not a block sequence
    lines = re.compile(r"\n(?:( {%d})-(?=[ \t\n])|[^ \t\n#-]|-[^ \t\n])" % (len(line) - len(content)))
    starts, end = [first], len(text)
    for match in lines.finditer(text, first):  # the items' lines, up to the next top-level line
        if match.group(1) is None:
            end = match.start() + 1
            break
        starts.append(match.start() + 1)
    starts.append(end)
    return starts, text[:key_end] + "\n" + text[end:]


def _numbers_as_written(data: dict, text: str) -> bool:
    """Replace yaml-rs's floats by Decimals of the text they were written as (and check
    that no other float is anywhere), as the reference reader does."""
    claims = data.get("claims") or ()
    for name, pattern in _PLAIN_FIGURES:
        if not _figures_as_written(claims, name, pattern, text):
            return False
    for item in claims:
        if type(item) is dict and _holds_float(item):  # one pass in C over the item's values, nested ones only if any
            return False
    settings = data.get("settings")
    if isinstance(settings, dict) and not _decimals_in(settings):
        return False
    return not _holds_float(data.get("sources")) and not _holds_float(data.get("entities")) \
        and not _holds_float(data.get("reviews"))


def _figures_as_written(claims, name: str, pattern: re.Pattern, text: str) -> bool:
    """Each claim's figure ``name``, as the plain number written after its key in ``text``
    (the keys' matches, in order, are the claims' figures, in order)."""
    written = [m.group(1) for m in pattern.finditer(text)
               if m.start() == 0 or text[m.start() - 1] in " \t\n{,"]
    position = 0
    for item in claims:
        if type(item) is not dict:
            continue
        value = item.get(name)
        if type(value) is float:
            raw = written[position] if position < len(written) else ""
            position += 1
            if not _DECIMAL.fullmatch(raw) or float(raw) != value:
                return False
            item[name] = Decimal(raw)
        elif type(value) is int:
            if position >= len(written) or not _DECIMAL.fullmatch(written[position]) \
                    or int(Decimal(written[position])) != value:
                return False
            position += 1
    return position == len(written)


def _holds_float(value) -> bool:
    if type(value) is float:
        return True
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list):
        return False
    kinds = set(map(type, value))
    return float in kinds or (dict in kinds or list in kinds) \
        and any(_holds_float(v) for v in value if type(v) is dict or type(v) is list)


def _decimals_in(settings: dict) -> bool:
    """Tolerances are small numbers whose precision does not matter: repr is exact enough."""
    for key, value in list(settings.items()):
        if type(value) is float:
            settings[key] = Decimal(repr(value))
        elif isinstance(value, dict) and not _decimals_in(value):
            return False
        elif isinstance(value, list) and _holds_float(value):
            return False
    return True


class ItemPositions:
    """Where each top-level section's items start, found by a scan of the lines.

    Valid for a ledger that the fast path read without problems: an item of a
    block sequence starts at a line '- ' at the sequence's indentation."""

    _LINE = re.compile(r"^([A-Za-z_][\w-]*):|^( *)- ", re.MULTILINE)

    def __init__(self, text: str) -> None:
        self._text = text
        self._items: dict[str, list[tuple[int, int]]] | None = None

    def _scan(self) -> dict:
        items: dict[str, list[tuple[int, int]]] = {}
        section, indent = None, None
        line, last = 1, 0
        for match in self._LINE.finditer(self._text):
            line += self._text.count("\n", last, match.start())
            last = match.start()
            if match.group(1) is not None:
                section, indent = match.group(1), None
                items[section] = []
                continue
            if section is None:
                continue
            spaces = len(match.group(2))
            if indent is None:
                indent = spaces
            if spaces == indent:
                items[section].append((line, spaces + 3))
        return items

    def position(self, path: tuple) -> tuple[int, int]:
        if self._items is None:
            self._items = self._scan()
        if len(path) >= 2 and isinstance(path[1], int):
            starts = self._items.get(path[0], [])
            if path[1] < len(starts):
                return starts[path[1]]
        return (1, 1)


class FastDocument(YamlDocument):
    """A document read by the fast path: item positions come from a line scan, on demand;
    where the claims were cut into chunks, ``data`` holds no claim items (``read.chunks()``)."""

    def __init__(self, read: FastRead, items: ItemPositions) -> None:
        super().__init__(data=read.data)
        self.read = read
        self._items = items

    def position(self, path: tuple) -> tuple[int, int]:
        return self._items.position(tuple(path))
