"""The progress display (ledger/cli/progress.py): on a terminal, the stage a long command is at,
on stderr; nothing when stderr is a pipe, nothing with --quiet, never anything on stdout.

A terminal is faked twice: a rich console forced to be a terminal, writing to a buffer, and a
real pseudo-terminal (``os.openpty``) as the stderr of a ``ledger`` process. The delay before
the display appears is set to 0 (LEDGER_PROGRESS_AFTER) so that a short command shows it."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time

from rich.console import Console

from ledger.cli.progress import Display
from ledger.core import progress
from tests.conftest import copy_shipped

STAGES_SEEN = ("reading", "validating", "anchoring", "checking")


def test_the_display_names_each_stage_on_a_terminal_and_is_erased_when_stopped():
    buffer = io.StringIO()
    display = Display(Console(file=buffer, force_terminal=True, width=80), delay=0)
    for stage in ("reading", "validating", "anchoring"):
        progress.stage(stage)
    display.stop()
    shown = buffer.getvalue()
    assert all(stage in shown for stage in ("reading", "validating", "anchoring"))
    progress.stage("checking")  # stopped for good: a later stage shows nothing
    assert buffer.getvalue() == shown and "checking" not in shown


def test_the_display_waits_for_its_delay():
    buffer = io.StringIO()
    display = Display(Console(file=buffer, force_terminal=True, width=80), delay=30)
    progress.stage("reading")
    display.stop()
    assert buffer.getvalue() == ""


def shipped(tmp_path):
    copy_shipped(tmp_path)
    return tmp_path


def ledger_with_terminal_stderr(args, cwd):
    """(exit status, stdout, what the terminal on stderr received) of ``ledger *args``."""
    main, other = os.openpty()
    env = dict(os.environ, LEDGER_PROGRESS_AFTER="0", LEDGER_NO_CACHE="1", TERM="xterm")
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "ledger", *args], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=other, stdin=subprocess.DEVNULL)
    os.close(other)
    received = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            received += chunk
        elif process.poll() is not None:
            break
    stdout = process.stdout.read()
    process.wait()
    os.close(main)
    return process.returncode, stdout.decode(), received.decode(errors="replace")


def test_on_a_terminal_a_command_shows_its_stages_on_stderr_and_stdout_stays_clean(tmp_path):
    folder = shipped(tmp_path)
    code, stdout, terminal = ledger_with_terminal_stderr(["check"], folder)
    assert code == 0
    assert all(stage in terminal for stage in STAGES_SEEN), terminal
    plain = subprocess.run([sys.executable, "-m", "ledger", "check"], cwd=folder, capture_output=True, text=True,
                           env=dict(os.environ, LEDGER_PROGRESS_AFTER="0", LEDGER_NO_CACHE="1"))
    assert stdout == plain.stdout and stdout.startswith("claims.yaml: ok:")


def test_with_quiet_a_terminal_sees_no_display(tmp_path):
    code, stdout, terminal = ledger_with_terminal_stderr(["--quiet", "check"], shipped(tmp_path))
    assert code == 0 and "ok:" in stdout
    assert not any(stage in terminal for stage in STAGES_SEEN), terminal


def test_when_stderr_is_a_pipe_nothing_is_shown(tmp_path):
    done = subprocess.run([sys.executable, "-m", "ledger", "check"], cwd=shipped(tmp_path), capture_output=True,
                          text=True, env=dict(os.environ, LEDGER_PROGRESS_AFTER="0", LEDGER_NO_CACHE="1"))
    assert done.returncode == 0 and done.stderr == ""
    assert not any(stage in done.stdout for stage in STAGES_SEEN)
