"""Drafting the text from the tables and the supplementary data (document.md, "Drafting").

    sections = draft_sections(project)       # section id → DraftSection (segments, text)
    apply_draft(project)                     # writes project.text and the bindings
    refresh(project)                         # after data changed: rewrites the bound sentences

Every figure comes from the data through checks.text.facts, the same values the checker ties
the text to, so a draft passes its own checks. What only the author knows — the reasons — is
left as a marked placeholder ("主要原因是【……】", see checks.text.wording.PLACEHOLDER_RE).

A segment with figures is *bound*: the project keeps its id and the text it was drafted as
(``project.drafts``). ``refresh`` redrafts and replaces each bound segment that still stands in
the text word for word; a segment the user has rewritten no longer matches and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from checks.percent import percent
from checks.text.facts import PARTS, Facts
from checks.text.wording import PLACEHOLDER
from model.amount import fmt_plain
from model.catalog import economic_groups, functional_catalog
from model.layout import CLASSES, T, empty_sentence
from model.project import TOTAL, DraftSegment, Project
from model.sections import all_sections
from model.templates import template

REASON = f"主要原因是{PLACEHOLDER}"


@dataclass(frozen=True, slots=True)
class Segment:
    id: str  # stable within the section: "total", "class.208", "item.2013101"
    text: str
    bound: bool = False  # holds figures from the data


@dataclass
class DraftSection:
    """A drafted section: the segments it is made of; ``text`` is what goes into project.text."""

    id: str
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def money(v: Decimal) -> str:
    return fmt_plain(v)


def pct(num: Decimal, den: Decimal, places: int = 1) -> str:
    return f"{percent(num, den, places)}%"


class _Writer:
    """Builds one section from segments."""

    def __init__(self, sid: str):
        self.sid = sid
        self.segments: list[Segment] = []

    def fixed(self, text: str) -> None:
        self.segments.append(Segment(f"fixed.{len(self.segments)}", text))

    def bound(self, sid: str, text: str) -> None:
        self.segments.append(Segment(sid, text, bound=True))

    def put(self, bound: str | None, text: str) -> None:
        """Text bound to the data it words, or fixed text (a placeholder) when ``bound`` is None."""
        if bound:
            self.bound(bound, text)
        else:
            self.fixed(text)

    def para(self) -> None:
        self.fixed("\n")

    def caption(self, n: int, title: str) -> None:
        """ "图1：收、支决算总计变动情况": where the Word export draws chart n."""
        self.para()
        self.fixed(f"图{n}：{title}")

    def finish(self) -> DraftSection:
        return DraftSection(self.sid, self.segments)


class Drafter:
    def __init__(self, project: Project, places: int = 1):
        self.p = project
        self.f = Facts(project)
        self.year = project.meta.year
        self.last = self.year - 1
        self.places = places
        self.dept = _department(project)

    def v(self, cid: str, measure: str = "actual") -> Decimal | None:
        fact = self.f.get(cid, measure)
        return fact.value if fact is not None else None

    def pct(self, num: Decimal, den: Decimal) -> str:
        return pct(num, den, self.places)

    # ---------------------------------------------------------------- shared phrases
    def change(self, cid: str, label: str, base: str = "last", each: bool = False) -> str | None:
        """ "与2023年度相比，收、支总计增加114.77万元，增长11.6%" (None when the base is not known)."""
        now, before = self.v(cid), self.v(cid, base)
        if now is None or before is None:
            return None
        delta = now - before
        head = f"与{self.last}年度相比，{label}" if base == "last" else "比年初预算数"
        if not delta:
            return f"{head}持平"
        word, rate_word = ("增加", "增长") if delta > 0 else ("减少", "下降")
        text = f"{head}{'各' if each else ''}{word}{money(abs(delta))}万元"
        if before > 0:
            text += f"，{rate_word}{self.pct(abs(delta), before)}"
        return text

    def completion(self, actual: Decimal, budget: Decimal | None, which: str = "年初预算") -> str:
        if budget is None or budget <= 0:
            return ""
        return f"，完成{which}的{self.pct(actual, budget)}"

    # ---------------------------------------------------------------- sections
    def makers(self) -> dict[str, Callable[[_Writer], None]]:
        """What drafts each subject of the 情况说明 (model.sections), and the parts outside it."""
        return {
            "概况.职能": self.duties,
            "概况.机构": self.units,
            "概况.人员": self.staff,
            "total": self.s_total,
            "income": self.s_income,
            "expense": self.s_expense,
            "fiscal": self.s_fiscal,
            "general": self.s_general,
            "basic": self.s_basic,
            "fund": self.s_fund,
            "soe": self.s_soe,
            "three": self.s_three,
            "admin": self.s_admin,
            "procurement": self.s_procurement,
            "assets": self.s_assets,
            "performance": self.s_performance,
            "重点工作": self.key_work,
            "名词解释": self.glossary,
        }

    def sections(self) -> dict[str, DraftSection]:
        makers = self.makers()
        out = {}
        for s in all_sections(self.p.meta.variant):
            w = _Writer(s.id)
            if s.subject in makers:
                makers[s.subject](w)
            elif s.id in makers:
                makers[s.id](w)
            for i, part in enumerate(s.parts):
                if i or w.segments:
                    w.para()
                w.fixed(part.title)
                w.para()
                makers[part.subject](w)
            out[s.id] = w.finish()
        return out

    def duties(self, w: _Writer) -> None:
        w.fixed("【请填写部门主要职能】")

    def units_lines(self) -> list[str]:
        """部门决算单位构成, a paragraph a line, worded as the published documents word it."""
        dept = self.dept
        subs = [s.strip() for s in self.p.units.subordinates if s.strip()]
        main = self.p.units.main.strip() or dept
        parts = f"和{len(subs)}个下属单位决算" if subs else ""
        return [
            f"从单位构成看，{dept}部门决算由纳入独立核算的单位本级决算{parts}组成。",
            f"纳入{dept}{self.year}年度部门决算编制范围的二级预算单位包括：",
            *(f"{i}.{name}" for i, name in enumerate([f"{main}（本级）", *subs], 1)),
        ]

    def units(self, w: _Writer) -> None:
        for i, line in enumerate(self.units_lines()):
            if i:
                w.para()
            w.fixed(line)

    def staff(self, w: _Writer) -> None:
        for i, (bound, line) in enumerate(staff_lines(self.p)):
            if i:
                w.para()
            w.put(bound, line)

    def _total_and_change(self, w: _Writer, cid: str, label: str, each: bool = False, both: bool = False) -> None:
        """ "2024年度收、支总计均为…万元。与2023年度相比，…增加…，增长…%，主要原因是【……】。"
        ``both``: a total of income and expense alike ("均为"); ``each``: "各增加"."""
        total = self.v(cid)
        if total is None:
            w.fixed(f"{self.year}年度{label}{PLACEHOLDER}万元。")
            return
        w.bound("total", f"{self.year}年度{label}{'均为' if both else ''}{money(total)}万元。")
        change = self.change(cid, label, each=each)
        if change is not None:
            w.bound("change", f"{change}，")
            w.fixed(f"{REASON}。")
        elif both:
            w.fixed(f"与{self.last}年度相比，{label}{PLACEHOLDER}，{REASON}。")

    def s_total(self, w: _Writer) -> None:
        self._total_and_change(w, "grand_total", "收、支总计", both=True)
        w.caption(1, "收、支决算总计变动情况")

    def _parts(self, w: _Writer, total_cid: str, share_of: str) -> None:
        """ "其中：基本支出…万元，占本年支出…%；项目支出…" for the parts of a total that are not nil."""
        total = self.v(total_cid)
        shown = [(self.f.concept(cid), self.v(cid)) for cid in PARTS[total_cid]]
        items = "；".join(f"{c.label}{money(v)}万元，占{share_of}{self.pct(v, total)}" for c, v in shown if c and v)
        if items and total:
            w.bound("parts", f"其中：{items}。")

    def s_income(self, w: _Writer) -> None:
        self._total_and_change(w, "income_total", "收入合计")
        self._parts(w, "income_total", "本年收入")
        w.caption(2, "收入决算结构")

    def s_expense(self, w: _Writer) -> None:
        self._total_and_change(w, "expense_total", "支出合计")
        self._parts(w, "expense_total", "本年支出")
        w.caption(3, "支出决算结构")

    def s_fiscal(self, w: _Writer) -> None:
        self._total_and_change(w, "fiscal_grand_total", "财政拨款收、支总计", each=True, both=True)
        w.para()
        funds = (
            ("general_income", "一般公共预算财政拨款收入"),
            ("fund_income", "政府性基金预算财政拨款收入"),
            ("soe_income", "国有资本经营预算财政拨款收入"),
        )
        for cid, label in funds:
            value = self.v(cid)
            if value is None:
                continue
            if not value and cid != "general_income":
                w.fixed(f"本部门无{label}。")
                continue
            text = f"{self.year}年度{label}{money(value)}万元"
            before = self.v(cid, "last")
            if before is not None:
                delta = value - before
                word = "增加" if delta > 0 else "减少" if delta < 0 else "持平"
                text += f"，比{self.last}年度决算数{word}" + (f"{money(abs(delta))}万元" if delta else "")
            w.bound(f"fund.{cid}", text + "，")
            w.fixed(f"{REASON}。")
        w.caption(4, "财政拨款收、支决算总计变动情况")

    def lead(self) -> str:
        """What a total's sentence opens with: "2024年度" (the Shanghai wording opens with the total)."""
        return f"{self.year}年度"

    def changed(self, w: _Writer, change: str) -> None:
        """A change against last year, then its reason left to the author."""
        w.bound("change", f"{change}，")
        w.fixed(f"{REASON}。")

    def s_general(self, w: _Writer) -> None:
        total = self.v("general_expense")
        w.fixed("（一）一般公共预算财政拨款支出决算总体情况")
        w.para()
        if total is None:
            w.fixed(f"{self.lead()}一般公共预算财政拨款支出{PLACEHOLDER}万元。")
            return
        expense = self.v("expense_total")
        share = f"，占本年支出合计的{self.pct(total, expense)}" if expense else ""
        w.bound("total", f"{self.lead()}一般公共预算财政拨款支出{money(total)}万元{share}。")
        change = self.change("general_expense", "一般公共预算财政拨款支出")
        if change is not None:
            self.changed(w, change)
        w.para()
        w.fixed("（二）一般公共预算财政拨款支出决算结构情况")
        w.para()
        self.general_structure(w, total)
        w.para()
        w.fixed("（三）一般公共预算财政拨款支出决算具体情况")
        w.para()
        self.general_detail(w, total)

    def general_structure(self, w: _Writer, total: Decimal) -> None:
        w.bound("structure", f"{self.year}年度一般公共预算财政拨款支出{money(total)}万元，主要用于以下方面：")
        classes = self._rows(T.GENERAL, 3)
        for i, (code, value) in enumerate(classes, 1):
            w.para()
            name = _class_stem(code)
            share = f"，占{self.pct(value, total)}" if total else ""
            w.bound(f"class.{code}", f"{i}.{name}（类）支出{money(value)}万元{share}。")
            w.fixed(f"主要用于{PLACEHOLDER}。")

    def general_detail(self, w: _Writer, total: Decimal) -> None:
        budget = self.v("general_expense", "budget")
        head = f"{self.year}年度一般公共预算财政拨款支出年初预算为"
        if budget is None:
            w.fixed(f"{head}{PLACEHOLDER}万元，")
            w.bound("detail", f"支出决算为{money(total)}万元。")
        else:
            w.bound(
                "detail", f"{head}{money(budget)}万元，支出决算为{money(total)}万元{self.completion(total, budget)}。"
            )
        basic, project = self.v("general_basic"), self.v("general_project")
        if basic is not None and project is not None:
            w.bound("split", f"其中：基本支出{money(basic)}万元，项目支出{money(project)}万元。")
        budgets = self.p.supplementary.budget.by_subject
        level = 3 if budgets and all(len(c) == 3 for c in budgets) else 7
        for i, (code, value) in enumerate(self._rows(T.GENERAL, level), 1):
            w.para()
            self._subject_detail(w, i, code, value, budgets.get(code))

    def _subject_detail(self, w: _Writer, i: int, code: str, value: Decimal, budget: Decimal | None) -> None:
        name = _chain_name(code, self.p)
        w.fixed(f"{i}.{name}。")
        if budget is None:
            w.fixed(f"年初预算为{PLACEHOLDER}万元，")
            w.bound(f"item.{code}", f"支出决算为{money(value)}万元。")
            return
        text = f"年初预算为{money(budget)}万元，支出决算为{money(value)}万元{self.completion(value, budget)}"
        if value == budget:
            w.bound(f"item.{code}", text + "。")
            return
        word = "大于" if value > budget else "小于"
        w.bound(f"item.{code}", f"{text}，决算数{word}年初预算数的")
        w.fixed(f"{REASON}。")

    def _rows(self, t: T, level: int) -> list[tuple[str, Decimal]]:
        out = []
        for row in self.p.tables[t].rows:
            if row.key == TOTAL or len(row.code) != level or "#" in row.key:
                continue
            value = row.values.get(1)
            if value:
                out.append((row.code, value))
        return out

    def basic_parts(self) -> list[tuple[str, str, Decimal, list[str]]]:
        """人员经费 and 公用经费: (kind, label, amount, the names of 06's items that hold an amount)."""
        table = self.p.tables[T.BASIC]
        out = []
        for kind, label in (("personnel", "人员经费"), ("public", "公用经费")):
            value = self.v(kind)
            if value is None:
                continue
            names = [
                item.name
                for g in economic_groups(self.p.meta.variant)
                if g.kind == kind
                for item in g.items
                if (row := table.row(item.code)) is not None and row.values.get(1)
            ]
            out.append((kind, label, value, names))
        return out

    def s_basic(self, w: _Writer) -> None:
        basic = self.v("general_basic")
        if basic is None:
            w.fixed(f"{self.year}年度一般公共预算财政拨款基本支出{PLACEHOLDER}万元。")
            return
        w.bound("total", f"{self.year}年度一般公共预算财政拨款基本支出{money(basic)}万元，其中：")
        for kind, label, value, names in self.basic_parts():
            listing = f"，主要包括：{'、'.join(names)}" if names else ""
            w.para()
            w.bound(kind, f"{label}{money(value)}万元{listing}。")

    def _empty_or(self, w: _Writer, t: T, draft) -> None:
        if self.p.tables[t].is_empty():
            w.bound("none", empty_sentence(t, self.p.meta.variant, self.p.meta.department))
        else:
            draft()

    def s_fund(self, w: _Writer) -> None:
        def draft() -> None:
            income, expense = self.v("fund_income") or Decimal(0), self.v("fund_expense") or Decimal(0)
            w.bound(
                "total",
                f"{self.year}年度政府性基金预算财政拨款收入{money(income)}万元；"
                f"政府性基金预算财政拨款支出{money(expense)}万元。",
            )
            w.fixed(f"主要用于{PLACEHOLDER}。")

        self._empty_or(w, T.FUND, draft)

    def s_soe(self, w: _Writer) -> None:
        def draft() -> None:
            expense = self.v("soe_expense") or Decimal(0)
            w.bound("total", f"{self.year}年度国有资本经营预算财政拨款支出{money(expense)}万元。")
            w.fixed(f"主要用于{PLACEHOLDER}。")

        self._empty_or(w, T.SOE, draft)

    def _three_item(self, cid: str, label: str) -> tuple[str, Decimal, Decimal] | None:
        actual, budget = self.v(cid), self.v(cid, "budget")
        if actual is None or budget is None:
            return None
        text = f"{label}全年预算为{money(budget)}万元，支出决算为{money(actual)}万元"
        text += self.completion(actual, budget, "全年预算")
        before = self.v(cid, "last")
        if before is not None:
            delta = actual - before
            if delta:
                text += f"，较上年{'增加' if delta > 0 else '减少'}{money(abs(delta))}万元"
                if before > 0:
                    text += f"，{'增长' if delta > 0 else '下降'}{self.pct(abs(delta), before)}"
            else:
                text += "，与上年持平"
        return text, actual, budget

    def s_three(self, w: _Writer) -> None:
        w.fixed("（一）“三公”经费财政拨款支出决算总体情况说明")
        w.para()
        item = self._three_item("three.total", f"{self.year}年度“三公”经费财政拨款支出")
        if item is None:
            w.fixed(f"{self.year}年度“三公”经费财政拨款支出全年预算为{PLACEHOLDER}万元。")
            return
        text, actual, budget = item
        if actual == budget:
            w.bound("total", f"{text}。决算数等于全年预算数。")
        else:
            w.bound("total", f"{text}。决算数{'大于' if actual > budget else '小于'}全年预算数的")
            w.fixed(f"{REASON}。")
        w.para()
        w.fixed("（二）“三公”经费财政拨款支出决算具体情况说明")
        parts = (
            ("three.abroad", "因公出国（境）费"),
            ("three.vehicle", "公务用车购置及运行维护费"),
            ("three.reception", "公务接待费"),
        )
        for i, (cid, label) in enumerate(parts, 1):
            item = self._three_item(cid, label)
            if item is None:
                continue
            w.para()
            w.bound(cid, f"{i}.{item[0]}。")
            if cid == "three.abroad" and item[1]:
                w.fixed(f"全年因公出国（境）团组{PLACEHOLDER}个，累计{PLACEHOLDER}人次，主要用于{PLACEHOLDER}。")
            elif cid == "three.vehicle":
                self._vehicles(w)
            elif cid == "three.reception" and item[1]:
                w.fixed(f"国内公务接待{PLACEHOLDER}批次、{PLACEHOLDER}人次，主要用于{PLACEHOLDER}。")

    def _vehicles(self, w: _Writer) -> None:
        purchase, operation = self.v("three.purchase"), self.v("three.operation")
        if purchase is not None:
            w.para()
            w.bound("three.purchase", f"（1）公务用车购置费支出{money(purchase)}万元。")
            w.fixed(f"本年度购置（更新）公务用车{PLACEHOLDER}辆。")
        if operation is not None:
            w.para()
            w.bound("three.operation", f"（2）公务用车运行维护费支出{money(operation)}万元，")
            w.fixed(f"主要用于{PLACEHOLDER}。")
        total = self.p.supplementary.assets.vehicles_total
        if total is not None:
            w.bound("vehicles", f"截至{self.year}年12月31日，开支财政拨款的公务用车保有量为{total}辆。")

    def s_admin(self, w: _Writer) -> None:
        amount = self.v("admin_cost")
        if amount is None:
            w.fixed(f"{self.year}年度{self.dept}机关运行经费支出{PLACEHOLDER}万元。")
            return
        text = f"{self.year}年度{self.dept}机关运行经费支出{money(amount)}万元"
        change = self.change("admin_cost", "机关运行经费", base="budget") or self.change("admin_cost", "机关运行经费")
        if change is None:
            w.bound("total", text + "。")
            return
        w.bound("total", f"{text}，{change}，")
        w.fixed(f"{REASON}。")

    def s_procurement(self, w: _Writer) -> None:
        total = self.v("proc.total")
        if total is None:
            w.fixed(f"{self.year}年度{self.dept}政府采购支出总额{PLACEHOLDER}万元。")
            return
        kinds = [
            (label, self.v(cid))
            for cid, label in (
                ("proc.goods", "政府采购货物支出"),
                ("proc.works", "政府采购工程支出"),
                ("proc.services", "政府采购服务支出"),
            )
        ]
        listed = "、".join(f"{label}{money(v)}万元" for label, v in kinds if v is not None)
        text = f"{self.year}年度{self.dept}政府采购支出总额{money(total)}万元"
        w.bound("total", f"{text}，其中：{listed}。" if listed else f"{text}。")
        sme, small = self.v("proc.sme"), self.v("proc.small_micro")
        if sme is not None:
            share = f"，占政府采购支出总额的{self.pct(sme, total)}" if total else ""
            text = f"授予中小企业合同金额{money(sme)}万元{share}"
            if small is not None:
                share = f"，占授予中小企业合同金额的{self.pct(small, sme)}" if sme else ""
                text += f"，其中：授予小微企业合同金额{money(small)}万元{share}"
            w.bound("sme", text + "。")

    def s_assets(self, w: _Writer) -> None:
        a = self.p.supplementary.assets
        head = f"截至{self.year}年12月31日，{self.dept}共有车辆"
        w.put(*_counted("vehicles", head, a.vehicles_total, a.vehicles, "辆"))
        general = "" if a.general_equipment_50w is None else f"单价50万元以上通用设备{a.general_equipment_50w}台（套）"
        special = (
            "" if a.special_equipment_100w is None else f"单价100万元以上专用设备{a.special_equipment_100w}台（套）"
        )
        if general or special:
            w.bound("equipment", "，".join(x for x in (general, special) if x) + "。")

    def s_performance(self, w: _Writer) -> None:
        perf = self.p.supplementary.performance
        w.fixed("（一）预算绩效管理工作开展情况")
        w.para()
        head = f"根据预算绩效管理要求，本部门组织对{self.year}年度一般公共预算项目支出全面开展绩效自评"
        if perf.project_count is not None and perf.project_amount is not None:
            project = self.v("general_project")
            share = f"，占一般公共预算项目支出总额的{self.pct(perf.project_amount, project)}" if project else ""
            w.bound("scope", f"{head}，共涉及项目{perf.project_count}个，资金{money(perf.project_amount)}万元{share}。")
        else:
            w.fixed(f"{head}，共涉及项目{PLACEHOLDER}个，资金{PLACEHOLDER}万元。")
        w.para()
        w.fixed("（二）部门整体支出绩效自评情况")
        w.para()
        if perf.whole_executed is not None:
            w.bound("whole", f"本部门组织开展整体支出绩效自评，资金{money(perf.whole_executed)}万元。")
        w.fixed(f"从评价情况来看，{PLACEHOLDER}。")
        w.para()
        w.fixed("（三）项目支出绩效自评结果")
        for i, pr in enumerate(perf.projects, 1):
            if not pr.name or pr.budget is None or pr.executed is None:
                continue
            w.para()
            rate = f"，完成预算的{self.pct(pr.executed, pr.budget)}" if pr.budget > 0 else ""
            w.bound(
                f"project.{i}",
                f"{i}.“{pr.name}”项目绩效自评综述：项目全年预算数为{money(pr.budget)}万元，"
                f"执行数为{money(pr.executed)}万元{rate}。",
            )
            w.fixed(f"主要产出和效益是：{PLACEHOLDER}。")

    def key_work(self, w: _Writer) -> None:
        w.fixed(f"【请填写{self.year}年度重点工作完成情况】")

    def glossary(self, w: _Writer) -> None:
        from checks.text.glossary import glossary_items

        for line in glossary_items(self.p):
            if w.segments:
                w.para()
            w.fixed(line)


