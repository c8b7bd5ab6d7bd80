"""Judge what the sections claim: against the data, against each other, recomputed.

Every figure is either verified (it agrees with the data, or with the figures it is computed
from), reported (with the expected value and the exact span), or listed as a figure the checker
could not tie (提示). Percentages go through checks.percent.judge_percent: right when equal to
the half-up rounding at the written precision, 提示 when only the truncation, 尾数差异 when the
inputs' own ±0.005 rounding explains it, 错误 otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import product
from math import prod

from checks.finding import Finding, Location, Severity
from checks.percent import judge_percent, percent, places_of
from checks.rules.registry import JUDGE, RULES, E, H, rule
from checks.text.facts import MEASURE_LABEL, PARTS, PROJECT_GROUPS, Fact, Facts
from checks.text.reading import Claim, Reading
from checks.tolerance import CENT, HALF_CENT
from checks.where import section_name
from model.amount import ZERO
from model.layout import T
from model.sections import GLOSSARY, KEY_WORK, OVERVIEW_PREFIX

_UNIT_SCALE = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}
# Sections whose figures are checked; the others (职能, 机构, 重点工作, 名词解释) only for leftovers.
CHECKED_OVERVIEW = ("概况.人员",)
_TABLE_OF = {"fund_income": T.FUND, "fund_expense": T.FUND, "soe_income": T.SOE, "soe_expense": T.SOE}
FAMILY = "情况说明"


def text_rule(rule_id: str, severity: Severity, title: str, template: str):
    """A rule of the text: a step of the judge below (T714/T715 are the session's)."""
    return rule(rule_id, severity, FAMILY, title, template, runs=JUDGE)


def is_checked(sid: str) -> bool:
    return sid in CHECKED_OVERVIEW or not (sid.startswith(OVERVIEW_PREFIX) or sid in (KEY_WORK.id, GLOSSARY.id))


@dataclass(frozen=True, slots=True)
class Value:
    """What a figure is recomputed from: the data (every value the cell may mean, checks.accepted)
    or what the text itself writes."""

    amounts: tuple[Decimal, ...]  # the printed (or written) value first
    terms: int  # how many printed figures it is made of (for the ±0.005 allowance)
    from_data: bool
    where: str = ""
    proves: bool = True  # False: only an empty cell, which never makes a figure wrong

    @property
    def amount(self) -> Decimal:
        return self.amounts[0]

    @classmethod
    def of(cls, fact: Fact) -> Value:
        return cls(fact.values, 1, True, fact.where, fact.proves)

    @classmethod
    def written(cls, amount: Decimal, terms: int = 1) -> Value:
        return cls((amount,), terms, False)


# A verdict on one combination of values: a severity, None when right, SKIP when it says nothing.
SKIP = "skip"
Verdict = Severity | None | str


def mildest(inputs: Sequence[Value], verdict: Callable[..., Verdict]) -> tuple[Verdict, tuple[Decimal, ...]]:
    """The mildest verdict over every combination of the values the inputs may mean, with the
    combination it is for: one root cause (a total left empty, two tables that disagree) already
    has its finding and makes nothing else wrong. A verdict that only an empty cell could give is
    SKIP: no figure is called wrong by a cell that holds nothing."""
    best: Verdict = SKIP
    best_combo: tuple[Decimal, ...] = tuple(v.amount for v in inputs)
    for combo in product(*(v.amounts for v in inputs)):
        result = verdict(*combo)
        if result is None:
            return None, combo
        if result == SKIP:
            continue
        if best == SKIP or result.rank > best.rank:  # type: ignore[union-attr]
            best, best_combo = result, combo
    if best != SKIP and not all(v.proves for v in inputs):
        return SKIP, best_combo
    return best, best_combo


@dataclass
class Verdicts:
    """The outcome for one document: findings, and which figures were verified."""

    findings: list[Finding] = field(default_factory=list)
    found: int = 0
    verified: int = 0
    verified_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def fmt_like(value: Decimal, places: int, grouped: bool) -> str:
    """A value written the way the author wrote the figure it replaces."""
    if places < 2 and value == value.quantize(Decimal(1).scaleb(-places)):
        q = Decimal(1).scaleb(-places)
    else:
        q = CENT
    v = value.quantize(q)
    return f"{v:,}" if grouped else f"{v}"


class Judge:
    def __init__(self, project, readings: dict[str, Reading], facts: Facts):
        self.p = project
        self.readings = readings
        self.facts = facts
        self.year = project.meta.year
        self.out = Verdicts()
        self._keys: dict[str, int] = defaultdict(int)
        self._verified: set[tuple[str, int]] = set()
        self._counted: set[tuple[str, int]] = set()
        self._written: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self._same_fact: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
        self._by_sentence: dict[str, dict[int, list[Claim]]] = {}
        for sid, r in readings.items():
            sentences: dict[int, list[Claim]] = defaultdict(list)
            for c in r.claims:
                sentences[c.sentence].append(c)
            self._by_sentence[sid] = sentences
            for i, c in enumerate(r.claims):
                if c.role == "value" and c.concept and c.fig is not None:
                    self._written[self._identity(self._concept(c), c.measure)].append((sid, i))
                    self._same_fact[self._fact_key(c)].append((sid, i))

    # ---------------------------------------------------------------- helpers
    def _concept(self, c: Claim) -> str | None:
        if c.concept in PROJECT_GROUPS:
            count, amount = PROJECT_GROUPS[c.concept]
            return count if c.fig is not None and c.fig.kind == "count" else amount
        return c.concept

    def _identity(self, cid: str | None, measure: str) -> str:
        return self.facts.identity(cid, measure) if cid else ""

    def _fact_key(self, c: Claim) -> tuple:
        """What makes two mentions certainly the same fact: the same figure of the data (concept and
        measure), written as the same kind (年初预算, 全年预算, 预算 and 调整后预算 are different
        kinds), of the same year."""
        year = None if c.year in (None, self.year) else c.year
        return (self._identity(self._concept(c), c.measure), c.kind, year)

    def _wan(self, c: Claim) -> Decimal:
        assert c.fig is not None
        return c.fig.value * _UNIT_SCALE.get(c.fig.unit, Decimal(1))

    def _fact(self, cid: str | None, measure: str) -> Fact | None:
        return self.facts.get(cid, measure) if cid else None

    def _claim_value(self, sid: str, i: int) -> Value:
        """What an amount the text wrote stands for: the data if it is tied to them, else itself."""
        c = self.readings[sid].claims[i]
        fact = self._fact(self._concept(c), c.measure)
        if fact is not None and fact.proves:
            return Value.of(fact)
        return Value.written(self._wan(c))

    def _resolve(self, cid: str | None, measure: str, sid: str, sentence: int) -> Value | None:
        """A concept's value for recomputing: the data, else what the text writes (nearest first);
        an empty cell when nothing else is known."""
        if cid is None:
            return None
        fact = self._fact(cid, measure)
        if fact is not None and fact.proves:
            return Value.of(fact)
        mentions = self._written.get(self._identity(cid, measure), [])
        best = None
        for msid, i in mentions:
            c = self.readings[msid].claims[i]
            rank = 0 if (msid == sid and c.sentence == sentence) else 1 if msid == sid else 2
            if best is None or rank < best[0]:
                best = (rank, msid, i)
        if best is None:
            return Value.of(fact) if fact is not None else None
        return Value.written(self._wan(self.readings[best[1]].claims[best[2]]))

    def _loc(self, sid: str, c: Claim) -> Location:
        a, b, text = self.readings[sid].original(c)
        return Location(section=sid, start=a, end=b, text=text)

    def _key(self, rule_id: str, sid: str, c: Claim) -> str:
        base = f"{rule_id}|{sid}|{c.concept}|{c.role}|{c.measure}"
        self._keys[base] += 1
        return f"{base}|{self._keys[base]}"

    def _emit(
        self,
        rule_id: str,
        sid: str,
        c: Claim,
        severity: Severity | None = None,
        replacement: str | None = None,
        extra: Iterable[Location] = (),
        **fields: object,
    ) -> None:
        """``replacement``: what the span should read (the one-click fix), also the expected value."""
        loc = self._loc(sid, c)
        fields.setdefault("section", section_name(sid))
        fields.setdefault("text", "".join((loc.text or "").split()))
        fields.setdefault("expected", replacement or "")
        self.out.findings.append(
            Finding(
                rule=rule_id,
                severity=severity or RULES[rule_id].severity,
                message=RULES[rule_id].message(**fields),
                locations=(loc, *extra),
                expected=replacement,
                actual=loc.text,
                key=self._key(rule_id, sid, c),
            )
        )

    def _verify(self, sid: str, i: int) -> None:
        self._verified.add((sid, i))

    def _label(self, cid: str | None, measure: str = "actual") -> str:
        c = self.facts.concept(cid) if cid else None
        label = c.label if c else (cid or "")
        return label + MEASURE_LABEL.get(measure, "") if measure != "actual" else label

    # ---------------------------------------------------------------- run
    def run(self) -> Verdicts:
        for sid, r in self.readings.items():
            if not is_checked(sid):
                continue
            for i, c in enumerate(r.claims):
                method = getattr(self, f"_judge_{c.role}", None)
                if method is not None:
                    method(sid, i, c)
            self._sums(sid, r)
        self._twice()
        self._coverage()
        self.out.findings = once(self.out.findings)
        return self.out

    def _count(self, sid: str, i: int) -> None:
        self._counted.add((sid, i))

    # ---------------------------------------------------------------- values
    def _judge_value(self, sid: str, i: int, c: Claim) -> None:
        assert c.fig is not None
        cid = self._concept(c)
        if c.fig.kind == "count":
            self._judge_count(sid, i, c, cid)
        else:
            self._judge_amount(sid, i, c, cid)

    @text_rule("T701", E, "金额与表中或补充数据不符", "{section}：“{text}”是{label}，应为 {expected}（{where}）")
    def _judge_amount(self, sid: str, i: int, c: Claim, cid: str | None) -> None:
        """情况说明中写的金额与表中或补充数据中的同一个数不符（按所写的小数位比较；相差0.01是尾数差异）。"""
        assert c.fig is not None
        self._count(sid, i)
        fact = self._fact(cid, c.measure)
        if fact is None:
            return  # verified later by a sum or a second mention, or listed as not tied
        written = self._wan(c)
        places = c.fig.places if c.fig.unit == "万元" else 2
        if any(_same_at_precision(written, v, places) for v in fact.values):
            self._verify(sid, i)
            return
        if not fact.proves:
            return  # an empty cell: listed as not filled in, never called wrong by it
        self._verify(sid, i)
        if self._judge_unit(sid, c, cid, fact):
            return
        # Off by a cent from a value the cell may mean: 尾数差异, shown against that value; else the
        # figure is wrong and should read what is printed (or, printed empty, what the parts give).
        closest = min(fact.values, key=lambda v: abs(written - v))
        if abs(written - closest) <= CENT:
            severity, shown = Severity.ROUNDING, closest
        else:
            severity, shown = Severity.ERROR, fact.values[0] if not fact.empty else fact.others[0]
        expected = fmt_like(shown, c.fig.places, c.fig.grouped)
        if c.fig.unit != "万元":
            expected += "万元"
        self._emit(
            "T701",
            sid,
            c,
            severity,
            expected,
            label=self._label(cid, c.measure),
            where=fact.where,
        )

    @text_rule("T708", E, "金额单位不是万元", "{section}：“{text}”单位有误，{label}应为 {expected}")
    def _judge_unit(self, sid: str, c: Claim, cid: str | None, fact: Fact) -> bool:
        """数字与数据一致，单位却写成了元（或千元、亿元）：公开文本的金额单位是万元。"""
        assert c.fig is not None
        if c.fig.unit == "万元" or self._wan(c) in fact.values or c.fig.value not in fact.values:
            return False
        expected = fmt_like(c.fig.value, c.fig.places, c.fig.grouped) + "万元"
        with_unit = replace(c, span=(c.fig.start, c.fig.tail))  # the fix rewrites the unit
        self._emit("T708", sid, with_unit, replacement=expected, label=self._label(cid, c.measure))
        return True

    @text_rule(
        "T713",
        E,
        "人数、车辆数、项目个数与补充数据不符",
        "{section}：“{text}”是{label}，应为 {expected}（{where}）",
    )
    def _judge_count(self, sid: str, i: int, c: Claim, cid: str | None) -> None:
        """情况说明中写的人数、车辆数、绩效项目个数与补充数据不符。"""
        con = self.facts.concept(cid) if cid else None
        if con is None or con.unit == "万元":
            return  # a count that names nothing we hold (团组, 人次…): not a figure of the accounts
        if con.unit == "个" and cid.startswith("perf.") and not _names_projects(self.readings[sid], c):
            return
        self._count(sid, i)
        fact = self._fact(cid, "actual")
        if fact is None:
            return
        self._verify(sid, i)
        assert c.fig is not None
        if c.fig.value not in fact.values:
            self._emit(
                "T713",
                sid,
                c,
                replacement=str(int(fact.value)),
                label=con.label,
                where=fact.where,
            )

    # ---------------------------------------------------------------- changes
    @text_rule(
        "T703",
        E,
        "增减额与上年数或预算数不符",
        "{section}：{label}{against}“{text}”，按 {detail} 应为{expected}",
    )
    def _judge_change(self, sid: str, i: int, c: Claim) -> None:
        """“比上年增加（减少）…万元”“比年初预算减少…万元”与本年数减上年数（预算数）不符，或增减说反了。"""
        assert c.fig is not None
        self._count(sid, i)
        cid = self._concept(c)
        facts = self._fact(cid, "actual"), self._fact(cid, c.base)
        if facts[0] is None or facts[1] is None:
            return
        actual, base = Value.of(facts[0]), Value.of(facts[1])
        written = self._wan(c)
        places = c.fig.places

        def verdict(a: Decimal, b: Decimal) -> Verdict:
            delta = a - b
            sign = (delta > 0) - (delta < 0)
            right_word = sign == 0 or c.sign == 0 or c.sign == sign
            if right_word and _same_at_precision(abs(written), abs(delta), places):
                return None
            # a − b is two printed figures and the change a third: 0.015 is what rounding explains.
            gap = abs(abs(written) - abs(delta))
            return Severity.ROUNDING if right_word and gap <= HALF_CENT * 3 else Severity.ERROR

        severity, (a, b) = mildest((actual, base), verdict)
        if severity == SKIP:
            return
        self._verify(sid, i)
        if severity is None:
            return
        delta = a - b
        sign = (delta > 0) - (delta < 0)
        against = "比年初预算" if c.base == "budget" else "比上年"
        detail = f"{_plain(a)}−{_plain(b)}"
        amount = fmt_like(abs(delta), c.fig.places, c.fig.grouped)
        word = ("增加" if sign > 0 else "减少") if sign else "持平"
        expected_text = f"{word} {amount}" if sign else "持平"
        self._emit(
            "T703",
            sid,
            c,
            severity,  # type: ignore[arg-type]
            f"{word}{amount}" if sign else None,  # the span holds the word and the amount
            label=self._label(cid),
            against=against,
            detail=detail,
            expected=expected_text,
        )

    @text_rule(
        "T704",
        E,
        "增减幅度与重新计算的不符",
        "{section}：{label}{against}变动“{text}”，按 {detail} 应为 {expected}",
    )
    def _judge_rate(self, sid: str, i: int, c: Claim) -> None:
        """“增长（下降）…%”与增减额÷上年数（预算数）按所写小数位四舍五入的结果不符。"""
        assert c.fig is not None
        self._count(sid, i)
        r = self.readings[sid]
        cid = self._concept(c)
        ref = c.refs.get("change")
        if ref is not None and r.claims[ref].concept:
            cid = self._concept(r.claims[ref])
        actual_fact, base_fact = self._fact(cid, "actual"), self._fact(cid, c.base)
        inputs: tuple[Value, ...]
        if actual_fact is not None and base_fact is not None:
            inputs = (Value.of(actual_fact), Value.of(base_fact))

            def split(a: Decimal, b: Decimal) -> tuple[Decimal, Decimal, int, int]:
                return a - b, b, 2, 1
        else:
            if ref is None:
                return
            change = r.claims[ref]
            d = self._wan(change) * (change.sign or 1)
            now = self._resolve(cid, "actual", sid, c.sentence)
            if base_fact is not None:
                inputs = (Value.of(base_fact),)

                def split(b: Decimal) -> tuple[Decimal, Decimal, int, int]:
                    return d, b, 1, 1
            elif now is not None:
                inputs = (now,)

                def split(a: Decimal) -> tuple[Decimal, Decimal, int, int]:
                    return d, a - d, 1, 2
            else:
                return
        written = c.fig.value

        def verdict(*combo: Decimal) -> Verdict:
            delta, base_v, n_num, n_den = split(*combo)
            if not delta:
                return Severity.ERROR if written else None
            if base_v <= 0:
                return None  # no base to divide by: nothing to recompute
            return judge_percent(written, abs(delta), base_v, n_num, n_den)

        severity, combo = mildest(inputs, verdict)
        if severity == SKIP:
            return
        self._verify(sid, i)
        if severity is None:
            return
        delta, base_v, _n, _d = split(*combo)
        if not delta:
            self._emit(
                "T704",
                sid,
                c,
                replacement="0%",
                label=self._label(cid),
                against=_against(c),
                detail="增减额为0",
            )
            return
        expected = f"{percent(abs(delta), base_v, places_of(written))}%"
        detail = f"{_plain(abs(delta))}÷{_plain(base_v)}"
        self._emit(
            "T704",
            sid,
            c,
            severity,  # type: ignore[arg-type]
            expected,
            label=self._label(cid),
            against=_against(c),
            detail=detail,
        )

    # ---------------------------------------------------------------- ratios
    @text_rule("T702", E, "占比与重新计算的不符", "{section}：{label}占{base}“{text}”，按 {detail} 应为 {expected}")
    def _judge_share(self, sid: str, i: int, c: Claim) -> None:
        """“占…%”与该项÷所占的总数按所写小数位四舍五入的结果不符；只差在截尾的是提示，由两个数本身的
        尾数造成的是尾数差异。"""
        assert c.fig is not None
        self._count(sid, i)
        if c.numer is not None:
            numer = self._claim_value(sid, c.numer)
            cid = self._concept(self.readings[sid].claims[c.numer])
        else:
            cid = self._concept(c)
            numer = self._resolve(cid, "actual", sid, c.sentence)
        denom = self._resolve(c.denom, "actual", sid, c.sentence)
        if numer is None or denom is None:
            return
        written = c.fig.value

        def verdict(n: Decimal, d: Decimal) -> Verdict:
            return judge_percent(written, n, d, numer.terms, denom.terms) if d > 0 else SKIP

        severity, (n, d) = mildest((numer, denom), verdict)
        if severity == SKIP:
            return
        self._verify(sid, i)
        if severity is None:
            return
        self._emit(
            "T702",
            sid,
            c,
            severity,  # type: ignore[arg-type]
            f"{percent(n, d, places_of(written))}%",
            label=self._label(cid),
            base=self._label(c.denom),
            detail=f"{_plain(n)}÷{_plain(d)}",
        )

    @text_rule(
        "T705",
        E,
        "预算完成率（执行率）与重新计算的不符",
        "{section}：{label}完成预算“{text}”，按 {detail} 应为 {expected}",
    )
    def _judge_completion(self, sid: str, i: int, c: Claim) -> None:
        """“完成年初预算的…%”与决算数÷预算数按所写小数位四舍五入的结果不符；预算与决算都为0时写100%
        不算错。"""
        assert c.fig is not None
        self._count(sid, i)
        cid = self._concept(c)
        readings = [(cid, c.refs)]
        if c.alt is not None:
            readings.append((c.alt, c.alt_refs))  # the rate may be its list's: wrong only if wrong for both
        results = [self._completion(sid, c, subject, refs) for subject, refs in readings]
        if any(r[0] is None for r in results):
            severity: Verdict = None  # right under one reading
        elif any(r[0] == SKIP for r in results):
            severity = SKIP  # wrong, if at all, under a reading that may not be meant
        else:
            severity, (a, b), subject = max(results, key=lambda r: r[0].rank)  # type: ignore[union-attr]
        if severity == SKIP:
            return
        self._verify(sid, i)
        if severity is None:
            return
        written = c.fig.value
        expected = f"{percent(a, b, places_of(written))}%"
        detail = f"决算 {_plain(a)}÷预算 {_plain(b)}"
        self._emit("T705", sid, c, severity, expected, label=self._label(subject), detail=detail)  # type: ignore[arg-type]

    def _completion(
        self, sid: str, c: Claim, cid: str | None, refs: dict[str, int]
    ) -> tuple[Verdict, tuple[Decimal, ...], str | None]:
        assert c.fig is not None
        actual = self._claim_value(sid, refs["actual"]) if "actual" in refs else None
        budget = self._claim_value(sid, refs["budget"]) if "budget" in refs else None
        actual = actual or self._resolve(cid, "actual", sid, c.sentence)
        budget = budget or self._resolve(cid, "budget", sid, c.sentence) or self._budget_by_change(sid, c, actual)
        if actual is None or budget is None:
            return SKIP, (ZERO, ZERO), cid
        written = c.fig.value

        def verdict(a: Decimal, b: Decimal) -> Verdict:
            if b == 0:
                # nothing budgeted, nothing spent: "完成预算的100%" by convention
                return None if a == 0 and written == 100 else SKIP
            return judge_percent(written, a, b, actual.terms, budget.terms)

        severity, combo = mildest((actual, budget), verdict)
        return severity, combo, cid

    def _budget_by_change(self, sid: str, c: Claim, actual: Value | None) -> Value | None:
        """ "17.07万元，完成年初预算的48.5%，比年初预算减少18.13万元": the budget is 17.07+18.13."""
        if actual is None:
            return None
        for other in self._by_sentence[sid].get(c.sentence, ()):
            if other.concept == c.concept and other.role == "change" and other.base == "budget" and other.sign:
                delta = other.sign * self._wan(other)
                amounts = tuple(a - delta for a in actual.amounts)
                return Value(amounts, actual.terms + 1, False, proves=actual.proves)
        return None

    def _judge_percent(self, sid: str, i: int, c: Claim) -> None:
        if c.financial:
            self._count(sid, i)

    # ---------------------------------------------------------------- words
    @text_rule("T709", E, "年度与项目年度不符", "{section}：“{text}”应为 {expected}（本项目为{year}年度{detail}）")
    def _judge_year(self, sid: str, i: int, c: Claim) -> None:
        """文中的年度与本项目的年度不符：本年写成了别的年份，“与上年相比”的上年不是上一年。"""
        assert c.fig is not None
        n = int(c.fig.value)
        if c.comparative:
            expected, detail = self.year - 1, "，比较的是上年"
        elif c.dated:
            expected, detail = self.year, "，截至年末"
        elif n in (self.year - 1, self.year) and not (n == self.year - 1 and c.at_start):
            return
        else:
            expected, detail = self.year, ""
        if n != expected:
            self._emit("T709", sid, c, replacement=str(expected), year=self.year, detail=detail)

    @text_rule(
        "T711",
        E,
        "增减或大小的说法与数据不符",
        "{section}：“{text}”与数据不符，{detail}，应为“{expected}”",
    )
    def _judge_direction(self, sid: str, i: int, c: Claim) -> None:
        """“决算数大于（小于）年初预算数”“较上年增加（减少）”的说法与数据的实际方向相反。"""
        cid = self._concept(c)
        if c.base == "budget" and len(c.refs) == 2:
            # The 决算 and 预算 its item (or sentence) wrote: what it compares.
            actual, base = self._claim_value(sid, c.refs["actual"]), self._claim_value(sid, c.refs["budget"])
            cid = self._concept(self.readings[sid].claims[c.refs["actual"]]) or cid
        elif c.base == "budget" and not c.named:
            return  # neither written nor named: nothing says which pair it compares
        else:
            actual = self._resolve(cid, "actual", sid, c.sentence)
            base = self._resolve(cid, c.base, sid, c.sentence)
        if actual is None or base is None:
            return

        def verdict(a: Decimal, b: Decimal) -> Verdict:
            return None if _sign(a - b) == c.sign else Severity.ERROR

        severity, (a, b) = mildest((actual, base), verdict)
        if severity in (None, SKIP):
            return
        sign = _sign(a - b)
        if c.base == "budget":
            word = {1: "大于", -1: "小于", 0: "等于"}[sign]
            detail = f"{self._label(cid)}决算 {_plain(a)}，预算 {_plain(b)}"
        else:
            word = {1: "增加", -1: "减少", 0: "持平"}[sign]
            detail = f"{self._label(cid)}本年 {_plain(a)}，上年 {_plain(b)}"
        self._emit("T711", sid, c, replacement=word, detail=detail)

    @text_rule("T710", E, "“无…”的说明与数据不符", "{section}：写“{text}”，但{detail}")
    def _judge_none(self, sid: str, i: int, c: Claim) -> None:
        """文中写“无政府性基金预算财政拨款收入支出”“无公务用车运行维护费”，表中或补充数据里却有金额。"""
        table = _TABLE_OF.get(c.concept or "")
        if table is not None:
            if not self.facts.has_tables or self.p.tables[table].is_empty():
                return
            detail = f"{self.facts.ctx.table_label(table)}填有金额"
        else:
            fact = self._fact(self._concept(c), c.measure)
            if fact is None or not all(fact.values):
                return
            detail = f"{fact.where} 为 {_plain(fact.value)}"
        self._emit("T710", sid, c, detail=detail)

    # ---------------------------------------------------------------- sums
    def _sums(self, sid: str, r: Reading) -> None:
        claims = r.claims
        open_totals: dict[tuple[str, str], int] = {}
        groups: dict[int, dict[str, int]] = defaultdict(dict)
        for i, c in enumerate(claims):
            if c.role != "value" or c.fig is None or not c.concept:
                continue
            cid = self._concept(c)
            for total in _totals_of(cid):
                parent = open_totals.get((total, c.measure))
                if parent is not None:
                    groups[parent].setdefault(cid, i)
            if cid in PARTS or cid in _DYNAMIC_PARTS:
                open_totals[(cid, c.measure)] = i
        for parent, parts in groups.items():
            if len(parts) >= 2:
                self._sum(sid, parent, list(parts.values()))
        items: dict[int, list[int]] = defaultdict(list)
        for i, c in enumerate(claims):
            if c.parent is not None:
                items[c.parent].append(i)
        for parent, idx in items.items():
            if len(idx) >= 2:
                self._sum(sid, parent, idx)

    @text_rule(
        "T706",
        E,
        "文中合计与所列分项之和不符",
        "{section}：{label}“{text}” ≠ 文中所列分项之和 {expected}（{detail}）",
    )
    def _sum(self, sid: str, parent: int, parts: list[int]) -> None:
        """文中写了一个合计和“其中：…”所列的分项，合计不等于分项之和（表中已有的尾数差异不再重复报告）。"""
        claims = self.readings[sid].claims
        pc = claims[parent]
        total = self._wan(pc)
        values = [self._wan(claims[i]) for i in parts]
        written_sum = sum(values, ZERO)
        for i in (parent, *parts):
            self._verify(sid, i)
        diff = total - written_sum
        if not diff:
            return
        # Figures the tables print already carry their own 尾数差异, reported on the tables.
        if all(self._table_agrees(sid, i) for i in (parent, *parts)):
            return
        if self._explained(sid, [parent, *parts]):
            return
        is_count = pc.fig is not None and pc.fig.kind == "count"
        if is_count:
            severity = Severity.ERROR
        else:
            severity = Severity.ROUNDING if abs(diff) <= HALF_CENT * (len(parts) + 1) else Severity.ERROR
        assert pc.fig is not None
        expected = str(int(written_sum)) if is_count else fmt_like(written_sum, pc.fig.places, pc.fig.grouped)
        detail = "+".join("".join(self.readings[sid].original(claims[i])[2].split()) for i in parts)
        extra = [self._loc(sid, claims[i]) for i in parts]
        label = self._label(self._concept(pc), pc.measure) if pc.concept else "合计"
        self._emit("T706", sid, pc, severity, expected, extra, label=label, detail=detail)

    def _explained(self, sid: str, figures: list[int]) -> bool:
        """Whether the sum holds once a figure that disagrees with the data, or with the same fact
        written elsewhere, is read as that: the disagreement is that figure's finding (T701, T707),
        reported once, not again as the sum's."""
        claims = self.readings[sid].claims
        options: list[list[Decimal]] = []
        for i in figures:
            c = claims[i]
            values = [self._wan(c)]
            fact = self._fact(self._concept(c), c.measure) if c.concept else None
            if fact is not None and fact.proves:
                others = list(fact.values)
            elif c.concept:
                others = [self._wan(self.readings[s].claims[j]) for s, j in self._same_fact[self._fact_key(c)]]
            else:
                others = []
            values += [v for v in others if v not in values]
            options.append(values)
        if prod(len(o) for o in options) > 256 or all(len(o) == 1 for o in options):
            return False
        allowance = HALF_CENT * len(figures)
        return any(abs(total - sum(parts, ZERO)) <= allowance for total, *parts in product(*options))

    def _table_agrees(self, sid: str, i: int) -> bool:
        c = self.readings[sid].claims[i]
        fact = self._fact(self._concept(c), c.measure)
        return fact is not None and fact.from_table and self._wan(c) in fact.values

    # ---------------------------------------------------------------- the same fact twice
    @text_rule("T707", E, "同一数字前后写法不一", "{label}前后不一：{detail}")
    def _twice(self) -> None:
        """数据中没有的同一个数（如年初预算），在不同段落里写成了不同的值：只比较确定是同一个数的两处——
        同一科目或项目、同一口径（年初预算、全年预算、调整后预算、决算数各不相同）、同一年度；相差0.01是
        尾数差异。"""
        for mentions in self._same_fact.values():
            first = self.readings[mentions[0][0]].claims[mentions[0][1]]
            cid, measure = self._concept(first), first.measure
            fact = self._fact(cid, measure)
            if len(mentions) < 2 or (fact is not None and fact.proves):
                continue
            mentions = [(s, i) for s, i in mentions if is_checked(s)]
            by_value: dict[Decimal, list[tuple[str, int]]] = {}
            for sid, i in mentions:
                by_value.setdefault(self._wan(self.readings[sid].claims[i]), []).append((sid, i))
            if len(by_value) < 2:
                for sid, i in mentions:
                    self._verify(sid, i)
                continue
            firsts = [v[0] for v in by_value.values()]
            detail = "，".join(
                f"{section_name(s)}写作“{''.join(self.readings[s].original(self.readings[s].claims[i])[2].split())}”"
                for s, i in firsts
            )
            sid, i = firsts[-1]
            c = self.readings[sid].claims[i]
            spread = max(by_value) - min(by_value)
            count = c.fig is not None and c.fig.kind == "count"
            severity = Severity.ROUNDING if spread <= CENT and not count else Severity.ERROR
            extra = [self._loc(s, self.readings[s].claims[j]) for s, j in firsts[:-1]]
            self._emit("T707", sid, c, severity, extra=extra, label=self._label(cid, measure), detail=detail)
            for s, j in mentions:
                self._verify(s, j)

    # ---------------------------------------------------------------- coverage
    @text_rule("T712", H, "数字未能与数据核对", "{section}：“{text}”{detail}")
    def _coverage(self) -> None:
        """文中的数字未能与表中或补充数据中的任何数对应，或对应的数据没有填写：列出来请人工核对，不猜测。"""
        out = self.out
        for sid, i in sorted(self._counted, key=lambda k: (k[0], k[1])):
            c = self.readings[sid].claims[i]
            if (sid, i) in self._verified:
                out.verified += 1
                a, b, _ = self.readings[sid].original(c)
                out.verified_spans.setdefault(sid, []).append((a, b))
                continue
            cid = self._concept(c)
            if cid and c.role == "value":
                detail = f"是{self._label(cid, c.measure)}，数据中没有填写，无法核对"
            elif c.role in ("change", "rate") and cid:
                detail = f"是{self._label(cid)}的增减，缺少{'预算数' if c.base == 'budget' else '上年数'}，无法核对"
            else:
                detail = "未能与表中或补充数据中的数字对应"
            self._emit("T712", sid, c, detail=detail)
        out.found = len(self._counted)


# A sum found wrong at a figure that a direct comparison already calls wrong is that finding's
# consequence: the direct one is kept.
_DIRECT = ("T701", "T707", "T708", "T713")


def once(findings: list[Finding]) -> list[Finding]:
    """Each finding once per span: the same rule on the same span is one finding, and a written sum
    (T706) is not reported where its total is already wrong by a direct comparison."""
    at: dict[tuple, set[str]] = defaultdict(set)
    for f in findings:
        loc = f.locations[0]
        at[(loc.section, loc.start, loc.end)].add(f.rule)
    seen: set[tuple] = set()
    out = []
    for f in findings:
        loc = f.locations[0]
        span = (loc.section, loc.start, loc.end)
        if (f.rule, span) in seen:
            continue
        if f.rule == "T706" and at[span] & set(_DIRECT):
            continue
        seen.add((f.rule, span))
        out.append(f)
    return out


_DYNAMIC_PARTS = {"staff.in_service": "staffkind.", "assets.vehicles": "vehiclekind."}


_TOTALS_OF: dict[str, tuple[str, ...]] = {}
for _total, _parts in PARTS.items():
    for _part in _parts:
        _TOTALS_OF[_part] = (*_TOTALS_OF.get(_part, ()), _total)


def _totals_of(cid: str | None) -> tuple[str, ...]:
    """The totals a concept is a part of (staff and vehicle kinds are parts of their totals)."""
    if cid is None:
        return ()
    for total, prefix in _DYNAMIC_PARTS.items():
        if cid.startswith(prefix):
            return (total,)
    return _TOTALS_OF.get(cid, ())


def _names_projects(r: Reading, c: Claim) -> bool:
    """ "共涉及项目4个" / "共涉及1个项目", not "共涉及1个一级项目"."""
    t = r.norm.text
    assert c.fig is not None
    return t[: c.fig.start].endswith("项目") or t.startswith("个项目", c.fig.end)


def _same_at_precision(written: Decimal, value: Decimal, places: int) -> bool:
    if written == value:
        return True
    if places >= 2:
        return False
    from decimal import ROUND_HALF_UP

    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == written


def _sign(d: Decimal) -> int:
    return (d > 0) - (d < 0)


def _plain(v: Decimal) -> str:
    return f"{v.quantize(CENT)}"


def _against(c: Claim) -> str:
    return "比年初预算" if c.base == "budget" else "比上年"
