"""The fast path for large ledgers: parse with yaml-rs (Rust), keep the reference semantics.

``ledger.read.yaml_reader`` is the reference reader: it keeps every node's position and
refuses what a ledger must not hold, but it drives PyYAML event by event, which
costs about 13 s on a 100,000-claim file. yaml-rs parses the same file in about
1.3 s, gives no positions, and reads YAML 1.2 into Python floats. We use it only
where the result is provably what the reference reader would build, and fall
back to the reference reader otherwise:

- the text holds no anchor, alias, tag or merge key, no hex/octal/underscored
  number, nothing YAML 1.1 (PyYAML) reads otherwise than YAML 1.2 (yaml-rs): control
  characters, NEL and U+2028/9, tabs, ':' '?' '|' '>' where flow brackets make them
  differ, block scalars yaml-rs ends otherwise (the gate below; a false alarm merely
  means the slow path; tests/e2e/test_hostile_reading.py runs both readers on generated
  documents);
- every plain number written after a figure's key (``value:``; ``FIGURE_FIELDS``), and
  in the settings, is recovered from the text, so numbers keep the precision they were
  written with (``88.60``);
- yaml-rs raises on duplicate keys, bad syntax and deep nesting: slow path;
- the reference reader's limits are kept, its nodes counted in its order; where one is
  passed, that reader reads the part at fault to say where (``Refused``);
- the claims are read in chunks of their items (``FastRead``), so that their raw
  data never all exists at once;
- positions are not needed unless something is wrong: a problem's exact position is
  found by the reference reader reading only the item that holds it
  (``FastDocument.locate``), and item positions for output by a line scan, lazily.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import operator
import re
from decimal import Decimal

from ledger.core.diagnostics import Diagnostic, Location
from ledger.core.model import FIGURE_FIELDS
from ledger.read import yaml_reader
from ledger.read.yaml_reader import DEFAULT_LIMITS, MAX_INT_DIGITS, Limits, YamlDocument

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
# each starts with a literal: a search for it runs at memchr speed, where a class would not
_INDICATORS_NOT_SPACE = (re.compile(r":[^ \t\r\n]"), re.compile(r"\?[^ \t\r\n]"))
_FLOW_INDICATORS = frozenset(",[]{}")
_BLOCK_HEADER = re.compile(r"[-+0-9]{0,2}[ \t]*(?:#[^\r\n]*)?(?:\r\n?|\n)")
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


def _maybe_in_flow(text: str, position: int) -> bool:
    """Whether a token at ``position`` may be inside a flow collection, judged by its line:
    alone on it, after ``[ { ,``, or on a line that opens one. Conservative: "key: |" and
    "- |" (block scalars where they belong) are not; a false alarm only costs the slow path."""
    prefix = text[text.rfind("\n", 0, position) + 1:position]
    before = prefix.rstrip(" ")
    return not before.strip(" ") or before[-1] in "[{," or "[" in prefix or "{" in prefix


def _empty_block_scalar(text: str, position: int) -> bool:
    """Whether the block scalar whose header is at ``position`` may hold only blank lines:
    yaml-rs reads one at the end of a text (or of a chunk of claims) as "\n", not "". Its
    next line is blank, absent, or not indented more than the header's line."""
    header = _BLOCK_HEADER.match(text, position + 1)
    if header is None:
        return True  # the header ends the text (or is no header: a false alarm costs the slow path)
    following = header.end()
    end = text.find("\n", following)
    line = text[following:end if end >= 0 else len(text)]
    return not line.strip(" \t\r") or _indent(text, following) <= _indent(text, text.rfind("\n", 0, position) + 1)


def _indent(text: str, line_start: int) -> int:
    end = line_start
    while end < len(text) and text[end] == " ":
        end += 1
    return end - line_start


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
    if "\t" in text:  # tabs after an indicator or on a blank line of a block scalar: 1.1 and 1.2 differ
        return True
    for indicator in "|>":
        if indicator not in text:
            continue
        for start in _find_all(text, indicator):
            if _token_start(text, start) and (_maybe_in_flow(text, start) or _empty_block_scalar(text, start)):
                return True
        if not text.endswith(("\n", "\r")):
            return True  # yaml-rs reads a block scalar's last line without its line break as if it had one
    for pattern in _INDICATORS_NOT_SPACE:  # ':' or '?' not followed by a space
        for match in pattern.finditer(text):
            start = match.start()
            if text[start] == ":" and text[start + 1] in _FLOW_INDICATORS or _token_start(text, start):
                return True  # '{a:}', '[a:]', '[:a]', '[?]', '{a: ?}': read otherwise by YAML 1.1
    return False


# What the reference reader (libyaml, YAML 1.1) refuses or reads as a line break, and yaml-rs
# (YAML 1.2) reads as a character: control characters but tab, LF and CR (C0, DEL, C1: Y005),
# the non-characters U+FFFE and U+FFFF (Y005), NEL, U+2028 and U+2029 (line breaks in 1.1),
# and a byte-order mark inside the text. Looked for in the UTF-8 bytes: one pass in C keeps the
# bytes that may start one (``_SUSPECTS``); each kind of multi-byte one is then searched for only
# if its lead byte was left (typographic quotes leave \xe2; NEL and C1 controls are \xc2 ..).
_SUSPECTS = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20)) + b"\x7f\xc2\xe2\xef"
_NOT_SUSPECT = bytes(b for b in range(256) if b not in _SUSPECTS)
_MULTI_BYTE = {0xC2: re.compile(rb"\xc2[\x80-\x9f]"),  # C1 controls, NEL among them
               0xE2: re.compile(rb"\xe2\x80[\xa8\xa9]"),  # U+2028, U+2029
               0xEF: re.compile(rb"\xef(?:\xbf[\xbe\xbf]|\xbb\xbf)")}  # U+FFFE, U+FFFF, U+FEFF


