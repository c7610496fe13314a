"""The progress display: on a terminal, a command that runs longer than about a second shows
the stage it is at (reading, validating, anchoring, checking, writing; ``ledger.core.progress``)
on stderr, with a spinner and the time so far. Never when stderr is not a terminal, never with
``--quiet``, never on stdout; it is erased before the command prints anything.

rich is imported only once the display is due to appear: a command that ends within the delay
pays nothing for it.
"""

from __future__ import annotations

import os
import sys
import threading

from ledger.core import progress

DELAY = 1.0  # seconds before the display appears; LEDGER_PROGRESS_AFTER overrides it (tests)


class Display:
    """Listens to the library's stages; after ``delay`` seconds shows the current one on
    ``console`` (made on stderr when due, if not given) until ``stop``."""

    def __init__(self, console=None, delay: float = DELAY) -> None:
        self._console, self._delay = console, delay
        self._lock = threading.Lock()
        self._stage: str | None = None
        self._shown = None  # (rich Progress, its task) once on screen
        self._stopped = False
        self._timer: threading.Timer | None = None
        self._unlisten = progress.listen(self.stage)

    def stage(self, name: str) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stage = name
            if self._shown is not None:
                shown, task = self._shown
                shown.update(task, description=name, refresh=True)
            elif self._timer is None:
                if self._delay <= 0:
                    self._show()
                else:
                    self._timer = threading.Timer(self._delay, self._due)
                    self._timer.daemon = True
                    self._timer.start()

    def _due(self) -> None:
        with self._lock:
            if not self._stopped and self._shown is None:
                self._show()

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = self._console or Console(stderr=True, highlight=False, markup=False, emoji=False)
        shown = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                         console=console, transient=True, redirect_stdout=False, redirect_stderr=False)
        task = shown.add_task(self._stage or "", total=None)
        shown.start()
        self._shown = (shown, task)

    def stop(self) -> None:
        """Erase the display, for good: the command's output follows."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            self._unlisten()
            if self._timer is not None:
                self._timer.cancel()
            if self._shown is not None:
                self._shown[0].stop()


_display: Display | None = None


def start(quiet: bool) -> None:
    """Show the progress of this command, if stderr is a terminal and not ``quiet``."""
    global _display
    if quiet or _display is not None or not _terminal(sys.stderr):
        return
    delay = os.environ.get("LEDGER_PROGRESS_AFTER")
    try:
        _display = Display(delay=float(delay) if delay else DELAY)
    except ValueError:
        _display = Display()


def stop() -> None:
    """Erase the display (if any) before anything is printed; cheap when there is none."""
    if _display is not None:
        _display.stop()


def _terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
