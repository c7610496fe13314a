"""The commands, registered in one place (ledger/cli/commands.py): each has its help, and
`ledger --help` lists them in order."""

from __future__ import annotations

from ledger.cli.commands import COMMANDS as REGISTERED
from tests.conftest import run


COMMANDS = ["check", "claims", "show", "sources", "conflicts", "audit", "coverage", "vocab", "explain", "report", "matrix",
            "export", "schema", "add", "review", "fmt", "new-source", "split", "diff", "lsp"]


def test_every_command_has_help():
    for command in REGISTERED:
        result = run(command.name, "--help")
        # explain needs no ledger; lsp checks the ledgers the editor opens
        assert result.exit_code == 0 and "--ledger" in result.output or command.name in ("explain", "lsp"), command.name
        assert command.function().__doc__, command.name


def test_workflow_commands_have_help():
    for name in ("schema", "add", "review", "fmt", "new-source"):
        result = run(name, "--help")
        assert result.exit_code == 0 and "--ledger" in result.output and "Exit" in result.output, name


def test_help_lists_every_command_in_order():
    output = run("--help").output
    listed = output[output.index("Commands:"):].split("\n")[1:]
    assert [line.split()[0] for line in listed if line.strip()] == COMMANDS
    assert [c.name for c in REGISTERED] == COMMANDS
