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


# ------------------------------------------------------------------ a command's process
# The ``ledger`` program (``ledger.cli.app.main``) runs one command and ends: the cycle
# collector stays off until its ledger is loaded, and the loaded ledgers are dropped by
# the system at exit, not freed object by object.

# Set by ``start_command``: loaded ledgers kept alive until the process ends (``exit_now``),
# so that the command's return does not free them object by object first.
_kept: list | None = None


def start_command() -> None:
    """At the start of the program: the cycle collector is off until a ledger is loaded
    (see ``settle``), and what is loaded is kept until ``exit_now``."""
    global _kept
    _kept = []
    gc.disable()


def settle(result):
    """The loaded ledger lives until the command ends. The cycle collector is off until
    here (``start_command``): its first collection after loading would walk every object
    the load made (about 0.5 s at 100,000 claims), and every full one after that again.
    Frozen, the ledger is out of its reach; what the command makes from here on is
    collected as usual. Gives back ``result``."""
    gc.freeze()
    gc.enable()
    if _kept is not None:
        _kept.append(result)
    return result


def exit_now(code) -> None:
    """End the process here, output flushed. Python's own exit would first free the loaded
    ledger object by object (about half a second at 100,000 claims) where the system takes
    the memory back at once. Nothing else waits for the exit: the program's one thread besides
    the main one, the progress display's (``ledger.cli.progress``), is stopped before, no
    ``atexit`` handler is registered, and every file it writes is closed (and renamed into
    place) before the command returns. ``code`` is a ``SystemExit`` code: None is 0, a
    message is printed to stderr and is 1."""
    import os
    import sys

    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (``ledger claims | head``): the reader has gone
        code = code or 1
    os._exit(code)


def keep_as_loaded() -> None:
    """What is alive now lives on (a language server's ledger, as a whole load left it):
    collected once, then kept out of the cycle collector's sight. Each edit then leaves some
    thousands of objects, and a collection of them need not walk the loaded millions again
    (a pause of 100 ms and more, every few edits, on 10,000 claims). What the last whole load
    left becomes collectable again here."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def long_lived() -> None:
    """A process that lives on after loading (the language server): the cycle collector runs
    as usual from here, and nothing is kept for ``exit_now``: each ledger it checks is dropped
    when the next one replaces it."""
    global _kept
    _kept = None
    gc.enable()