def units_lines(project: Project) -> list[str]:
    """部门决算单位构成 (概况.机构), a paragraph a line, in the project's template's wording: the
    draft of the section, and what the Word export prints when the section has no text."""
    return drafter(project).units_lines()


def staff_lines(project: Project) -> list[tuple[str | None, str]]:
    """部门人员构成 (概况.人员), a paragraph a line, worded as the published documents word it: the
    draft of the section, and what the Word export prints when the section has no text. Each line
    comes with the data it is bound to ("in_service", "retired"), None for a placeholder."""
    s = project.supplementary.staff
    head = f"{_department(project)}在职实有人数"
    lines = [_counted("in_service", head, s.in_service_total, s.in_service, "人")]
    if s.retired_total is not None:
        parts = [f"{n}{v}人" for n, v in (("离休", s.retired_lixiu), ("退休", s.retired_tuixiu)) if v is not None]
        tail = f"，其中：{'，'.join(parts)}" if parts else ""
        lines.append(("retired", f"离退休人员{s.retired_total}人{tail}。"))
    return lines


def _department(project: Project) -> str:
    return project.units.main or project.meta.department or "本部门"


def _counted(sid: str, head: str, total: int | None, kinds, unit: str) -> tuple[str | None, str]:
    """ "…共有车辆6辆，其中：应急车辆2辆，…。" bound to ``sid`` (a placeholder, unbound, when the total
    is not entered)."""
    if total is None:
        return None, f"{head}{PLACEHOLDER}{unit}。"
    listed = "，".join(f"{k.kind}{k.count}{unit}" for k in kinds if k.kind and k.count is not None)
    return sid, f"{head}{total}{unit}{'，其中：' + listed if listed else ''}。"


