"""The canonical layout of a ledger file: key orders, one style per section, and the writer.

This module is the ONE definition of how ``claims.yaml`` looks. ``dump_ledger``
writes plain data in it; ``ledger fmt`` (``ledger.fmt``) writes the same lines and
puts the file's comments back around them; ``ledger add``, ``ledger review`` and
``ledger new-source`` render the one item they append with ``render_section_item``.

The layout:

- top-level keys in the order version, include, settings, sources, entities, vocabulary,
  claims, reviews, then any other key in the file's order; one blank line between them;
- ``settings`` as a block mapping two levels deep (``tolerances:`` then one line
  per tolerance), in a fixed key order;
- ``sources``, ``claims`` and ``reviews`` as block sequences of block mappings
  (``  - id: ...`` then ``    key: value`` lines), one blank line between items,
  keys in the fixed orders below (unknown keys after them, in the file's order);
  a list of mappings inside an item (a source's ``skips``) as one flow mapping a line;
- ``entities`` as one flow mapping a line, no blank lines between them;
- ``vocabulary`` as a block mapping of its lists (predicates, qualifiers, quantities,
  units, one blank line between them), each a block sequence of block mappings like
  the sources' (``    - id: ...`` then ``      key: value``), one blank line between items;
- an empty or null section as ``name: []``;
- ``include`` (a root's files) as a block sequence, one path or glob a line;
- every other value in flow style on its key's line;
- strings plain when they read back as the same string, else double-quoted with
  JSON escapes; numbers as written (``88.60`` stays ``88.60``).

Values are written so that ``ledger.yamlread`` reads back exactly what was
written (numbers keep their precision; strings that would read as something
else are quoted).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

CLAIM_KEY_ORDER = (
    "id", "kind", "source", "topic", "cell", "quote", "prefix", "suffix", "occurrence",
    "model", "subject", "subjects", "relation", "objects", "predicate", "object", "polarity",
    "benchmark", "benchmarks", "category", "capability", "overall", "scope", "rank", "among", "within", "setting", "metric",
    "quantity", "value", "reported", "unit", "qualifier", "against", "count", "total", "qualifiers", "words", "note",
)
SOURCE_KEY_ORDER = ("id", "file", "title", "authors", "publisher", "published", "url", "kind", "role", "sha256", "skips",
                    "footnotes")
ENTITY_KEY_ORDER = ("id", "kind", "name", "family", "category", "metric", "unit", "part_of", "aliases")
REVIEW_KEY_ORDER = ("conflict", "verdict", "note", "evidence", "reviewer")
SETTINGS_KEY_ORDER = ("tolerances",)
TOLERANCE_KEY_ORDER = ("on_par", "slightly", "significantly", "about")
SETTING_KEY_ORDER = ("shots", "cot")
SKIP_KEY_ORDER = ("lines", "quote", "reason")
CELL_KEY_ORDER = ("table", "row", "column")
FOOTNOTE_KEY_ORDER = ("marker", "quote", "setting")
ALIAS_KEY_ORDER = ("name", "source", "quote")
# the vocabulary's lists, and the key order of the terms of each
VOCABULARY_ORDER = ("predicates", "qualifiers", "quantities", "units", "capabilities")
TERM_KEY_ORDERS = {
    "predicates": ("id", "label", "definition", "aliases", "subject", "object", "object_optional", "opposite"),
    "qualifiers": ("id", "label", "definition", "aliases"),
    "quantities": ("id", "label", "definition", "dimension", "unit", "single", "aliases"),
    "units": ("id", "label", "definition", "dimension", "factor", "aliases"),
    "capabilities": ("id", "label", "definition", "categories", "aliases"),
}

TOP_LEVEL_ORDER = ("version", "include", "settings", "sources", "entities", "vocabulary", "claims", "reviews")
# section -> (key order of its items, style: "block" items or one "flow" mapping a line)
SECTIONS = {
    "sources": (SOURCE_KEY_ORDER, "block"),
    "entities": (ENTITY_KEY_ORDER, "flow"),
    "claims": (CLAIM_KEY_ORDER, "block"),
    "reviews": (REVIEW_KEY_ORDER, "block"),
}
# key orders of mappings nested in section items, by the key that holds them
_NESTED_ORDER = {"setting": SETTING_KEY_ORDER, "skips": SKIP_KEY_ORDER, "cell": CELL_KEY_ORDER,
                 "footnotes": FOOTNOTE_KEY_ORDER, "aliases": ALIAS_KEY_ORDER}
INDENT = 2

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9 _./+()'-]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
# Characters YAML will not read raw inside a double-quoted scalar (non-printable, or line breaks
# in YAML 1.1 such as NEL and the Unicode line/paragraph separators): written as \\u escapes.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\x85\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


class Written(str):
    """A scalar's text exactly as the file wrote it (a number such as ``88.60`` or ``012``)."""