def _unreadable_characters(raw: bytes) -> bool:
    """Whether the text (``raw``, its UTF-8 bytes) holds a character the two readers do not
    read alike; a byte-order mark at the start is fine (it is not part of the text)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    left = raw.translate(None, _NOT_SUSPECT)
    if not left:
        return False
    if left.strip(b"\xc2\xe2\xef"):
        return True  # a C0 control or DEL
    return any(lead in left and pattern.search(raw) for lead, pattern in _MULTI_BYTE.items())


def _longest_value(limits: Limits) -> int:
    """The most characters a value may have that the reference reader takes from yaml-rs
    unseen: its limit, and the digits of an integer it reads (a longer one is Y004)."""
    return min(limits.max_scalar_chars, MAX_INT_DIGITS)


@functools.lru_cache(maxsize=8)
def _long_number(limit: int) -> re.Pattern:
    """A run of number characters longer than ``limit``: a plain number too long for the
    reference reader (``--max-scalar-chars``) that yaml-rs reads as a short value (leading
    zeros); searched for in the text around the claims, whose items are checked otherwise."""
    return re.compile(r"(?<![-+.0-9eE])[-+.0-9eE]{%d}" % (limit + 1))


# The keys the reference reader builds as yaml-rs does. A null key is left to it: yaml-rs reads
# an empty key (": v", "{: v}") as one, where YAML 1.1 says it is a syntax error.
_KEY_TYPES = frozenset((str, int, bool))


def _shape(value) -> tuple[int, int, bool]:
    """(YAML nodes, nesting depth, whether it holds a float) of parsed data, the nodes and
    depth as the reference reader counts them: a collection is a node, and so is each key and
    each value; a scalar is depth 0. Raises ``NotFast`` for a key that reader builds otherwise
    (a list, a mapping, a float) or may refuse (a null)."""
    kind = type(value)
    if kind is dict:
        if not _KEY_TYPES.issuperset(map(type, value)):
            raise NotFast
        nodes, children = 1 + 2 * len(value), value.values()
    elif kind is list:
        nodes, children = 1 + len(value), value
    else:
        return 1, 0, kind is float
    deepest = 0
    kinds = set(map(type, children))  # one pass in C; nested collections are the rare case
    floats = float in kinds
    if dict in kinds or list in kinds:
        for child in children:
            if type(child) is dict or type(child) is list:
                count, depth, more = _shape(child)
                nodes += count - 1
                floats = floats or more
                if depth > deepest:
                    deepest = depth
    return nodes, deepest + 1, floats


def _measure(value) -> tuple[int, int, int]:
    """``_shape`` and the longest string, key or value (for the text around the claims)."""
    kind = type(value)
    if kind is str:
        return 1, 0, len(value)
    if kind is dict:
        if not _KEY_TYPES.issuperset(map(type, value)):
            raise NotFast
        nodes, deepest, longest = 1 + len(value), 0, max((len(k) for k in value if type(k) is str), default=0)
        children = value.values()
    elif kind is list:
        nodes, deepest, longest, children = 1, 0, 0, value
    else:
        return 1, 0, 0
    for child in children:
        count, depth, length = _measure(child)
        nodes += count
        deepest = max(deepest, depth)
        longest = max(longest, length)
    return nodes, deepest + 1, longest


CHUNK_ITEMS = 2_000  # claims parsed and validated at a time: their raw data is dropped after

# Patterns that start with a literal newline: scanning 300 MB for them stays near memchr speed.
_CLAIMS_KEY = re.compile(r"\nclaims:[ \t]*(?:#[^\n]*)?(?=\n)")


class NotFast(Exception):
    """A part of the claims that yaml-rs cannot read as the reference reader would."""


class Refused(Exception):
    """The ledger passes one of the reference reader's limits: ``diagnostic`` says where, as
    that reader says it, found by reading only the part of the ledger that holds the place."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.render())
        self.diagnostic = diagnostic


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

    With ``limits``, the chunks are held to them as the reference reader holds the whole
    document, counting its nodes in its order: ``nodes`` are those before the claims' items
    (those after them: ``after``). Where a limit is passed, ``chunks`` raises ``Refused`` with
    the reference reader's own diagnostic, found by that reader reading the item at fault
    alone (or the text around the claims), the nodes before it counted (``shown``: the
    ledger's path, as the diagnostic names it).
    """

    def __init__(self, text: str, data: dict, starts: list[int] | None, limits: Limits | None = None,
                 nodes: int = 0, after: int = 0, shown: str = "") -> None:
        self.text, self.data, self.starts = text, data, starts
        self.limits, self.nodes, self.after, self.shown = limits, nodes, after, shown
        self.before = nodes
        self._lines = [(0, 1)]  # (offset, line number) of places counted so far, by offset

    def chunks(self, exact_numbers: bool = True):
        """The claims' raw items, list after list, where they were cut (raises ``NotFast``, or
        ``Refused`` past a limit). Without ``exact_numbers``, figures stay yaml-rs's floats
        (for a reader of the quotes)."""
        starts, limits = self.starts, self.limits
        for first in range(0, len(starts) - 1, CHUNK_ITEMS):
            last = min(first + CHUNK_ITEMS, len(starts) - 1)
            shape = [] if limits is not None else None
            try:
                items = read_items(self.text[starts[first]:starts[last]], exact_numbers, shape)
                if items is None or len(items) != last - first:
                    raise NotFast
                if limits is not None:
                    self._keep_limits(items, first, last, *(shape or _shapes(items)))
            except RecursionError:
                raise NotFast from None
            yield items
        if limits is not None and self.nodes + self.after > limits.max_nodes:
            self._refuse(self.blanked(), self.nodes - self.before)  # past the limit after the claims

    def _keep_limits(self, items: list, first: int, last: int, nodes: int, depth: int) -> None:
        """Hold items ``first`` to ``last`` (``nodes`` and nesting ``depth`` in all) to the
        limits. A value is never longer than the text it is written in, so only an item whose
        text is longer than ``_longest_value`` can hold one too long: such an item (a rare
        one) is read by the reference reader, whose data then stands for it. Where anything is
        amiss, the items are gone through one by one, to the first at fault."""
        limits, starts = self.limits, self.starts
        longest = max(map(operator.sub, starts[first + 1:last + 1], starts[first:last]))
        if longest <= _longest_value(limits) and depth + 2 <= limits.max_depth \
                and self.nodes + nodes <= limits.max_nodes:  # (an item is nested in the document and the claims)
            self.nodes += nodes
            return
        count = self.nodes
        for index in range(first, last):
            nodes, depth, _ = _shape(items[index - first])
            long = starts[index + 1] - starts[index] > _longest_value(limits)
            if long or depth + 2 > limits.max_depth or count + nodes > limits.max_nodes:
                # the piece has three nodes of its own before the item: its root, "claims", the sequence
                document = self._refuse("claims:\n" + self.item_text(index), count - 3, index)
                if not long:
                    raise NotFast  # it passed after all: let the reference reader read it all
                items[index - first] = document.data["claims"][0]
                nodes = _shape(items[index - first])[0]
            count += nodes
        self.nodes = count

    def _refuse(self, text: str, counted: int, item: int | None = None) -> YamlDocument:
        """``text`` (claim ``item`` as ``read_items`` reads it, or the text around the claims)
        read by the reference reader, ``counted`` nodes before it: ``Refused`` with what it
        says, its lines shifted to where they are in the ledger; or its document."""
        document, problems = yaml_reader.read_yaml(text, self.shown, self.limits, counted)
        if problems:
            shift = 0 if item is None else self.line_at(self.starts[item]) - 2  # the item is line 2 of the text
            problem = problems[0]
            raise Refused(dataclasses.replace(problem, location=_shifted(problem.location, shift),
                                              related=tuple(_shifted(r, shift) for r in problem.related)))
        claims = document.data.get("claims") if isinstance(document.data, dict) else None
        if item is not None and (not isinstance(claims, list) or len(claims) != 1):
            raise NotFast
        return document

    def blanked(self) -> str:
        """The text with the claims' items left out, each of their lines kept blank: every
        other line keeps its number."""
        text, starts = self.text, self.starts
        return text[:starts[0]] + "\n" * text.count("\n", starts[0], starts[-1]) + text[starts[-1]:]

    def line_at(self, offset: int) -> int:
        """The line number of ``offset``, counted from the nearest offset counted before
        (asked mostly in file order: the text is counted about once)."""
        known = self._lines
        at = bisect.bisect_right(known, (offset, float("inf"))) - 1
        start, line = known[at]
        if start != offset:
            line += self.text.count("\n", start, offset)
            known.insert(at + 1, (offset, line))
        return line

    def item_text(self, index: int) -> str:
        """The text of claim item ``index`` (what ``read_items`` reads back into that item)."""
        return self.text[self.starts[index]:self.starts[index + 1]]


def _shifted(location: Location, lines: int) -> Location:
    return dataclasses.replace(location, line=location.line + lines)


def fast_read(text: str, limits: Limits = DEFAULT_LIMITS, raw: bytes | None = None,
              shown: str = "", min_chars: int | None = None) -> FastRead | None:
    """The ledger's data as the reference reader would build it (positions aside), or None
    where it may not be (``raw``: the text's UTF-8 bytes, if at hand; ``shown``: the ledger's
    path in diagnostics). The claims' items are read and held to ``limits`` as ``chunks()`` are
    asked for; the rest is, here."""
    if min_chars is None:  # looked up now: the tests lower it
        min_chars = FAST_PATH_MIN_CHARS
    if yaml_rs is None or len(text) < min_chars or limits.max_scalar_chars < len("false") \
            or _gated(text) or _unreadable_characters(text.encode("utf-8") if raw is None else raw):
        return None
    starts, frame = _cut(text)
    if starts is None:
        frame = text
    data = _read(frame)
    if data is None or starts is not None and not ("claims" in data and data["claims"] is None):
        return None  # the cut was not where the claims are (a "claims:" line inside a string)
    try:
        nodes, depth, longest = _measure(data)
        before = nodes
        if starts is not None:  # the nodes before the claims' items: the root, the keys and values before, "claims"
            before = 1 + sum(1 + _measure(data[key])[0] for key in itertools.takewhile("claims".__ne__, data)) + 1
    except (NotFast, RecursionError):
        return None
    if nodes > limits.max_nodes or depth > limits.max_depth or longest > limits.max_scalar_chars \
            or _long_number(_longest_value(limits)).search(frame):
        return None  # the reference reader says where: it stops there, or reads the claims (rare)
    if starts is None:
        return FastRead(text, data, starts, limits, nodes, 0, shown)
    return FastRead(text, data, starts, limits, before + 1, nodes - before - 1, shown)  # + the claims' sequence


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


def read_items(items_text: str, exact_numbers: bool = True, shape: list | None = None) -> list | None:
    """Claim items cut from a ledger's text (``FastRead.starts``), read back; None if they
    cannot be read exactly as the reference reader would. With ``shape`` (and
    ``exact_numbers``), it is filled with the items' nodes in all and deepest nesting."""
    data = _read("claims:\n" + items_text, exact_numbers, shape)
    claims = data.get("claims") if data is not None else None
    return claims if isinstance(claims, list) else None


