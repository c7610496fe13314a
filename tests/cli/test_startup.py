"""Startup (issue 20): the program imports only what the command it runs uses. `ledger --version`
and `ledger --help` load no command module, no pydantic model, no rich, no YAML parser; a
`ledger check` answered from the cache builds no pydantic model and prints through no rich; and a
command's own help is the same text as when every command was registered at import.

Each probe runs in a fresh interpreter (``sys.modules`` of this one has everything). Timing is
bench/startup.py's business, not a test's."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
import typer
from typer.testing import CliRunner

from ledger.cli import commands
from tests.conftest import REPO, copy_shipped

# what no command needs before it runs: the model, the parsers, the terminal toolkit
HEAVY = ("pydantic", "rich", "yaml", "yaml_rs", "rapidfuzz", "ahocorasick", "ledger.core.model",
         "ledger.load", "ledger.read.validate", "ledger.anchor.quotes", "ledger.output.terminal")
COMMAND_MODULES = tuple(f"ledger.cli.{name}" for name in
                        ("check", "claims", "edit", "formatting", "reports", "sources", "vocab", "saving"))


def modules_after(code: str, cwd=REPO) -> set[str]:
    """The modules a fresh interpreter holds once ``code`` ran (it may end the program: the
    modules are printed by the last line of ``code``, or by ``report()``)."""
    probe = textwrap.dedent("""\
        import json, sys
        def report():
            sys.__stdout__.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n")
            sys.__stdout__.flush()
        """) + textwrap.dedent(code)
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, timeout=120)
    line = next((x for x in done.stdout.splitlines() if x.startswith("MODULES ")), None)
    assert line is not None, done.stdout + done.stderr
    return set(json.loads(line[len("MODULES "):]))


def loaded(modules: set[str], names) -> list[str]:
    return sorted(m for m in modules for name in names if m == name or m.startswith(name + "."))


def test_importing_the_command_line_loads_nothing_a_command_uses():
    for entry in ("ledger.cli", "ledger.cli.app", "ledger.cli.commands", "ledger"):
        modules = modules_after(f"import {entry}\nreport()")
        assert loaded(modules, HEAVY) == [], entry
        assert loaded(modules, COMMAND_MODULES) == [], entry


@pytest.mark.parametrize("args", [["--version"], ["--help"], []])
def test_version_and_help_load_no_command_module(args):
    modules = modules_after(f"""\
        from ledger.cli.commands import app
        try:
            app({args!r}, prog_name="ledger", standalone_mode=False)
        except Exception:
            pass
        report()""")
    assert loaded(modules, HEAVY) == []
    assert loaded(modules, COMMAND_MODULES) == []


def test_a_check_from_the_cache_builds_no_model_and_needs_no_rich(tmp_path):
    copy_shipped(tmp_path)
    env_code = f"""\
        import os
        os.environ["XDG_CACHE_HOME"] = {str(tmp_path / "xdg")!r}
        from ledger.cli.commands import app
        try:
            app(["check"], prog_name="ledger", standalone_mode=False)
        except SystemExit:
            pass
        report()"""
    cold = modules_after(env_code, cwd=tmp_path)
    assert "pydantic" in cold  # the cache was empty: the ledger was validated
    assert (tmp_path / ".ledger-cache").is_dir()
    warm = modules_after(env_code, cwd=tmp_path)
    assert loaded(warm, HEAVY) == []


def test_a_check_from_the_cache_prints_what_a_cold_check_prints(tmp_path):
    copy_shipped(tmp_path)
    command = [sys.executable, "-m", "ledger", "check"]
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PATH": "/usr/bin:/bin"}
    cold = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    warm = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert (cold.returncode, cold.stdout, cold.stderr) == (warm.returncode, warm.stdout, warm.stderr)
    assert cold.returncode == 0 and "ok:" in cold.stdout


# ------------------------------------------------------------------ the help is the same text


def eager_app() -> typer.Typer:
    """The program as it was built before issue 20: every command registered at import."""
    from ledger.cli.app import global_options

    app = typer.Typer(name="ledger", help=commands.app.info.help, no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False, rich_markup_mode=None)
    app.callback()(global_options)
    for command in commands.COMMANDS:
        app.command(command.name)(command.function())
    return app


def outputs(app, args, columns):
    result = CliRunner().invoke(app, args, prog_name="ledger", env={"COLUMNS": str(columns)})
    return result.exit_code, result.output


@pytest.mark.parametrize("columns", [80, 50, 200])
def test_the_help_is_the_text_of_the_commands_registered_at_import(columns):
    eager = eager_app()
    for args in [["--help"], []] + [[c.name, "--help"] for c in commands.COMMANDS]:
        assert outputs(commands.app, args, columns) == outputs(eager, args, columns), args


def test_unknown_commands_are_refused_as_before():
    eager = eager_app()
    for args in (["chek"], ["nosuch"], ["--bogus"], ["check", "--bogus"]):
        assert outputs(commands.app, args, 80) == outputs(eager, args, 80), args


def test_each_command_summary_is_its_docstring():
    import inspect

    for command in commands.COMMANDS:
        first = inspect.getdoc(command.function()).split("\n\n")[0]
        assert " ".join(first.split()) == command.summary, command.name
