"""Text-preserving edits of a ledger file: append an item to a section, replace one item.

Only the lines of the new (or replaced) item change: every other byte of the
file, comments included, stays as it was. The item is written in the canonical
layout (``ledger.emit.render_section_item``), so a canonical file stays canonical.
Where a section ends is found from the positions ``ledger.yamlread`` records and
the comments ``ledger.layout`` attaches: a new item goes after the last item and
the comments that belong to it, before comments that belong to the section or
to the next top-level key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ledger.core.diagnostics import Location
from ledger.write.files import Snapshot, safe_write
from ledger.write.emit import SECTIONS, TOP_LEVEL_ORDER, Rendered, render_section_item
from ledger.write.layout import Layout
from ledger.core.ledger import LoadResult
from ledger.load import load_ledger
from ledger.core.model import REQUIRED_UNLESS, REQUIRED_UNLESS_ERROR, Claim, slug
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits

_CLAIM_ADAPTER: TypeAdapter = TypeAdapter(Claim)
_NUMBER = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


class EditError(Exception):
    """The edit cannot be made as asked (the message says why); nothing was written."""


@dataclass
class Edit:
    """The result of an edit: the new text, and where the item's lines are in it."""

    text: str
    first_line: int  # 1-based line of the item's "- "
    rendered: Rendered  # the item's lines, with the data path of each key

    def field_at(self, line: int) -> tuple | None:
        """The item's key written on ``line`` of the new text (as a path inside the item)."""
        index = line - self.first_line
        if not 0 <= index < len(self.rendered.lines):
            return None
        paths = self.rendered.lines[index].paths
        keys = [p[2:] for p in paths if len(p) > 2]
        return keys[0] if keys else ()


def _read(text: str, path: str, limits: Limits) -> Layout:
    layout, problems = Layout.read(text, path, limits)
    if layout is None:
        raise EditError("the ledger is not readable YAML: " + (problems[0].render() if problems else ""))
    if not isinstance(layout.document.data, dict):
        raise EditError("the ledger is not a YAML mapping")
    return layout


