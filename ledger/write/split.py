"""``ledger split --by source`` and ``ledger split --undo``: one ledger file as a root plus one
file per source (``claims/<source>.yaml``, the source's entry and its claims), and back.

Both are pure functions of the files' texts: items are moved as the text they are written in
(their comments with them), then each file is put in the canonical layout (``ledger.write.fmt``).
The root keeps the version, the settings, the entities, the vocabulary and the reviews, and
includes each source's file by name, in the order the sources were, then ``claims/*.yaml``:

- listed, the files are read in the ledger's order, so joining them gives back the ledger as
  it was (claims in the same order, conflicts listing their evidence in the same order);
- the glob picks up a file no one listed (``ledger new-source`` adds one): a team that adds a
  write-up adds a file and never touches the root, so two branches that add sources, or
  claims about different sources, never touch the same lines. Its files come after the
  listed ones, in their names' order (the glob skips those already read).

An included file names the root's JSON Schema on its first line when the root does (the
YAML language server's ``$schema=`` comment), so an editor checks it too.
"""

from __future__ import annotations

import posixpath
import re

from ledger.core.fileset import ITEM_SECTIONS, VOCABULARY_LISTS
from ledger.read.includes import INCLUDE
from ledger.write.emit import TOP_LEVEL_ORDER, scalar
from ledger.write.fmt import format_text
from ledger.write.layout import Layout

SPLIT_FOLDER = "claims"
SPLIT_INCLUDE = f"{SPLIT_FOLDER}/*.yaml"
_SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


def source_file(source_id: str) -> str:
    """The file of a ledger split by source that holds ``source_id``'s entry and claims."""
    return f"{SPLIT_FOLDER}/{source_id}.yaml"


def schema_header(root_text: str, relative: str) -> str:
    """The line that points an editor at the root's schema from the included file ``relative``
    (the root's own ``$schema=`` line, its path made relative to that file), or ""."""
    for line in root_text.splitlines():
        if not line.startswith("#"):
            break
        found = _SCHEMA_LINE.match(line)
        if found:
            schema = found.group(1)
            if "://" not in schema and not schema.startswith("/"):
                schema = posixpath.relpath(schema, posixpath.dirname(relative) or ".")
            return f"# yaml-language-server: $schema={schema}\n"
    return ""


def included_file(root_text: str, relative: str, source_item: str, claim_items: list[str] = ()) -> str:
    """The text of a source's own file: its entry, its claims (items as written), and the line
    that names the root's schema."""
    return _assemble(schema_header(root_text, relative),
                     [_section("sources", [source_item]), _section("claims", list(claim_items))], relative)


class SplitError(Exception):
    """The ledger cannot be split (or joined) as asked; the message says why."""


def _layout(text: str, path: str) -> Layout:
    """The file in the canonical layout, read: its items then sit at known indentations."""
    formatted = format_text(text, path)
    if formatted.text is None:
        raise SplitError(f"{path} is not readable YAML: " + "; ".join(d.render() for d in formatted.diagnostics[:1]))
    layout, _ = Layout.read(formatted.text, path)
    if not isinstance(layout.document.data, dict):
        raise SplitError(f"{path} is not a ledger (a YAML mapping)")
    return layout


def _start(layout: Layout, path: tuple) -> int:
    """Where the text of a key or item starts: its first leading comment's line, or its own."""
    leading = layout.leading.get(path)
    return layout.line_start(leading[0].offset if leading else layout.offsets[path])


def _top_keys(layout: Layout) -> list:
    return list(layout.document.data)


def _block(layout: Layout, key) -> str:
    """A top-level key's text, its leading comments to the next top-level key."""
    keys = _top_keys(layout)
    following = keys.index(key) + 1
    end = _start(layout, (keys[following],)) if following < len(keys) else \
        (layout.line_start(layout.trailer[0].offset) if layout.trailer else len(layout.text))
    return layout.text[_start(layout, (key,)):end].rstrip("\n") + "\n"


def _items(layout: Layout, path: tuple) -> list[str]:
    """The text of each item of the list at ``path`` (comments included, trailing blank lines not)."""
    items = layout.document.data
    for part in path:
        items = items.get(part) if isinstance(items, dict) else None
    if not isinstance(items, list) or not items:
        return []
    starts = [_start(layout, path + (index,)) for index in range(len(items))]
    keys = _top_keys(layout)
    following = keys.index(path[0]) + 1
    if len(path) == 2:  # a vocabulary list: up to the next list of the vocabulary
        kinds = list(layout.document.data[path[0]])
        after = kinds.index(path[1]) + 1
        if after < len(kinds):
            end = _start(layout, (path[0], kinds[after]))
        else:
            end = _start(layout, (keys[following],)) if following < len(keys) else len(layout.text)
    else:
        end = _start(layout, (keys[following],)) if following < len(keys) else \
            (layout.line_start(layout.trailer[0].offset) if layout.trailer else len(layout.text))
    bounds = starts + [end]
    return [layout.text[bounds[n]:bounds[n + 1]].rstrip("\n") + "\n" for n in range(len(items))]


def _header(layout: Layout) -> str:
    return "".join(comment.text + "\n" for comment in layout.header)


def _section(name: str, items: list[str]) -> str:
    return f"{name}:\n" + "\n".join(items) if items else f"{name}: []\n"


def _assemble(header: str, blocks: list[str], path: str) -> str:
    text = (header + "\n" if header else "") + "\n".join(blocks)
    formatted = format_text(text, path)
    if formatted.text is None:  # pragma: no cover - the pieces came from canonical files
        raise SplitError(f"the {path} made of the pieces does not read back")
    return formatted.text


