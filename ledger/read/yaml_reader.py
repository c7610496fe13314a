"""Reading a ledger's YAML: safely, with every node's position kept.

We drive PyYAML's event parser (the C one when present) and build plain Python
values ourselves, iteratively, instead of using ``yaml.load``:

- positions: every node's (line, column) is recorded by its path, so schema
  errors found later can point at the offending node;
- duplicate keys are caught (PyYAML silently keeps the last);
- anchors, aliases and tags are refused (expansion bombs, code execution);
- nesting depth, node count and scalar length are bounded, since the C composer
  recurses and crashes the interpreter on very deep documents;
- scalars are typed by a strict YAML 1.2 core schema that keeps numbers exact
  (``88.60`` stays ``Decimal('88.60')``) and leaves YAML 1.1 surprises
  (``yes``, ``on``, ``012``, ``1:20``, dates) as the strings they look like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

# The C event parser is ~10x faster; the pure-Python one gives the same events.
_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

from ledger.core.diagnostics import Diagnostic, Location
from ledger.core.limits import DEFAULT_LIMITS, Limits  # noqa: F401 (where readers have long found them)


# A plain integer of more digits is refused (Y004): Python writes out no longer one (its
# default int_max_str_digits), so none could be quoted back in a message.
MAX_INT_DIGITS = 4300

Path = tuple  # a node's path from the root: ("claims", 3, "value")


@dataclass
class YamlDocument:
    data: object = None
    positions: dict = field(default_factory=dict)  # Path -> (line, column) of the value node
    key_positions: dict = field(default_factory=dict)  # Path -> (line, column) of the key node

    def position(self, path: Path) -> tuple[int, int]:
        """The position of the node at ``path``, or of its nearest existing ancestor."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def locate(self, path: Path) -> tuple[int, int]:
        """Where a diagnostic about the node at ``path`` points: ``position``, exact (a
        document that keeps positions only roughly finds the exact one here)."""
        return self.position(path)

    def locate_key(self, path: Path) -> tuple[int, int]:
        """Where a diagnostic about the key of the node at ``path`` points."""
        return self.key_positions.get(tuple(path), self.position(path))

    def file_of(self, path: Path) -> str | None:
        """The file that holds the node at ``path``, where a document spans several files
        (``ledger.read.includes``); None: the document's own file."""
        return None


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}


def _scalar_value(event: yaml.ScalarEvent):
    text = event.value
    if not event.implicit[0]:  # quoted, block, or explicitly tagged: a string
        return text
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than this Python converts from text: through a Decimal
            return int(Decimal(text))
    if _FLOAT.fullmatch(text):
        return Decimal(text)
    return text


def decode(raw: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 bytes to text; a byte-order mark is dropped; bad bytes get a line and column."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, Diagnostic(
            Location(path, line, column), "Y005",
            f"invalid UTF-8 byte 0x{raw[error.start]:02x}",
            "save the file as UTF-8",
        )


def _too_deep(limits: Limits) -> tuple[str, str]:
    """Y004's message and hint for nesting past the limit (ours, or libyaml's own)."""
    return (f"nesting deeper than {limits.max_depth} levels",
            "a ledger is at most a few levels deep; or raise --max-depth")


