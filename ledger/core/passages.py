"""Where a claim's quote is in its source: anchors as plain data, one or a table of many."""

from __future__ import annotations

from array import array
from collections.abc import MutableMapping
from typing import NamedTuple


class Anchor(NamedTuple):
    """Where a quote is in its source. A named tuple: a large ledger makes a million of them
    (a frozen dataclass takes nearly three times as long to make)."""

    start: int  # offsets into the original text, end exclusive
    end: int
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive, like SARIF's endColumn

    def as_ints(self) -> tuple[int, int, int, int, int, int]:
        """The six fields in order, as a plain tuple: how anchors travel (``AnchorTable``, the
        cache, child processes); marshal writes no tuple subclass."""
        return tuple(self)


NO_ANCHOR = -1


class AnchorTable(MutableMapping):
    """claim id -> :class:`Anchor`, kept as six integers per claim in one array: a large
    ledger's anchors are one array rather than 100,000 objects, and arrive whole from the
    child process that found them, or from the cache. An Anchor is made when asked for."""

    def __init__(self, slots: dict[str, int] | None = None, flat: array | None = None) -> None:
        self._slots = {} if slots is None else slots  # claim id -> slot (six integers each)
        self._flat = array("q") if flat is None else flat  # a slot starting with NO_ANCHOR is empty

    def __getitem__(self, claim_id: str) -> Anchor:
        at = self._slots[claim_id] * 6
        if self._flat[at] == NO_ANCHOR:
            raise KeyError(claim_id)
        return Anchor(*self._flat[at:at + 6])

    def __setitem__(self, claim_id: str, anchor: Anchor) -> None:
        values = array("q", anchor.as_ints())
        slot = self._slots.get(claim_id)
        if slot is None:
            self._slots[claim_id] = len(self._flat) // 6
            self._flat.extend(values)
        else:
            self._flat[slot * 6:slot * 6 + 6] = values

    def __delitem__(self, claim_id: str) -> None:
        if claim_id not in self:
            raise KeyError(claim_id)
        self._flat[self._slots[claim_id] * 6] = NO_ANCHOR

    def __contains__(self, claim_id) -> bool:
        slot = self._slots.get(claim_id)
        return slot is not None and self._flat[slot * 6] != NO_ANCHOR

    def __iter__(self):
        flat = self._flat
        return (claim_id for claim_id, slot in self._slots.items() if flat[slot * 6] != NO_ANCHOR)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def flat_for(self, claim_ids: list[str]) -> array:
        """The anchors of ``claim_ids``, in that order, six integers each (NO_ANCHOR for none).
        Usually the table already holds exactly these, in this order: then it is a copy."""
        slots = self._slots
        if len(self._flat) == 6 * len(claim_ids) and list(slots) == claim_ids \
                and list(slots.values()) == list(range(len(claim_ids))):
            return array("q", self._flat)
        flat = array("q")
        for claim_id in claim_ids:
            slot = slots.get(claim_id)
            flat.extend(self._flat[slot * 6:slot * 6 + 6] if slot is not None else (NO_ANCHOR,) * 6)
        return flat
