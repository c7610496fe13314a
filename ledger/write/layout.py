"""Where things are in a ledger's text: keys, items, comments, and which comment belongs where.

``ledger.yamlread`` gives the data and every node's position; this module adds
what a formatter and a text-preserving editor need besides: the comments (YAML
parsers drop them) and, for every key and item, where its text starts and ends.

Comments are found exactly: the scanner's tokens cover every piece of YAML
content, so a ``#`` in the gap between two tokens starts a comment (inside a
quoted or block scalar it is content, inside a token). Each comment is then
attached to a key or item by data path, so that it can travel with it:

- a comment before the first key is the file's **header**;
- a comment after content on its line **trails** the last key or item that
  starts at or before it on that line;
- a comment on its own line **leads** the next key or item, unless it is
  indented deeper than that one (and that one is not inside the previous
  item): then it comes **after** the innermost enclosing key or item it is
  indented inside of (a commented-out field at the end of a claim stays with
  that claim); after the last key, a comment in column 1 is the **trailer**.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import yaml

from ledger.core.diagnostics import Diagnostic
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits, YamlDocument, read_yaml

_Scanner = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]*[ \t]+(#.*)")


@dataclass(frozen=True)
class Comment:
    offset: int  # of the '#', in the (LF-normalised) text
    line: int  # 1-based
    column: int  # 1-based
    text: str  # from '#' to the end of the line, trailing blanks removed
    own_line: bool  # nothing but blanks before it on its line


@dataclass(frozen=True)
class Token:
    kind: str
    start: int
    end: int
    value: str | None = None
    plain: bool = False
    style: str | None = None


@dataclass
class Layout:
    text: str  # LF line endings, no byte-order mark
    document: YamlDocument
    tokens: list[Token]
    comments: list[Comment]
    line_starts: list[int]
    entries: list[tuple] = field(default_factory=list)  # paths of keys and items, in document order
    offsets: dict = field(default_factory=dict)  # path -> offset where the key / the item's "- " starts
    columns: dict = field(default_factory=dict)  # path -> its 1-based column
    header: list[Comment] = field(default_factory=list)
    leading: dict = field(default_factory=dict)  # path -> [Comment]
    trailing: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    trailer: list[Comment] = field(default_factory=list)
    _scalars: dict | None = None

    # -------------------------------------------------------------- reading

    @classmethod
    def read(cls, text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> tuple["Layout | None", list[Diagnostic]]:
        """Parse ``text``; (None, diagnostics) when it is not readable YAML."""
        if text.startswith("\ufeff"):
            text = text[1:]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        document, problems = read_yaml(text, path, limits)
        if document is None:
            return None, problems
        tokens = _scan(text)
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        layout = cls(text, document, tokens, _comments(text, tokens, line_starts), line_starts)
        layout._index_entries()
        layout._attach_comments()
        return layout, []

    def offset(self, line: int, column: int) -> int:
        """1-based (line, column) to an offset into the text."""
        return self.line_starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_start(self, offset: int) -> int:
        return self.line_starts[bisect_right(self.line_starts, offset) - 1]

    def line_end(self, offset: int) -> int:
        """The offset just past the end of the line holding ``offset`` (past its newline, if any)."""
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end + 1

    def node_offset(self, path: tuple) -> int:
        return self.offset(*self.document.positions[tuple(path)])

    def scalar_token(self, path: tuple) -> Token | None:
        """The scanner's token for the scalar node at ``path`` (its text as written)."""
        if self._scalars is None:
            self._scalars = {t.start: t for t in self.tokens if t.kind == "ScalarToken"}
        position = self.document.positions.get(tuple(path))
        return None if position is None else self._scalars.get(self.offset(*position))

    def is_block_sequence(self, path: tuple) -> bool:
        offset = self.node_offset(path)
        return self.text[offset:offset + 1] == "-"

    def _index_entries(self) -> None:
        dashes = [t.start for t in self.tokens if t.kind == "BlockEntryToken"]
        positions = self.document.positions
        key_positions = self.document.key_positions

        stack = [(self.document.data, ())]
        while stack:
            value, path = stack.pop()
            children = []
            if isinstance(value, dict):
                for key, child in value.items():
                    child_path = path + (key,)
                    line, column = key_positions.get(child_path, positions.get(child_path, (1, 1)))
                    children.append((child_path, self.offset(line, column), child))
            elif isinstance(value, list):
                block = self.is_block_sequence(path)
                for index, child in enumerate(value):
                    child_path = path + (index,)
                    offset = self.offset(*positions.get(child_path, (1, 1)))
                    if block:
                        found = bisect_left(dashes, offset) - 1
                        if found >= 0:
                            offset = dashes[found]
                    children.append((child_path, offset, child))
            for child_path, offset, child in children:
                self.offsets[child_path] = offset
                self.columns[child_path] = self.position(offset)[1]
            for child_path, _, child in reversed(children):
                stack.append((child, child_path))
        self.entries = sorted(self.offsets, key=lambda p: (self.offsets[p], len(p)))

    def _attach_comments(self) -> None:
        starts = [self.offsets[p] for p in self.entries]
        for comment in self.comments:
            before = bisect_left(starts, comment.offset)  # entries[:before] start before the comment
            if before == 0:
                self.header.append(comment)
                continue
            previous = self.entries[before - 1]
            if not comment.own_line:
                self.trailing.setdefault(previous, []).append(comment)
                continue
            following = self.entries[before] if before < len(self.entries) else None
            if following is not None and (comment.column <= self.columns[following]
                                          or following[:len(previous)] == previous):
                self.leading.setdefault(following, []).append(comment)
                continue
            owner = None
            for depth in range(len(previous), 0, -1):
                ancestor = previous[:depth]
                if self.columns[ancestor] < comment.column:
                    owner = ancestor
                    break
            if owner is None:
                if following is None:
                    self.trailer.append(comment)
                else:
                    self.leading.setdefault(following, []).append(comment)
            else:
                self.after.setdefault(owner, []).append(comment)

    # -------------------------------------------------------------- spans for editing

    def next_outside(self, path: tuple) -> int:
        """Offset of the first key or item after ``path``'s subtree (or the end of the text)."""
        index = self.entries.index(path) + 1
        while index < len(self.entries) and self.entries[index][:len(path)] == path:
            index += 1
        return self.offsets[self.entries[index]] if index < len(self.entries) else len(self.text)

    def content_end(self, path: tuple) -> int:
        """Offset just past the last character of ``path``'s own text (comments not included)."""
        start, limit = self.offsets[path], self.next_outside(path)
        end = start
        for token in self.tokens:
            if token.start >= limit:
                break
            if token.start >= start and token.end > token.start:
                end = max(end, token.end)
        return end

    def attached_after(self, path: tuple) -> list[Comment]:
        """Comments that trail or come after ``path`` or anything inside it."""
        found = []
        for group in (self.trailing, self.after):
            for owner, comments in group.items():
                if owner[:len(path)] == path:
                    found += comments
        return found

    def block_end(self, path: tuple) -> int:
        """Offset just past the last line of ``path``'s text and of the comments that belong to it."""
        last = self.content_end(path) - 1
        for comment in self.attached_after(path):
            last = max(last, comment.offset + len(comment.text) - 1)
        return self.line_end(max(last, 0))


