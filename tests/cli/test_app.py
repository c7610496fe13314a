"""What every command shares (ledger/cli/app.py): --version, a ledger with errors blocks the
command, and a real subprocess that prints no traceback and no colour."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import run


def test_version_prints_and_exits_0():
    from ledger import __version__

    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.output == f"ledger {__version__}\n"
    assert run("--version", "check", "--bogus").output == f"ledger {__version__}\n"  # eager: before the command
    proc = subprocess.run([sys.executable, "-m", "ledger", "--version"], capture_output=True, text=True, timeout=60)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"ledger {__version__}\n", "")


def test_ledger_with_errors_blocks_other_commands(ledger_file):
    ledger_file.write_text(ledger_file.read_text().replace("kind: score", "kind: scroe", 1))
    result = run("conflicts", "-l", ledger_file)
    assert result.exit_code == 1 and "S001" in result.output


def test_real_subprocess_with_no_traceback(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("claims: [\n")
    proc = subprocess.run([sys.executable, "-m", "ledger", "check", "--ledger", str(bad)],
                          capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": ""}, timeout=60)
    assert proc.returncode == 1
    assert "Y001" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr
    assert "\x1b[" not in proc.stdout
