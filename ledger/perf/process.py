"""Process-level speed machinery: when Python's cycle collector runs, and how the process ends.

A ledger load builds millions of small objects and no cycles; a command's process lives
only as long as the command. These switches save the work Python would do for a
long-lived program, and they are the only place in the package that touches them.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def no_cycle_collection():
    """Pause Python's cycle collector: loading builds millions of small objects and no
    cycles, and every few thousand allocations the collector would walk all of them again
    (about a third of the load time of a 100,000-claim ledger). Also a decorator:
    ``@no_cycle_collection()`` pauses it while the function runs."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