def read_yaml(text: str, path: str, limits: Limits = DEFAULT_LIMITS,
              counted: int = 0) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML document into plain values with positions. Never raises on bad input.
    ``counted``: YAML nodes already counted against ``limits.max_nodes`` (the text is a part
    of a larger document, read on its own)."""
    if "\r" in text:  # positions count lines as the parser does; normalise CR and CRLF first
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return _compose(text, path, limits, counted), []
    except _Refused as refused:
        return None, [refused.diagnostic]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        if "maximum nesting depth" in message:  # libyaml's own bound (PyYAML >= 6.0.4), met before ours
            return None, [Diagnostic(Location(path, line, column), "Y004", *_too_deep(limits))]
        return None, [Diagnostic(Location(path, line, column), "Y001", message or "invalid YAML",
                                 "fix the YAML syntax at this position (indentation, quotes, colons)")]
    except yaml.YAMLError as error:  # ReaderError: control characters
        position = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return None, [Diagnostic(Location(path, line, column), "Y005", f"not YAML text: {error}",
                                 "remove control characters from the file")]


# One function of about a hundred lines on purpose: this event loop is the reference reader's
# hot path (every node of the ledger passes through it), and its state lives in local
# variables and closures, which CPython reads faster than an object's attributes.
def _compose(text: str, path: str, limits: Limits, counted: int = 0) -> YamlDocument:
    parser = _Parser(text)
    document = YamlDocument()
    positions = document.positions
    key_positions = document.key_positions
    # A frame per open collection: [container, path, pending_key, key_mark, seen_keys]
    stack: list[list] = []
    nodes = counted
    documents = 0
    root_set = False

    def refuse(code, mark, message, hint):
        raise _Refused(Diagnostic(Location(path, mark.line + 1, mark.column + 1), code, message, hint))

    def place(value, mark, is_collection):
        """Attach a finished node to its parent (or make it the root); return its path."""
        nonlocal root_set
        if not stack:
            document.data = value
            root_set = True
            node_path: Path = ()
        else:
            frame = stack[-1]
            container = frame[0]
            if isinstance(container, list):
                node_path = frame[1] + (len(container),)
                container.append(value)
            elif frame[2] is _NO_KEY:  # this node is a key
                if is_collection:
                    refuse("S001", mark, "a mapping key must be a plain value, not a list or mapping",
                           "write keys as plain words")
                key = value
                if not isinstance(key, (str, int, bool)) and key is not None:
                    key = str(key)
                if key in frame[4]:
                    first = frame[4][key]
                    raise _Refused(Diagnostic(
                        Location(path, mark.line + 1, mark.column + 1), "Y002",
                        f"duplicate key {key!r} (first at line {first[0]})",
                        "remove one of them: YAML would silently keep only the last",
                        related=(Location(path, *first),),
                    ))
                frame[4][key] = (mark.line + 1, mark.column + 1)
                frame[2] = key
                key_positions[frame[1] + (key,)] = (mark.line + 1, mark.column + 1)
                return None
            else:
                node_path = frame[1] + (frame[2],)
                container[frame[2]] = value
                frame[2] = _NO_KEY
        positions[node_path] = (mark.line + 1, mark.column + 1)
        return node_path

    while True:
        event = parser.get_event()
        if event is None:
            break
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            nodes += 1
            if nodes > limits.max_nodes:
                refuse("Y004", event.start_mark, f"more than {limits.max_nodes:,} YAML nodes",
                       "split the ledger, or raise the limit with --max-nodes")
            if event.anchor is not None:
                refuse("Y003", event.start_mark, f"anchor '&{event.anchor}' refused",
                       "write the value out in full; anchors and aliases are not allowed in a ledger")
            tag = event.tag
            if tag is not None and tag not in ("!", "tag:yaml.org,2002:str") and not (
                kind is not yaml.ScalarEvent and tag in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
            ):
                refuse("Y007", event.start_mark, f"explicit tag {tag!r} refused",
                       "remove the tag; write a plain value")
            if root_set and not stack:
                refuse("Y006", event.start_mark, "more than one YAML document in the file",
                       "a ledger is one document: remove the '---' separator")
        if kind is yaml.ScalarEvent:
            if len(event.value) > limits.max_scalar_chars:
                refuse("Y004", event.start_mark,
                       f"a value of {len(event.value):,} characters (limit {limits.max_scalar_chars:,})",
                       "quotes and notes are passages, not documents; or raise --max-scalar-chars")
            if len(event.value) > MAX_INT_DIGITS and event.implicit[0] and _INT.fullmatch(event.value):
                digits = len(event.value.lstrip("+-"))
                if digits > MAX_INT_DIGITS:
                    refuse("Y004", event.start_mark, f"a number of {digits:,} digits (limit {MAX_INT_DIGITS:,})",
                           "no source prints such a number; write the figure as the source does")
            is_key = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY
            if is_key and event.value == "<<" and event.implicit[0]:
                refuse("Y003", event.start_mark, "merge key '<<' refused",
                       "write the fields out in full; merge keys are not allowed in a ledger")
            place(_scalar_value(event) if not (event.tag == "tag:yaml.org,2002:str") else event.value,
                  event.start_mark, False)
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            if len(stack) >= limits.max_depth:
                refuse("Y004", event.start_mark, *_too_deep(limits))
            container = [] if kind is yaml.SequenceStartEvent else {}
            node_path = place(container, event.start_mark, True)
            stack.append([container, node_path, _NO_KEY, None, {}])
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            refuse("Y003", event.start_mark, f"alias '*{event.anchor}' refused",
                   "write the value out in full; anchors and aliases are not allowed in a ledger")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                refuse("Y006", event.start_mark, "more than one YAML document in the file",
                       "a ledger is one document: remove the '---' separator")
    return document


class _NoKey:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()