def _scan(text: str) -> list[Token]:
    scanner = _Scanner(text)
    tokens = []
    try:
        while True:
            token = scanner.get_token()
            if token is None:
                break
            tokens.append(Token(type(token).__name__, token.start_mark.index, token.end_mark.index,
                                getattr(token, "value", None), bool(getattr(token, "plain", False)),
                                getattr(token, "style", None)))
    finally:
        dispose = getattr(scanner, "dispose", None)
        if dispose:
            dispose()
    return tokens


def _comments(text: str, tokens: list[Token], line_starts: list[int]) -> list[Comment]:
    found = []

    def add(offset: int) -> int:
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        line = bisect_right(line_starts, offset)
        start = line_starts[line - 1]
        found.append(Comment(offset, line, offset - start + 1, text[offset:end].rstrip(),
                             not text[start:offset].strip()))
        return end

    cursor = 0
    for token in tokens:
        if token.start > cursor:
            gap_end = token.start
            position = text.find("#", cursor, gap_end)
            while position >= 0:
                position = add(position)
                position = text.find("#", position, gap_end)
        if token.kind == "ScalarToken" and token.style in ("|", ">"):
            header_end = text.find("\n", token.start)
            header = text[token.start: len(text) if header_end < 0 else header_end]
            match = _BLOCK_HEADER_COMMENT.match(header)
            if match:
                add(token.start + match.start(1))
        cursor = max(cursor, token.end)
    if cursor < len(text):
        position = text.find("#", cursor)
        while position >= 0:
            position = add(position)
            position = text.find("#", position)
    found.sort(key=lambda c: c.offset)
    return found