def _normalised(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def append_item(text: str, section: str, item, *, path: str = "claims.yaml",
                limits: Limits = DEFAULT_LIMITS) -> Edit:
    """``text`` with ``item`` appended to ``section`` (created, in canonical order, when missing)."""
    text = _normalised(text)
    layout = _read(text, path, limits)
    data = layout.document.data
    if section in data:
        items = data[section]
        key = (section,)
        if isinstance(items, list) and items:
            if not layout.is_block_sequence(key):
                raise EditError(f"'{section}' is written as a [flow, list]; run `ledger fmt` first")
            index = len(items)
            at = layout.block_end((section, index - 1))
            prefix = "" if at == 0 or text[at - 1] == "\n" else "\n"
            separator = "\n" if _blank_between(section) else ""
            rendered = render_section_item(section, item, index)
            body = "\n".join(line.text for line in rendered.lines)
            new = text[:at] + prefix + separator + body + "\n" + text[at:]
            first = text.count("\n", 0, at) + (1 if prefix else 0) + (1 if separator else 0) + 1
            return Edit(new, first, rendered)
        if items is None or items == []:
            # "section:", "section: []" or "section: null": the items go on the lines after the key
            line_end = layout.line_end(layout.offsets[key])
            head = text[:line_end]
            value_at = layout.node_offset(key)
            value_end = _value_end(layout, value_at, items)
            if value_end > value_at:  # an explicit [] or null on the key's line: take it away
                if value_end > line_end:
                    raise EditError(f"'{section}' is written over several lines; run `ledger fmt` first")
                head = text[:value_at].rstrip(" \t") + text[value_end:line_end]
            if not head.endswith("\n"):
                head += "\n"
            rendered = render_section_item(section, item, 0)
            body = "\n".join(line.text for line in rendered.lines)
            new = head + body + "\n" + text[line_end:]
            return Edit(new, head.count("\n") + 1, rendered)
        raise EditError(f"'{section}' is not a list of items; fix it first (`ledger check`)")
    # no such section: create it before the next section in canonical order, or at the end
    later = [k for k in TOP_LEVEL_ORDER[TOP_LEVEL_ORDER.index(section) + 1:] if k in data] \
        if section in TOP_LEVEL_ORDER else []
    rendered = render_section_item(section, item, 0)
    body = f"{section}:\n" + "\n".join(line.text for line in rendered.lines) + "\n"
    if later:
        at = layout.offsets[(later[0],)]
        leading = layout.leading.get((later[0],), [])
        if leading:
            at = layout.line_start(leading[0].offset)
        new = text[:at] + body + "\n" + text[at:]
        first = text.count("\n", 0, at) + 2
    else:
        at = layout.line_start(layout.trailer[0].offset) if layout.trailer else len(text)
        head = text[:at]
        if head and not head.endswith("\n"):
            head += "\n"
        lead = "\n" if head.strip() and not head.endswith("\n\n") else ""
        new = head + lead + body + ("\n" if layout.trailer else "") + text[at:]
        first = head.count("\n") + (1 if lead else 0) + 2
    return Edit(new, first, rendered)


def replace_item(text: str, section: str, index: int, item, *, path: str = "claims.yaml",
                 limits: Limits = DEFAULT_LIMITS) -> Edit:
    """``text`` with item ``index`` of ``section`` rewritten; comments inside it move above it."""
    text = _normalised(text)
    layout = _read(text, path, limits)
    key = (section, index)
    items = layout.document.data.get(section)
    if not isinstance(items, list) or not 0 <= index < len(items) or not layout.is_block_sequence((section,)):
        raise EditError(f"cannot rewrite item {index} of '{section}' in place; run `ledger fmt` first")
    start = layout.line_start(layout.offsets[key])
    end = layout.line_end(max(layout.content_end(key) - 1, start))
    inside = [c for c in layout.comments if start <= c.offset < end]
    rendered = render_section_item(section, item, index)
    moved = "".join("  " + c.text + "\n" for c in inside)
    body = moved + "\n".join(line.text for line in rendered.lines) + "\n"
    new = text[:start] + body + text[end:]
    return Edit(new, text.count("\n", 0, start) + len(inside) + 1, rendered)


def _blank_between(section: str) -> bool:
    return SECTIONS.get(section, ((), "block"))[1] == "block"


def _value_end(layout: Layout, value_at: int, value) -> int:
    """End offset of an empty section's written value: the ``]`` of ``[]``, the end of ``null``;
    ``value_at`` itself when nothing is written."""
    if value == []:
        for token in layout.tokens:
            if token.start >= value_at and token.kind == "FlowSequenceEndToken":
                return token.end
        return value_at
    for token in layout.tokens:
        if token.start == value_at and token.kind == "ScalarToken":
            return token.end
    return value_at


# ------------------------------------------------------------------ validating a candidate


def load_candidate(temporary: Path, shown: Path, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Load a candidate ledger written next to the real one; diagnostics name the real file."""
    result = load_ledger(temporary, limits)
    real, temp = str(shown), str(temporary)

    def rename(location: Location) -> Location:
        return replace(location, path=real) if location.path == temp else location

    result.diagnostics[:] = [replace(d, location=rename(d.location), related=tuple(rename(r) for r in d.related))
                             for d in result.diagnostics]
    if result.ledger is not None:
        result.ledger.path = Path(shown)
    return result


class Rejected(Exception):
    """The edited ledger would not load cleanly; nothing was written. ``result`` says why."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__("the edited ledger has errors")
        self.result = result


def encode_like(snapshot: Snapshot, text: str) -> bytes:
    """The edited text in the file's own conventions: CRLF or CR-only line endings and a
    byte-order mark stay if the file had them (the edit itself works on LF text), so only the
    new lines differ."""
    original = snapshot.data or b""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    elif b"\r" in original and b"\n" not in original:
        text = text.replace("\n", "\r")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if original.startswith(b"\xef\xbb\xbf") else data


def save_edit(snapshot: Snapshot, text: str, limits: Limits = DEFAULT_LIMITS, *, dry_run: bool = False,
              root: Path | None = None) -> LoadResult:
    """Write the edited ledger ``text`` over the file read as ``snapshot`` (or, with ``dry_run``,
    only try to): atomically, and only when it loads without errors where it will be (else
    :class:`Rejected`) and the file did not change meanwhile (else ``FileChangedError``; any other
    failure is a ``WriteError``). The result of loading the new file. ``root``: the ledger whose
    set of files ``snapshot`` is one of (it is loaded with the new text in place of that file's,
    under its lock)."""
    loaded: list[LoadResult] = []
    data = encode_like(snapshot, text)
    included = root is not None and os.path.abspath(root) != os.path.abspath(snapshot.path)

    def validate(temporary: Path) -> None:
        if included:
            relative = os.path.relpath(os.path.abspath(snapshot.path), os.path.abspath(root.parent))
            result = load_ledger(root, limits, files={relative.replace(os.sep, "/"): data})
        else:
            result = load_candidate(temporary, snapshot.path, limits)
        loaded.append(result)
        if result.ledger is None or not result.ok:
            raise Rejected(result)

    safe_write(snapshot, data, validate=validate, dry_run=dry_run, lock=root if included else None)
    return loaded[0]


def insert_item(text: str, section: str, index: int, item, *, path: str = "claims.yaml",
                limits: Limits = DEFAULT_LIMITS) -> Edit:
    """``text`` with ``item`` put before item ``index`` of ``section`` (after the last one when
    ``index`` is past it): only the new lines are added, so edits at different places of a
    section never touch the same lines."""
    text = _normalised(text)
    layout = _read(text, path, limits)
    items = layout.document.data.get(section)
    if not isinstance(items, list) or index >= len(items):
        return append_item(text, section, item, path=path, limits=limits)
    if not layout.is_block_sequence((section,)):
        raise EditError(f"'{section}' is written as a [flow, list]; run `ledger fmt` first")
    key = (section, index)
    leading = layout.leading.get(key)
    at = layout.line_start(leading[0].offset if leading else layout.offsets[key])
    rendered = render_section_item(section, item, index)
    body = "\n".join(line.text for line in rendered.lines) + "\n" + ("\n" if _blank_between(section) else "")
    return Edit(text[:at] + body + text[at:], text.count("\n", 0, at) + 1, rendered)


# ------------------------------------------------------------------ claims


def figure(written: str):
    """A figure as typed on the command line, as the ledger should hold it: a plain number when
    YAML reads it as one with the same digits (88.60, 92), else the text ("16,000", 128k)."""
    written = written.strip()
    if _NUMBER.fullmatch(written):
        return int(written) if re.fullmatch(r"[-+]?[0-9]+", written) else Decimal(written)
    return written


def validate_claim(claim: dict) -> list[tuple[tuple, str]]:
    """The pydantic model's complaints about a claim, as (field path, message)."""
    try:
        _CLAIM_ADAPTER.validate_python(claim)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            if loc and loc[0] == claim.get("kind"):
                loc = loc[1:]
            if item["type"] == REQUIRED_UNLESS_ERROR:  # said of the claim; it is about the value given or not
                loc = next(name for kind, name in REQUIRED_UNLESS if kind == claim.get("kind")),
            message = item["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            if item["type"] == "missing":
                message = "missing"
            problems.append((loc, message))
        return problems
    return []


def propose_claim_id(claim: dict, taken) -> str:
    """``<source>-<benchmark|category|predicate|quantity>-<model|subject>`` (and a little more
    for comparisons, rankings and tallies), made unique with -2, -3 ..."""
    kind = claim.get("kind")
    target = claim.get("benchmark") or claim.get("category") or (claim.get("benchmarks") or [None])[0] \
        or claim.get("capability") or ("overall" if claim.get("overall") else None)
    denied = None if claim.get("polarity", True) else "not"
    subjects = claim.get("subjects") or []
    parts = [claim.get("source")]
    if kind == "score":
        parts += [claim.get("benchmark"), claim.get("model")]
    elif kind == "comparison":
        parts += [target, subjects[0] if subjects else None, denied, claim.get("relation"),
                  (claim.get("objects") or [None])[0]]
    elif kind == "ranking":
        parts += [target, subjects[0] if subjects else None, denied, claim.get("rank")]
    elif kind == "tally":
        parts += [target, claim.get("subject"), f"{claim.get('count')}-of-{claim.get('total')}"]
    elif kind == "quantity":
        parts += [claim.get("quantity"), claim.get("subject")]
    elif kind == "statement":
        parts += [claim.get("predicate"), claim.get("subject"), denied]
    base = slug("-".join(str(p) for p in parts if p not in (None, ""))) or "claim"
    base = base[:180].rstrip("-.+") or "claim"
    if not base[0].isalnum():
        base = "c-" + base
    return unique_id(base, taken)


def unique_id(base: str, taken) -> str:
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# ------------------------------------------------------------------ sources

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(_MONTH + r"[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(\d{4})\b"), ("M", "d", "y")),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?[ \t]+" + _MONTH + r",?[ \t]+(\d{4})\b"), ("d", "M", "y")),
)
_NAME = re.compile(r"[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|la|le)){0,4}")
_CHROME = re.compile(r"(skip to (main )?content|menu|home|sign in|log in|subscribe)\W*", re.I)
TOP_LINES = 20  # dates, bylines and titles are looked for this far from the top
# the keys a saved page (a page dump) states its metadata with, in ``key: value`` lines at its top
_PAGE_KEYS = frozenset({"title", "address", "url", "date", "published", "author", "authors", "publisher"})
_URL = re.compile(r"https?://\S+$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD (ISO, "July 23, 2024", "23 July 2024", "Tue Aug 13 2024")."""
    best = None
    for pattern, order in _DATE_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            parts = dict(zip(order, match.groups()))
            year, day = int(parts["y"]), int(parts["d"])
            month = int(parts["m"]) if "m" in parts else _MONTHS[parts["M"][:3].lower()]
            if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200:
                best = (match.start(), f"{year:04d}-{month:02d}-{day:02d}")
    return best[1] if best else None


def _names(text: str) -> list[str]:
    names = []
    for part in re.split(r",|\band\b|&", text):
        part = part.strip(" \t.*_")
        if part and _NAME.fullmatch(part):
            names.append(part)
    return names


def source_metadata(text: str) -> dict:
    """What the text states about itself: title, authors, published (YYYY-MM-DD), publisher, url
    (what it does not state stays None, or [] for authors); and front_matter_lines, the number of
    lines of a leading ``---`` front-matter block, or of a page dump's header (0 when there is none).

    A page dump's header is a block of ``key: value`` lines at the very top, each of a known key
    (title, address or url, date or published, author or authors, publisher), ended by a blank
    line; a url that is no address, a date that is no date, an unknown key or no blank line after
    it make it the text's first lines instead (prose may well hold a colon)."""
    meta: dict = {"title": None, "authors": [], "publisher": None, "published": None, "url": None,
                  "front_matter_lines": 0}
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body = text
    fields = None
    front = _FRONT_MATTER.match(text)
    if front:
        body = text[front.end():]
        meta["front_matter_lines"] = text[:front.end()].rstrip("\n").count("\n") + 1
        fields = {}
        for line in front.group(1).split("\n"):
            match = _FRONT_KEY.match(line)
            if match and match.group(1).lower() not in fields:
                fields[match.group(1).lower()] = _unquote(match.group(2))
    else:
        header = _page_header(text)
        if header is not None:
            fields, meta["front_matter_lines"] = header
            body = text.split("\n", meta["front_matter_lines"])[-1]
    if fields is not None:
        meta["title"] = fields.get("title") or None
        for key in ("datepublished", "date", "published", "publishedat", "pubdate"):
            if fields.get(key):
                meta["published"] = parse_date(fields[key])
                if meta["published"]:
                    break
        for key in ("author", "authors"):
            if fields.get(key):
                meta["authors"] = _names(fields[key].strip("[]"))
                break
        for key in ("publisher", "site_name", "site"):
            if fields.get(key):
                meta["publisher"] = fields[key]
                break
        for key in ("url", "address", "canonical", "canonical_url", "canonicalurl", "link"):
            if _URL.match(fields.get(key, "")):
                meta["url"] = fields[key]
                break
    lines = [line.strip() for line in body.split("\n")]
    top = [line for line in lines if line][:TOP_LINES]
    if not meta["title"]:
        for line in top:
            heading = re.match(r"#{1,6}[ \t]+(.+?)[ \t#]*$", line)
            if heading:
                meta["title"] = heading.group(1).strip("*_ ")
                break
        else:
            for line in top:
                if not _CHROME.fullmatch(line) and not line.startswith(("![", "[", "<")):
                    meta["title"] = line.strip("#*_ ")
                    break
    if meta["title"] and len(meta["title"]) > 300:
        meta["title"] = meta["title"][:297].rstrip() + "..."
    if not meta["published"]:
        meta["published"] = parse_date("\n".join(top))
    if not meta["authors"]:
        meta["authors"] = _bylines(lines)
    return meta


def _page_header(text: str) -> tuple[dict, int] | None:
    """The fields of a page dump's header and its number of lines, or None when the text has
    none (see :func:`source_metadata`)."""
    fields: dict = {}
    lines = text.split("\n")
    for count, line in enumerate(lines):
        if not line.strip():
            return (fields, count) if fields else None
        match = _FRONT_KEY.match(line)
        if not match:
            return None
        key, value = match.group(1).lower(), _unquote(match.group(2))
        if key not in _PAGE_KEYS or not value or key in fields:
            return None
        if key in ("url", "address") and not _URL.match(value):
            return None
        if key in ("date", "published") and not parse_date(value):
            return None
        fields[key] = value
    return None  # no blank line after it: the whole text is key: value lines, or prose


def _bylines(lines: list[str]) -> list[str]:
    """Authors from "By NAME" lines near the top ("By" alone, the name on the next line, too),
    or from "Author" labels followed by a name anywhere (author boxes at the end of a page)."""
    found: list[str] = []
    non_empty = [line for line in lines if line]
    for n, line in enumerate(non_empty[:TOP_LINES]):
        match = re.fullmatch(r"(?:by|written by|author|authors)[:\s]*(.*)", line, re.I)
        if not match:
            continue
        rest = match.group(1).strip()
        candidate = rest or (non_empty[n + 1] if n + 1 < len(non_empty) else "")
        names = _names(candidate)
        if names and len(candidate) <= 120:
            found += names
    if not found:
        for n, line in enumerate(non_empty[:-1]):
            if re.fullmatch(r"authors?:?", line, re.I):
                found += _names(non_empty[n + 1]) if len(non_empty[n + 1]) <= 80 else []
    unique = []
    for name in found:
        if name not in unique:
            unique.append(name)
    return unique


def propose_source_id(meta: dict, filename: str, taken) -> str:
    """The publisher's name, else the first author's family name, else the file's name."""
    base = ""
    if meta.get("publisher"):
        base = slug(meta["publisher"])
    elif meta.get("authors"):
        base = slug(meta["authors"][0].split()[-1])
    if not base:
        base = slug(os.path.splitext(filename)[0])
    base = base[:60].strip("-.+") or "source"
    if not base[0].isalnum():
        base = "s-" + base
    return unique_id(base, taken)


__all__ = [
    "Edit", "EditError", "append_item", "figure", "load_candidate", "parse_date",
    "propose_claim_id", "propose_source_id", "replace_item", "source_metadata", "unique_id", "validate_claim",
]
