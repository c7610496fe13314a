"""The commands, registered in one place (ledger/cli/commands.py): each has its help, and
`ledger --help` lists them in order."""

from __future__ import annotations

from ledger.cli.commands import app
from tests.conftest import run


COMMANDS = ["check", "claims", "show", "sources", "conflicts", "coverage", "vocab", "explain", "report", "matrix",
            "export", "schema", "add", "review", "fmt", "new-source", "split", "diff"]


def test_every_command_has_help():
    for name, command in app.registered_commands and [(c.name or c.callback.__name__, c) for c in app.registered_commands]:
        result = run(name, "--help")
        assert result.exit_code == 0 and "--ledger" in result.output or name == "explain", name
        assert command.callback.__doc__, name


def test_workflow_commands_have_help():
    for name in ("schema", "add", "review", "fmt", "new-source"):
        result = run(name, "--help")
        assert result.exit_code == 0 and "--ledger" in result.output and "Exit" in result.output, name


def test_help_lists_every_command_in_order():
    output = run("--help").output
    listed = output[output.index("Commands:"):].split("\n")[1:]
    assert [line.split()[0] for line in listed if line.strip()] == COMMANDS
    assert [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands] == COMMANDS
