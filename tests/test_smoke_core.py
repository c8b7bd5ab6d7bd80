from checks.engine import run_checks
from tests.support.synthetic import synthetic_project


def test_generated_department_is_consistent_and_a_broken_total_is_found():
    p = synthetic_project(n_items=12, seed=2)
    assert run_checks(p) == []
    total = p.tables["general"].row("total")
    total.values[1] += 5
    rules = {f.rule for f in run_checks(p)}
    assert "F101" in rules and "H202" in rules