def _read(text: str, exact_numbers: bool = True, shape: list | None = None) -> dict | None:
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal: the reference reader will say precisely what and where
        return None
    if not isinstance(data, dict) or exact_numbers and not _numbers_as_written(data, text, shape):
        return None
    return data


def _shapes(items: list) -> tuple[int, int]:
    """The nodes of ``items`` in all, and the deepest nesting of one."""
    shapes = [_shape(item) for item in items]
    return sum(shape[0] for shape in shapes), max((shape[1] for shape in shapes), default=0)


def claim_item_starts(text: str) -> list[int] | None:
    """Where each claim item of ``text`` starts, then where the last one ends (as
    ``FastRead.starts``); None where the claims are not one block sequence that can be cut at
    its items. A cut is checked by whoever reads the pieces."""
    return _cut(text)[0]


def claim_item_starts_after(old: str, starts: list[int], new: str, span: tuple[int, int, int]) -> list[int] | None:
    """``claim_item_starts(new)``, where ``new`` is ``old`` (cut at ``starts``) with its
    [start, old end) replaced by ``new[start:new end]`` (``span``): only the items the edit
    touches are cut again, the others' starts kept (before it) or moved (after it). None where
    that cannot tell: the edit reaches the first item's start or past the claims, or brings a
    ``claims:`` line, a top-level line or a carriage return into the text it touches."""
    start, old_end, new_end = span
    item_end = len(starts) - 1  # starts[-1]: where the claims end
    if start >= starts[-1] + 2:  # below the line that ends the claims, past what makes it end them
        line_start = new.rfind("\n", 0, start)
        touched = new[line_start:new.find("\n", new_end) + 1 or len(new)]
        return None if _CLAIMS_KEY.search(touched) or "\r" in touched else list(starts)
    marker = _item_marker_length(old, starts[0])
    first = bisect.bisect_right(starts, start - marker, 0, item_end) - 1  # the last item whose "- " the edit leaves
    if first < 0 or old_end >= starts[-1] and starts[-1] < len(old):
        return None
    after = bisect.bisect_right(starts, old_end)  # the first start past the edit: the char before it is kept too
    if after > item_end:  # the claims run to the end of the text, which the edit reaches
        after = item_end
    if starts[after] <= old_end and starts[after] < len(old):
        return None
    shift = len(new) - len(old)
    window_end = starts[after] + shift
    touched = new[starts[first] - 1:window_end + 1]  # the lines the edit is in, and the breaks around them
    if _CLAIMS_KEY.search(touched) or "\r" in touched:
        return None
    pattern = _item_lines(marker - 2)
    found = []
    for match in pattern.finditer(new, starts[first], window_end):  # the breaks within the window's items
        if match.group(1) is None:
            return None  # a top-level line: the claims end elsewhere now
        found.append(match.start() + 1)
    if after == item_end and starts[after] == len(old):
        return starts[:first + 1] + found + [len(new)]
    return starts[:first + 1] + found + [offset + shift for offset in starts[after:]]


