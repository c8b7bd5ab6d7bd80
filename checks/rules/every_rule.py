"""Every rule, registered: importing this module imports each family's file and the text judge.

``RULES`` (id → Rule) holds them all once this module is imported; ``engine_rules()`` lists the
ones the check engine runs on a project, family by family (V F H C X W S), by id within one.
"""

from __future__ import annotations

from checks.rules import (  # noqa: F401 - imported for the rules they register
    completeness,
    formulas,
    hierarchy,
    identities,
    imports,
    relations,
    supplementary,
    values,
)
from checks.rules.registry import ENGINE, RULES, Rule
from checks.text import judge, session  # noqa: F401 - T701–T715

__all__ = ["RULES", "engine_rules"]


def engine_rules() -> list[Rule]:
    return [r for r in RULES.values() if r.runs == ENGINE]
