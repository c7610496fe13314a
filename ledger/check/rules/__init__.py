"""Conflict rules, one module each, listed explicitly (no plugin magic).

Each module has CODE, NAME, SEVERITY, a docstring that is its user documentation
(printed by ``ledger explain CODE``) with an example, and ``check(index)`` that
yields :class:`ledger.conflicts.Finding`.
"""

from . import (
    comparison_against_comparison,
    denials,
    figure_not_reported,
    figures_disagree,
    not_comparable,
    rankings_and_tallies,
    statements_disagree,
    suite_against_parts,
    universal_against_counted,
    words_against_figures,
)

RULES = {
    module.CODE: module
    for module in (
        figures_disagree,
        words_against_figures,
        comparison_against_comparison,
        rankings_and_tallies,
        statements_disagree,
        not_comparable,
        suite_against_parts,
        denials,
        universal_against_counted,
        figure_not_reported,
    )
}