def _item_marker_length(text: str, first: int) -> int:
    """How many characters open an item: its indent, "-" and the blank after it."""
    line_end = text.find("\n", first)
    line = text[first:line_end if line_end >= 0 else len(text)]
    return len(line) - len(line.lstrip(" ")) + 2


def _item_lines(indent: int) -> re.Pattern:
    """A line break before an item (group 1: its indent) or before a top-level line."""
    return re.compile(r"\n(?:( {%d})-(?=[ \t\n])|[^ \t\n#-]|-[^ \t\n])" % indent)


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
    lines = _item_lines(len(line) - len(content))
    starts, end = [first], len(text)
    for match in lines.finditer(text, first):  # the items' lines, up to the next top-level line
        if match.group(1) is None:
            end = match.start() + 1
            break
        starts.append(match.start() + 1)
    starts.append(end)
    return starts, text[:key_end] + "\n" + text[end:]


def _numbers_as_written(data: dict, text: str, shape: list | None = None) -> bool:
    """Replace yaml-rs's floats by Decimals of the text they were written as (and check
    that no other float is anywhere), as the reference reader does. With ``shape``, the
    claims' nodes and deepest nesting are found in the same pass (``_shape``) and put in it."""
    claims = data.get("claims") or ()
    if not isinstance(claims, list):  # not a ledger's claims: a float anywhere in them is the reference's
        if _holds_float(claims):
            return False
        claims = ()
    for name, pattern in _PLAIN_FIGURES:
        if not _figures_as_written(claims, name, pattern, text):
            return False
    if shape is None:
        for item in claims:
            if type(item) is dict and _holds_float(item):  # one pass in C over the item's values, nested ones only if any
                return False
    else:
        nodes = deepest = 0
        for item in claims:
            count, depth, floats = _shape(item)
            if floats:
                return False
            nodes += count
            if depth > deepest:
                deepest = depth
        shape[:] = (nodes, deepest)
    settings = data.get("settings")
    if isinstance(settings, dict) and not _decimals_in(settings, text):
        return False
    return not any(_holds_float(value) for key, value in data.items()
                   if key != "claims" and not (key == "settings" and isinstance(value, dict)))


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