def _class_stem(code: str) -> str:
    name = dict(CLASSES).get(code) or functional_catalog().name_of(code) or code
    return name[:-2] if name.endswith("支出") else name


def _chain_name(code: str, project: Project) -> str:
    cat = functional_catalog()
    parts = []
    for n, level in ((3, "类"), (5, "款"), (7, "项")):
        if len(code) < n:
            break
        sub = code[:n]
        row = project.tables[T.GENERAL].row(sub)
        name = cat.name_of(sub) or (row.name if row is not None else "") or sub
        parts.append(f"{name}（{level}）")
    return "".join(parts)


def drafter(project: Project, places: int = 1) -> Drafter:
    """The drafter of the project's template's wording (its ``wording``: national or Shanghai)."""
    if template(project.meta.variant).wording == "shanghai":
        from checks.text.draft_shanghai import ShanghaiDrafter  # builds on this module's Drafter

        return ShanghaiDrafter(project, places)
    return Drafter(project, places)


def draft_sections(project: Project, places: int = 1) -> dict[str, DraftSection]:
    """Every section drafted from the data; ``places``: decimals of the percentages (1 or 2)."""
    return drafter(project, places).sections()


def apply_draft(project: Project, sections: Iterable[str] | None = None, places: int = 1) -> list[str]:
    """Write the draft into project.text (all sections, or those given) and record its bindings."""
    drafted = draft_sections(project, places)
    wanted = list(drafted) if sections is None else [s for s in sections if s in drafted]
    for sid in wanted:
        d = drafted[sid]
        project.text[sid] = d.text
        project.drafts[sid] = [DraftSegment(id=s.id, text=s.text) for s in d.segments if s.bound]
    return wanted


def refresh(project: Project, places: int = 1) -> list[str]:
    """Rewrite the bound sentences the user has not touched after the data changed.

    Returns the ids of the sections whose text changed."""
    if not project.drafts:
        return []
    drafted = draft_sections(project, places)
    changed = []
    for sid, records in project.drafts.items():
        fresh = {s.id: s.text for s in drafted.get(sid, DraftSection(sid)).segments if s.bound}
        text = project.text.get(sid, "")
        new_text, pos = text, 0
        for rec in records:
            at = new_text.find(rec.text, pos)
            if at < 0:
                continue  # rewritten by the user: theirs now
            new = fresh.get(rec.id)
            if new is None or new == rec.text:
                pos = at + len(rec.text)
                continue
            new_text = new_text[:at] + new + new_text[at + len(rec.text) :]
            rec.text = new
            pos = at + len(new)
        if new_text != text:
            project.text[sid] = new_text
            changed.append(sid)
    return changed
