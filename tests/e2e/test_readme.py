"""The README's tour shows real output: every `$ ledger ...` line in a ```console block is run
on the shipped ledger, and the lines shown under it must appear, in order, in what it prints
("..." marks lines left out). The examples of the format are real claims of the ledger."""

from __future__ import annotations

import re
import shlex

import pytest

from ledger import load_ledger
from tests.conftest import REPO, run

README = (REPO / "README.md").read_text(encoding="utf-8")


def tour_steps() -> list[tuple[str, list[str]]]:
    steps = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            steps.append((command, shown))
    return steps


def test_the_readme_has_a_tour():
    commands = [command.split()[1] for command, _ in tour_steps()]
    assert {"check", "conflicts", "claims", "show", "coverage"} <= set(commands)


@pytest.mark.parametrize(("command", "shown"), tour_steps(), ids=lambda v: v if isinstance(v, str) else None)
def test_tour_output_is_real(monkeypatch, command, shown):
    monkeypatch.chdir(REPO)
    args = shlex.split(command)
    assert args[0] == "ledger"
    result = run(*args[1:])
    printed = [line.rstrip() for line in result.output.splitlines()]
    position = 0
    for line in shown:
        if line.strip() == "...":
            continue
        while position < len(printed) and printed[position] != line.rstrip():
            position += 1
        assert position < len(printed), f"`{command}` no longer prints, in this order: {line!r}"
        position += 1


def test_format_examples_are_claims_of_the_ledger():
    ledger = load_ledger(REPO / "claims.yaml").ledger
    section = README.split("One example per kind", 1)[1].split("### Reviews", 1)[0]
    examples = re.findall(r"^- id: (\S+).*?\n  quote: (.+?)$", section, re.M | re.S)
    assert len(examples) == 6
    for claim_id, quote in examples:
        assert claim_id in ledger.claims, claim_id
        assert ledger.claims[claim_id].quote == quote.strip().strip('"'), claim_id
