"""Work done by a forked child process while the parent goes on with its own.

Loading a large ledger has steps that need nothing from each other (validating the claims,
finding their quotes in the sources), and the machines it runs on have two cores or more.
A child made by ``os.fork`` starts with the parent's memory as it is. Shared pages are
copied, one page fault each, as soon as either process writes to them (and reading a Python
object writes its reference count), so a child is better forked early, while the parent is
small, and sent what it needs: the anchoring child is made before the parse, reads the
quotes from the ledger's text itself, and is sent the sources' texts. Messages both ways are
plain ``marshal`` data through pipes.

It is only ever an accelerator: where it is not ``available()``, or when the child
fails for any reason, :func:`start` or :meth:`Forked.result` give None and the caller does
the work itself. The child never returns into the caller's code: it ends with ``os._exit``,
without running ``atexit`` handlers or flushing the parent's buffered output.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable


class Forked:
    """A child at work. ``send`` hands it one message; ``result`` waits for what it returns."""

    def __init__(self, pid: int, results: int, messages: int) -> None:
        self._pid, self._results, self._messages = pid, results, messages
        self._done = False

    def send(self, message) -> None:
        """Give the child ``message`` (marshal-able): what its ``receive()`` returns."""
        if self._messages < 0:
            return
        try:
            with os.fdopen(self._messages, "wb") as stream:
                stream.write(marshal.dumps(message))
        except (OSError, ValueError):
            pass  # the child is gone: ``result`` will say so
        self._messages = -1

    @property
    def results(self) -> int:
        """The pipe the child's result comes through: readable once the child wrote it (or ended)."""
        return self._results

    def result(self):
        """What the child's work returned, or None if it failed. Waits for the child."""
        if self._done:
            return None
        self._close_messages()  # a child still waiting for a message gets none
        try:
            with os.fdopen(self._results, "rb") as stream:
                data = stream.read()
        except OSError:
            data = b""
        self._done = True
        status = os.waitpid(self._pid, 0)[1]
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return None
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None

    def cancel(self) -> None:
        """Stop the child if it still runs, and reap it (the result is dropped)."""
        if self._done:
            return
        self._done = True
        self._close_messages()
        os.close(self._results)
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)

    def _close_messages(self) -> None:
        if self._messages >= 0:
            os.close(self._messages)
            self._messages = -1


def available(threads_apart: bool = False) -> bool:
    """Linux only (where it is tested; macOS frameworks are not safe across a fork), never
    with ``LEDGER_NO_FORK`` set, and never while the program runs other threads: a lock one
    of them holds at the fork would stay locked in the child forever. ``threads_apart``: the
    caller knows its other threads hold no lock the child's work takes (the language server's
    only other thread waits on its input, which a child never reads)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and (threads_apart or threading.active_count() == 1) and not os.environ.get("LEDGER_NO_FORK"))


def start(work: Callable[[Callable[[], object]], object], threads_apart: bool = False) -> Forked | None:
    """Run ``work(receive)`` in a forked child; ``receive()`` waits for the parent's ``send``
    (None if the parent sends nothing). None when no child could be made."""
    if not available(threads_apart):
        return None
    results_in, results_out = os.pipe()
    messages_in, messages_out = os.pipe()
    sys.stdout.flush()  # what the parent printed so far must not be written twice
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        for descriptor in (results_in, results_out, messages_in, messages_out):
            os.close(descriptor)
        return None
    if pid == 0:  # the child
        status = 1
        try:
            os.close(results_in)
            os.close(messages_out)

            def receive():
                with os.fdopen(messages_in, "rb") as stream:
                    data = stream.read()
                return marshal.loads(data) if data else None

            returned = work(receive)
            with os.fdopen(results_out, "wb") as stream:
                stream.write(marshal.dumps(returned))
            status = 0
        except BaseException:  # noqa: BLE001 - whatever happens, the parent does the work
            if os.environ.get("LEDGER_DEBUG"):
                traceback.print_exc()
        finally:
            os._exit(status)
    os.close(results_out)
    os.close(messages_in)
    return Forked(pid, results_in, messages_out)
