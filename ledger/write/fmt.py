"""``ledger fmt``: rewrite a ledger in the canonical layout of ``ledger.emit``, comments kept.

The data is written by ``ledger.emit.render`` (the one definition of the layout);
the comments found by ``ledger.layout`` are put back next to the key or item
they belong to: leading comments on their own lines above it (at its line's
indentation), trailing comments at the end of its line (in the column they had,
when that leaves at least two spaces after the value, else two spaces after
it; when lines are joined, all but the last go above the line), comments after
it below its last line (indented one step inside it), the header at the top
(then a blank line) and the trailer at the end (after a blank line). Blank lines are the layout's.
Numbers are written as the file wrote them.

Where the ledger declares a term type in its vocabulary, a term written by one of its
aliases is written by its id (``predicate: open-sourced`` becomes ``predicate: open-source``;
the comments around it stay): in the claims' predicates, qualifiers, quantities and units,
and in the vocabulary's own opposites and canonical units. An alias two terms claim (S006)
is left as written. A file a root includes is formatted with the vocabulary of the whole set
(``terms``): its claims may name terms the root declares.

Formatting is checked before anything is returned: the result must read back
as the same data (same types, same digits) with the same comments, and
formatting it again must not change it. Otherwise :class:`FormatError`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from ledger.core.diagnostics import Diagnostic, Location
from ledger.write.emit import SECTIONS, Written, render
from ledger.write.layout import Layout
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits

TRAILING_GAP = 2  # at least this many spaces between a value and its trailing comment


class FormatError(Exception):
    """Formatting would have changed the data or lost a comment (a bug: nothing is written)."""


@dataclass
class Formatted:
    text: str | None  # the canonical text; None when the file could not be read
    diagnostics: list[Diagnostic]
    original: str = ""  # the file's text as read (line endings and byte-order mark as they were)

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original


def format_text(text: str, path: str = "claims.yaml", limits: Limits = DEFAULT_LIMITS,
                verify: bool = True, terms=None) -> Formatted:
    """The canonical form of a ledger's text. Refuses (diagnostics, text None) unreadable YAML.
    ``terms``: the vocabulary that names terms (a ``Terms``; default: the file's own)."""
    layout, problems = Layout.read(text, path, limits)
    if layout is None:
        return Formatted(None, problems, text)
    data = layout.document.data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        return Formatted(None, [Diagnostic(Location(path), "Y006", f"the ledger is {what}",
                                           "a ledger is one YAML mapping: version, sources, entities, claims")], text)
    result = _format(layout, terms)
    if verify:
        _verify(layout, result, path, limits, terms)
    return Formatted(result, [], text)


def _as_written(layout: Layout, value, path: tuple):
    """The data with every number replaced by its text as written (88.60 stays 88.60)."""
    if isinstance(value, dict):
        return {k: _as_written(layout, v, path + (k,)) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_written(layout, v, path + (i,)) for i, v in enumerate(value)]
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        token = layout.scalar_token(path)
        if token is not None and token.plain and token.value:
            return Written(token.value)
    return value


def canonical_terms(data: dict, terms=None) -> dict:
    """The ledger's data with every term named by an alias named by its id (by ``terms``, else
    the vocabulary read from ``data``); the data itself when there is nothing to rewrite."""
    from ledger.core.vocabulary import TERM_FIELDS, Terms
    from ledger.read.vocabulary import read_vocabulary

    if terms is None:
        terms = Terms(read_vocabulary(data.get("vocabulary")))
    if not terms.any_declared:
        return data

    def rewrite(item: dict, fields) -> dict:
        changed = {}
        for name, kind, many in fields:
            value = item.get(name)
            if not terms.declared(kind) or value is None:
                continue
            if many and isinstance(value, list):
                ids = [terms.unambiguous(kind, v) or v for v in value]
                if ids != value:
                    changed[name] = ids
            elif not many:
                term_id = terms.unambiguous(kind, value)
                if term_id is not None and term_id != value:
                    changed[name] = term_id
        return {**item, **changed} if changed else item

    data = dict(data)
    claims = data.get("claims")
    if isinstance(claims, list):
        data["claims"] = [rewrite(c, TERM_FIELDS[c["kind"]])
                          if isinstance(c, dict) and isinstance(c.get("kind"), str) and c["kind"] in TERM_FIELDS
                          else c for c in claims]
    vocabulary = data.get("vocabulary")
    if isinstance(vocabulary, dict):
        vocabulary = dict(vocabulary)
        for kind, fields in (("predicates", (("opposite", "predicates", False),)),
                             ("quantities", (("unit", "units", False),))):
            if isinstance(vocabulary.get(kind), list):
                vocabulary[kind] = [rewrite(t, fields) if isinstance(t, dict) else t for t in vocabulary[kind]]
        data["vocabulary"] = vocabulary
    return data


def _format(layout: Layout, terms=None) -> str:
    rendered = render(_as_written(layout, canonical_terms(layout.document.data, terms), ()))
    ends: dict[int, list[tuple]] = {}
    for path in layout.after:
        if path in rendered.spans:
            ends.setdefault(rendered.spans[path][1], []).append(path)
    placed: set[int] = set()
    header: list[str] = [c.text for c in layout.header]
    out: list[str] = []
    for index, line in enumerate(rendered.lines):
        above = [c for path in line.paths for c in layout.leading.get(path, ())]
        text = line.text
        trailing = [c for path in line.paths for c in layout.trailing.get(path, ())]
        if trailing:
            # one comment fits at the end of a line; others that trailed lines now joined go above it
            above += trailing[:-1]
            last = trailing[-1]
            text += " " * max(last.column - 1 - len(text), TRAILING_GAP) + last.text
        placed.update(c.offset for c in above + trailing)
        if index == 0:  # above the first line is the header (so a second run reads it the same)
            header += [c.text for c in above]
        else:
            out += [" " * line.indent + c.text for c in above]
        out.append(text)
        for path in sorted(ends.get(index, ()), key=len, reverse=True):
            indent = rendered.indents[path] + 2
            for comment in layout.after[path]:
                out.append(" " * indent + comment.text)
                placed.add(comment.offset)
    if header:
        out[:0] = header + [""]
    if layout.trailer:
        out.append("")
    out += [c.text for c in layout.trailer]
    placed.update(c.offset for c in layout.header + layout.trailer)
    lost = [c for c in layout.comments if c.offset not in placed]
    if lost:
        raise FormatError(f"comment at line {lost[0].line} has no place in the formatted file")
    return "\n".join(out) + "\n"


def _verify(before: Layout, formatted: str, path: str, limits: Limits, terms=None) -> None:
    after, problems = Layout.read(formatted, path, limits)
    if after is None:
        raise FormatError(f"the formatted text does not read back: {problems[0].render() if problems else ''}")
    if not _same(_normal(before, before.document.data, terms), _normal(after, after.document.data, terms)):
        raise FormatError("formatting would change the ledger's data")
    if Counter(c.text for c in before.comments) != Counter(c.text for c in after.comments):
        raise FormatError("formatting would change the ledger's comments")
    if _format(after, terms) != formatted:
        raise FormatError("formatting is not stable (a second run would change the file again)")


def _normal(layout: Layout, data, terms=None):
    """Data for comparison: numbers as written, terms by their ids; an empty or null section
    is the same."""
    data = _as_written(layout, canonical_terms(data, terms), ())
    return {k: ([] if k in SECTIONS and v is None else v) for k, v in data.items()}


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return set(a) == set(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, Decimal):
        return str(a) == str(b)
    return a == b


# Where a block of the file begins: a top-level key (or a comment in column 1) or an item of
# a section. ``ledger fmt`` never adds, drops or reorders them.
_BLOCK_START = re.compile(r"\S|  - ")


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    starts = [index for index, line in enumerate(lines) if _BLOCK_START.match(line)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, starts[1:] + [len(lines)]))