def split_by_source(text: str, path: str = "claims.yaml") -> dict[str, str]:
    """The root's new text and one file per source (relative path -> text, the root first, then
    the sources' files in the order of the sources): each source's entry and its claims in
    ``claims/<source>.yaml``; a claim whose source is not declared stays in the root. Raises :class:`SplitError` for a ledger that already includes files."""
    layout = _layout(text, path)
    data = layout.document.data
    if data.get(INCLUDE) is not None:
        raise SplitError(f"{path} already includes other files; join it first (`ledger split --undo`)")
    sources = data.get("sources") if isinstance(data.get("sources"), list) else []
    ids = [s.get("id") if isinstance(s, dict) else None for s in sources]
    if any(not isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        raise SplitError("every source needs an id of its own to be split by source; run `ledger check`")
    source_items = dict(zip(ids, _items(layout, ("sources",))))
    claims = data.get("claims") if isinstance(data.get("claims"), list) else []
    by_source: dict[str, list[str]] = {i: [] for i in ids}
    left: list[str] = []
    for claim, item in zip(claims, _items(layout, ("claims",))):
        source = claim.get("source") if isinstance(claim, dict) else None
        (by_source[source] if source in by_source else left).append(item)
    files = {source_file(i): included_file(text, source_file(i), source_items[i], by_source[i]) for i in ids}
    blocks = []
    for key in _top_keys(layout):
        if key == "sources":
            continue
        if key == "claims":
            if left:
                blocks.append(_section("claims", left))
            continue
        blocks.append(_block(layout, key))
    blocks.append(f"{INCLUDE}:\n" + "".join(f"  - {name}\n" for name in [*files, SPLIT_INCLUDE]))
    return {path.rsplit("/", 1)[-1]: _assemble(_header(layout), blocks, path), **files}


def join(files: list[tuple[str, str]]) -> str:
    """One ledger file from a root and the files it includes (``(path, text)`` pairs, the root
    first, in the order the ledger reads them): every section's items in that order, the
    root's other keys and comments as they were, no ``include``."""
    layouts = [_layout(text, name) for name, text in files]
    root = layouts[0]
    present = set()
    for layout in layouts:
        present.update(layout.document.data)
    order = [k for k in TOP_LEVEL_ORDER if k in present] + [k for k in root.document.data if k not in TOP_LEVEL_ORDER]
    blocks = []
    for key in order:
        if key == INCLUDE:
            continue
        if key in ITEM_SECTIONS:
            blocks.append(_section(key, [item for layout in layouts for item in _items(layout, (key,))]))
        elif key == "vocabulary":
            lists = []
            for kind in VOCABULARY_LISTS:
                declared = [layout for layout in layouts
                            if isinstance(layout.document.data.get("vocabulary"), dict)
                            and kind in layout.document.data["vocabulary"]]
                if declared:
                    terms = [item for layout in declared for item in _items(layout, ("vocabulary", kind))]
                    lists.append(f"  {kind}:\n" + "\n".join(terms) if terms else f"  {kind}: []\n")
            blocks.append("vocabulary:\n" + "\n".join(lists))
        elif key in root.document.data:
            blocks.append(_block(root, key))
    return _assemble(_header(root), blocks, files[0][0])


# ------------------------------------------------------------------ a new source of a split ledger


def split_by_source_already(ledger) -> bool:
    """Whether ``ledger new-source`` gives a new source a file of its own (``source_file``):
    where the ledger is split (it includes files) and the root holds no source's entry; else
    the entry goes to the root, as in a ledger of one file."""
    files = ledger.files
    if files is None:
        return False
    starts = files.starts.get("sources") or [0]
    return not (len(starts) > 1 and starts[1] > 0)


def new_source_file(root_text: str, relative: str, entry: dict, limits=None):
    """The text of a new source's own file (an ``Edit``: its entry, no claims yet, the line that
    names the root's schema)."""
    from ledger.read.yaml_reader import DEFAULT_LIMITS
    from ledger.write.edit import append_item

    header = schema_header(root_text, relative)
    base = (header + "\n" if header else "") + "sources: []\n\nclaims: []\n"
    return append_item(base, "sources", entry, path=relative, limits=limits or DEFAULT_LIMITS)


def with_include(root_text: str, relative: str, path: str = "claims.yaml") -> str | None:
    """The root's text with ``relative`` added to its ``include:`` list (a line of its own at
    the end), or None when an entry already picks the file up (the split's ``claims/*.yaml``
    does: the root is not touched, so branches that add sources do not meet there)."""
    from ledger.read.include_paths import is_glob, matches_glob
    from ledger.read.includes import included_patterns

    layout, problems = Layout.read(root_text, path)
    if layout is None or not isinstance(layout.document.data, dict):
        raise SplitError(f"{path} is not readable: run `ledger check`")
    patterns = included_patterns(layout.document.data) or []
    if any(isinstance(p, str) and (matches_glob(relative, p) if is_glob(p) else posixpath.normpath(p) == relative)
           for p in patterns):
        return None
    key = (INCLUDE,)
    if not isinstance(layout.document.data.get(INCLUDE), list) or not layout.document.data[INCLUDE] \
            or not layout.is_block_sequence(key):
        raise SplitError(f"{path}'s include: is not a list of one path a line; run `ledger fmt` first, "
                         f"or add {relative} to it")
    at = layout.block_end((INCLUDE, len(layout.document.data[INCLUDE]) - 1))
    prefix = "" if root_text[at - 1] == "\n" else "\n"
    return root_text[:at] + prefix + f"  - {scalar(relative)}\n" + root_text[at:]
