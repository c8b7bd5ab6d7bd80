"""Every rule of the catalog: silent on a consistent department, firing when one thing breaks."""

import re
from pathlib import Path

import pytest

from checks.engine import run_checks
from checks.rules.every_rule import RULES
from tests.rule_cases import BREAKS
from tests.support.synthetic import synthetic_project

TESTS = Path(__file__).parent


def base():
    return synthetic_project(n_items=14, seed=5, with_fund=True)


def test_the_consistent_department_is_silent():
    assert run_checks(base()) == []


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_rule_fires_on_its_break_and_is_silent_without_it(rule):
    p = base()
    assert not [f for f in run_checks(p) if f.rule == rule]
    BREAKS[rule](p)
    fired = [f for f in run_checks(p) if f.rule == rule]
    assert fired, f"{rule} did not fire"
    for f in fired:
        assert f.message and f.locations and f.key.startswith(rule)


def test_every_rule_has_a_firing_and_a_silent_case():
    """Table and data rules live in BREAKS; import (I) and text (T) rules in their own tests."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    mentioned = set(re.findall(r"\b[A-Z]\d{3}\b", sources))
    missing = [r for r in RULES if r not in BREAKS and r not in mentioned]
    assert not missing, f"rules without cases: {missing}"


def test_rule_ids_are_unique_and_well_formed():
    from checks import catalog

    ids = [r.id for r in RULES.values()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]\d{3}", i) for i in ids)
    assert not set(ids) & catalog.RETIRED
    for r in RULES.values():
        assert r.title and r.template and r.family