def scalar(value) -> str:
    if isinstance(value, Written):
        return str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" ") and ": " not in text:
        return text
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def ordered(mapping: dict, order) -> list:
    keys = [k for k in order if k in mapping] + [k for k in mapping if k not in order]
    return [(k, mapping[k]) for k in keys]


def flow(value, order=()) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v, _NESTED_ORDER.get(k, ()))}"
                               for k, v in ordered(value, order)) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, order) for v in value) + "]"
    return scalar(value)


def _descendants(value, path: tuple) -> list[tuple]:
    """The paths of every key and item inside ``value`` (for values written in flow style)."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append(path + (key,))
            found += _descendants(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append(path + (index,))
            found += _descendants(child, path + (index,))
    return found


# ------------------------------------------------------------------ the writer

@dataclass
class Line:
    text: str
    indent: int = 0
    paths: tuple = ()  # the keys and items (by data path) that start on this line


@dataclass
class Rendered:
    """A ledger in the canonical layout: its lines, and where each key or item is."""

    lines: list[Line] = field(default_factory=list)
    spans: dict = field(default_factory=dict)  # path -> [first line index, last line index]
    indents: dict = field(default_factory=dict)  # path -> column (0-based) of the key or the item's "- "

    def line(self, text: str, indent: int, *entries: tuple[tuple, int], nested=()) -> None:
        """Add a line; ``entries`` are (path, indent) of keys/items it starts; ``nested`` more
        paths written in flow style on it."""
        index = len(self.lines)
        paths = [path for path, _ in entries] + list(nested)
        self.lines.append(Line(text, indent, tuple(paths)))
        for path, column in entries:
            self.spans[path] = [index, index]
            self.indents[path] = column
        for path in nested:
            self.spans[path] = [index, index]
            self.indents[path] = indent

    def blank(self) -> None:
        self.lines.append(Line(""))

    def close(self, path: tuple) -> None:
        """The block of ``path`` ends at the last line written so far."""
        self.spans[path][1] = len(self.lines) - 1

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines) + "\n"


def _block_item(out: Rendered, item: dict, order, path: tuple, indent: int) -> None:
    """One item of a block section: ``- key: value`` then ``  key: value`` lines."""
    pad = " " * indent
    for n, (key, value) in enumerate(ordered(item, order)):
        lead = f"{pad}- " if n == 0 else f"{pad}  "
        child = path + (key,)
        entries = ((path, indent), (child, indent + INDENT)) if n == 0 else ((child, indent + INDENT),)
        line_indent = indent if n == 0 else indent + INDENT
        nested_order = _NESTED_ORDER.get(key, ())
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out.line(f"{lead}{scalar(key)}:", line_indent, *entries)
            for index, element in enumerate(value):
                element_path = child + (index,)
                out.line(f"{pad}    - {flow(element, nested_order)}", indent + 2 * INDENT,
                         (element_path, indent + 2 * INDENT), nested=_descendants(element, element_path))
            out.close(child)
        else:
            out.line(f"{lead}{scalar(key)}: {flow(value, nested_order)}", line_indent, *entries,
                     nested=_descendants(value, child))
    out.close(path)


def _section(out: Rendered, name, items, path: tuple) -> None:
    order, style = SECTIONS[name]
    out.line(f"{scalar(name)}:", 0, (path, 0))
    for index, item in enumerate(items):
        item_path = path + (index,)
        if style == "block" and isinstance(item, dict) and item:
            if index:
                out.blank()
            _block_item(out, item, order, item_path, INDENT)
        else:
            out.line(f"  - {flow(item, order)}", INDENT, (item_path, INDENT),
                     nested=_descendants(item, item_path))
    out.close(path)


def _include(out: Rendered, entries: list, path: tuple) -> None:
    """The files a root includes, one a line: a file added or removed is a line of its own."""
    out.line("include:", 0, (path, 0))
    for index, entry in enumerate(entries):
        out.line(f"  - {flow(entry)}", INDENT, (path + (index,), INDENT), nested=_descendants(entry, path + (index,)))
    out.close(path)


def _settings(out: Rendered, settings: dict, path: tuple) -> None:
    out.line("settings:", 0, (path, 0))
    for key, value in ordered(settings, SETTINGS_KEY_ORDER):
        child = path + (key,)
        if isinstance(value, dict) and value:
            out.line(f"  {scalar(key)}:", INDENT, (child, INDENT))
            inner_order = TOLERANCE_KEY_ORDER if key == "tolerances" else ()
            for inner_key, inner in ordered(value, inner_order):
                leaf = child + (inner_key,)
                out.line(f"    {scalar(inner_key)}: {flow(inner)}", 2 * INDENT, (leaf, 2 * INDENT),
                         nested=_descendants(inner, leaf))
            out.close(child)
        else:
            out.line(f"  {scalar(key)}: {flow(value)}", INDENT, (child, INDENT), nested=_descendants(value, child))
    out.close(path)


def _vocabulary(out: Rendered, vocabulary: dict, path: tuple) -> None:
    out.line("vocabulary:", 0, (path, 0))
    for n, (kind, terms) in enumerate(ordered(vocabulary, VOCABULARY_ORDER)):
        child = path + (kind,)
        if n:
            out.blank()
        if not (isinstance(terms, list) and terms):
            out.line(f"  {scalar(kind)}: {flow(terms)}", INDENT, (child, INDENT), nested=_descendants(terms, child))
            continue
        out.line(f"  {scalar(kind)}:", INDENT, (child, INDENT))
        for index, term in enumerate(terms):
            item_path = child + (index,)
            if isinstance(term, dict) and term:
                if index:
                    out.blank()
                _block_item(out, term, TERM_KEY_ORDERS.get(kind, ()), item_path, 2 * INDENT)
            else:
                out.line(f"    - {flow(term)}", 2 * INDENT, (item_path, 2 * INDENT),
                         nested=_descendants(term, item_path))
        out.close(child)
    out.close(path)


def render(data: dict) -> Rendered:
    """The ledger's data in the canonical layout, with the line of every key and item."""
    out = Rendered()
    keys = [k for k in TOP_LEVEL_ORDER if k in data] + [k for k in data if k not in TOP_LEVEL_ORDER]
    for n, key in enumerate(keys):
        if n:
            out.blank()
        value = data[key]
        path = (key,)
        if key == "settings" and isinstance(value, dict) and value:
            _settings(out, value, path)
        elif key == "vocabulary" and isinstance(value, dict) and value:
            _vocabulary(out, value, path)
        elif key in SECTIONS and isinstance(value, list) and value:
            _section(out, key, value, path)
        elif key == "include" and isinstance(value, list) and value:
            _include(out, value, path)
        elif key in SECTIONS and value is None:
            out.line(f"{scalar(key)}: []", 0, (path, 0))
        else:
            out.line(f"{scalar(key)}: {flow(value)}", 0, (path, 0), nested=_descendants(value, path))
            out.close(path)
    return out


def render_section_item(section: str, item, index: int = 0) -> Rendered:
    """One item of a section in the canonical layout, with the line of each of its keys."""
    out = Rendered()
    order, style = SECTIONS[section]
    path = (section, index)
    if style == "block" and isinstance(item, dict) and item:
        _block_item(out, item, order, path, INDENT)
    else:
        out.line(f"  - {flow(item, order)}", INDENT, (path, INDENT), nested=_descendants(item, path))
    return out


def dump_ledger(data: dict, header: str = "") -> str:
    """Plain ledger data as canonical YAML text; ``header`` (comment lines) goes first."""
    body = render(data).text()
    return (header.rstrip("\n") + "\n\n" + body) if header else body