def _decimals_in(settings: dict, text: str) -> bool:
    """The settings' numbers as written: each float is the one number written after its key
    in ``text`` (a key written more than once, or in another way, is left to the reference
    reader). ``0.10`` stays ``0.10``, and ``1e999999999`` is not infinity."""
    for key, value in list(settings.items()):
        if type(value) is float:
            written = [match.group(1) for match in _setting(str(key)).finditer(text)]
            if len(written) != 1 or not _DECIMAL.fullmatch(written[0]) or float(written[0]) != value:
                return False
            settings[key] = Decimal(written[0])
        elif isinstance(value, dict) and not _decimals_in(value, text):
            return False
        elif isinstance(value, list) and _holds_float(value):
            return False
    return True


@functools.lru_cache(maxsize=64)
def _setting(key: str) -> re.Pattern:
    return re.compile(r"(?<![\w.-])" + re.escape(key) + r":[ \t]+([-+.0-9][^\s,}\]#]*)")


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
    where the claims were cut into chunks, ``data`` holds no claim items (``read.chunks()``).

    A diagnostic's exact position (``locate``, ``locate_key``) is found by the reference
    reader without reading the ledger whole again: a claim item's own text is read (as
    ``read_items`` reads it back: "claims:" and the item), its lines shifted to where the item
    starts; anything else in the text around the claims, the claims' lines left blank so that
    every line keeps its number. Only what has a problem is read, once. Where the claims were
    not cut, or that reader refuses what it is given (it should not: the fast path read the
    same text), ``NotFast``: the loader reads the whole ledger with the reference reader.
    """

    def __init__(self, read: FastRead, items: ItemPositions) -> None:
        super().__init__(data=read.data)
        self.read = read
        self._items = items
        self._pieces: dict[int, tuple[YamlDocument, int]] = {}  # item index -> its document, line shift
        self._frame: YamlDocument | None = None

    def position(self, path: tuple) -> tuple[int, int]:
        return self._items.position(tuple(path))

    def locate(self, path: tuple) -> tuple[int, int]:
        document, inner, shift = self._exact(tuple(path), key=False)
        line, column = document.position(inner)
        return line + shift, column

    def locate_key(self, path: tuple) -> tuple[int, int]:
        document, inner, shift = self._exact(tuple(path), key=True)
        line, column = document.key_positions.get(inner) or document.position(inner)
        return line + shift, column

    def _exact(self, path: tuple, key: bool) -> tuple[YamlDocument, tuple, int]:
        """The document read by the reference reader that holds ``path``, the path in it, and
        how many lines to add to its line numbers."""
        starts = self.read.starts
        if starts is None:
            raise NotFast
        if path[:1] != ("claims",) or len(starts) < 2 or key and len(path) == 1:
            return self._around(), path, 0
        if len(path) >= 2 and type(path[1]) is int and 0 <= path[1] < len(starts) - 1:
            document, shift = self._piece(path[1])
            return document, ("claims", 0) + path[2:], shift
        document, shift = self._piece(0)  # the claims' sequence (nearest to what is not in it) starts with its first item
        return document, ("claims",), shift

    def _piece(self, index: int) -> tuple[YamlDocument, int]:
        if index not in self._pieces:
            document, problems = yaml_reader.read_yaml("claims:\n" + self.read.item_text(index), "",
                                                       self.read.limits or DEFAULT_LIMITS)
            if problems or document is None:
                raise NotFast
            self._pieces[index] = document, self.read.line_at(self.read.starts[index]) - 2
        return self._pieces[index]

    def _around(self) -> YamlDocument:
        if self._frame is None:
            document, problems = yaml_reader.read_yaml(self.read.blanked(), "", self.read.limits or DEFAULT_LIMITS)
            if problems or document is None:
                raise NotFast
            self._frame = document
        return self._frame
