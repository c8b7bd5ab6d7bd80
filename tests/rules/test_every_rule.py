"""Every registered rule has a case that fires and a case that stays silent, read from the
families' test files; and the registry itself holds what it promises."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from checks.check_kinds import Check
from checks.context import Ctx
from checks.engine import run_checks
from checks.finding import Finding, Severity
from checks.rules import registry
from checks.rules.every_rule import RULES, engine_rules
from checks.rules.registry import JUDGE, rule
from checks.rules.retired import RETIRED
from tests.seed_data import caidian_2024
from tests.support.rule_cases import Case, Family, Writes, consistent, shanghai

HERE = Path(__file__).parent


def families() -> dict[str, Family]:
    """Each family test file's Family, which that file also runs as its test_cases."""
    out = {}
    for path in sorted(HERE.glob("test_*.py")):
        module = importlib.import_module(f"tests.rules.{path.stem}")
        found = [v for v in vars(module).values() if isinstance(v, Family)]
        if not found:
            continue
        (family,) = found
        runner = getattr(module, "test_cases", None)
        assert runner is not None and runner.family is family, f"{path.name} declares cases it does not run"
        out[path.stem] = family
    return out


def cases() -> list[Case]:
    return [c for f in families().values() for c in f.cases]


def test_the_consistent_department_is_silent():
    assert run_checks(consistent()) == []


def test_the_consistent_shanghai_department_is_silent():
    """04 without its 年末 fund rows, 24 classes, 九 with income columns: nothing is called wrong."""
    assert run_checks(shanghai()) == []


def test_every_rule_has_a_firing_and_a_silent_case():
    collected = cases()
    firing = {c.rule for c in collected if c.fires}
    silent = {c.rule for c in collected if not c.fires}
    assert not set(RULES) - firing, f"rules without a case that fires: {sorted(set(RULES) - firing)}"
    assert not set(RULES) - silent, f"rules without a case that stays silent: {sorted(set(RULES) - silent)}"
    assert {c.rule for c in collected} <= set(RULES)


def test_every_case_says_what_it_does_and_a_firing_one_where_and_how_bad():
    for c in cases():
        assert re.search(r"[\u4e00-\u9fff]", c.says) and "\n" not in c.says, c
        if c.fires:
            assert isinstance(c.severity, Severity) and (c.at is not None or c.written is not None), c
        if RULES[c.rule].runs == JUDGE:
            assert isinstance(c.change, Writes), f"{c.name}: a text case says what the text holds"


def test_a_rule_is_registered_once_and_a_retired_id_never_again(monkeypatch):
    with pytest.raises(RuntimeError, match="twice"):
        rule(next(iter(RULES)), Severity.ERROR, "表间勾稽", "再登记一次")(lambda ctx: ())
    monkeypatch.setattr(registry, "RETIRED", RETIRED | {"X399"})
    with pytest.raises(RuntimeError, match="retired"):
        rule("X399", Severity.ERROR, "表间勾稽", "用过的编号")(lambda ctx: ())
    assert "X399" not in RULES and not set(RULES) & RETIRED


def test_ids_titles_templates_and_explanations():
    for r in RULES.values():
        assert re.fullmatch(r"[VFHCXWSTI]\d{3}", r.id), r.id
        assert r.title and r.template and r.family and r.explanation, r.id
        assert re.search(r"[\u4e00-\u9fff]", r.explanation), f"{r.id} explains itself in Chinese"


@pytest.mark.parametrize("make", [consistent, caidian_2024], ids=["consistent", "seed001"])
def test_a_rule_makes_only_checks_and_findings_of_its_own_id(make):
    ctx = Ctx(make())
    for r in engine_rules():
        for item in r.fn(ctx):
            assert isinstance(item, Check | Finding), (r.id, item)
            assert item.rule == r.id, f"{r.fn.__name__} is {r.id} but makes {item.rule}"
            found = item.evaluate(ctx) if isinstance(item, Check) else [item]
            assert all(f.rule == r.id for f in found), (r.id, [f.rule for f in found])
