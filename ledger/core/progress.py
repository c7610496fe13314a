"""The stages of a long run, told to whoever listens: the library says where it is (``stage``),
the command line shows it (``ledger.cli.progress``); the library itself never prints.

The stages: reading, validating, anchoring, checking, writing. A listener is a callable taking
the stage's name; ``listening(callback)`` adds one for the time of a ``with`` block. Only the
process that started listening hears: a forked worker's stages are its parent's business.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

STAGES = ("reading", "validating", "anchoring", "checking", "writing")

_listeners: list[tuple[int, Callable[[str], None]]] = []


def stage(name: str) -> None:
    """Say that the run has reached stage ``name``; costs nothing when nobody listens."""
    if _listeners:
        pid = os.getpid()
        for owner, listener in list(_listeners):
            if owner == pid:
                listener(name)


def listen(callback: Callable[[str], None]) -> Callable[[], None]:
    """Add ``callback`` as a listener; gives the function that removes it."""
    entry = (os.getpid(), callback)
    _listeners.append(entry)

    def stop() -> None:
        if entry in _listeners:
            _listeners.remove(entry)

    return stop


@contextmanager
def listening(callback: Callable[[str], None]) -> Iterator[None]:
    stop = listen(callback)
    try:
        yield
    finally:
        stop()
