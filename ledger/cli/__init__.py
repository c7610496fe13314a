"""The ``ledger`` command line: a thin layer over the library.

``ledger.cli.app`` holds what the commands share; one module per group of commands
(``claims``, ``check``, ``sources``, ``reports``, ``formatting``, ``edit``);
``ledger.cli.commands`` registers them on the app.
"""


def main() -> None:
    """The ``ledger`` program (the ``ledger`` script and ``python -m ledger``)."""
    from ledger.cli.commands import main as run

    run()


__all__ = ["main"]