def _opcodes(before: list[str], after: list[str]) -> list[tuple]:
    """How ``before`` becomes ``after``, as SequenceMatcher opcodes. Where both have the same
    number of blocks (keys and items), the i-th block of one is the i-th of the other, so each
    pair is matched alone: matching the whole file at once takes time quadratic in its length
    when most lines change (66 s for a 5,000-claim ledger), block by block it is linear."""
    blocks_before, blocks_after = _blocks(before), _blocks(after)
    if len(blocks_before) != len(blocks_after):
        return difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    codes: list[tuple] = []
    for (a1, a2), (b1, b2) in zip(blocks_before, blocks_after):
        matcher = difflib.SequenceMatcher(None, before[a1:a2], after[b1:b2], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if codes and tag == "equal" and codes[-1][0] == "equal":
                codes[-1] = ("equal", codes[-1][1], a1 + i2, codes[-1][3], b1 + j2)
            else:
                codes.append((tag, a1 + i1, a1 + i2, b1 + j1, b1 + j2))
    return codes


class _Matched(difflib.SequenceMatcher):
    """A matcher whose opcodes are already known: its hunks (``get_grouped_opcodes``) are
    difflib's, of our opcodes."""

    def __init__(self, codes: list[tuple]) -> None:
        super().__init__(None, [], [])
        self._codes = codes

    def get_opcodes(self):
        return list(self._codes)  # difflib edits the list it is given


def _hunk_range(start: int, stop: int) -> str:
    """A side of a unified diff's hunk header: the first line (1-based) and the line count,
    the count left out when it is 1; an empty side names the line before it."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def canonical_diff(text: str, canonical: str, path: str) -> str:
    """A unified diff from the file's text (line endings read as LF) to its canonical form."""
    before = text.replace("\r\n", "\n").replace("\r", "\n").splitlines(True)
    after = canonical.splitlines(True)
    lines: list[str] = []
    for group in _Matched(_opcodes(before, after)).get_grouped_opcodes(3):
        if not lines:
            lines += [f"--- {path}\n", f"+++ {path} (ledger fmt)\n"]
        lines.append(f"@@ -{_hunk_range(group[0][1], group[-1][2])} +{_hunk_range(group[0][3], group[-1][4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [" " + line for line in before[i1:i2]]
            else:
                lines += ["-" + line for line in before[i1:i2]] + ["+" + line for line in after[j1:j2]]
    return "".join(lines)


def changed_lines(text: str, canonical: str) -> int:
    """How many lines formatting removes or adds."""
    before, after = text.splitlines(), canonical.splitlines()
    return sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in _opcodes(before, after) if tag != "equal")
