"""Drafting the 情况说明 in the Shanghai 2024 template's wording (its eleven sections, 十一 holding
机关运行经费, 政府采购 and 国有资产), from the same facts as the national draft (checks.text.draft).

The sentences follow the printed template: "{部门}2024年度收入支出总计…万元。与2023年度相比，…
增加…万元，增长…%。主要原因：【……】。", "支出决算为…万元，完成年初预算的…%", "占本年支出合计的…%".
What the template leaves to the author is a placeholder; a part the department has nothing for
is worded as the template says ("上海市XX局2024年度无…").
"""

from __future__ import annotations

from decimal import Decimal

from checks.text.draft import Drafter, _chain_name, _Writer, money
from checks.text.facts import PARTS
from checks.text.wording import PLACEHOLDER
from model.catalog import functional_catalog
from model.layout import T
from model.project import TOTAL

CAUSE = f"主要原因：{PLACEHOLDER}。"


class ShanghaiDrafter(Drafter):
    # ---------------------------------------------------------------- shared phrases
    def _total(self, w: _Writer, cid: str, label: str) -> None:
        """ "{部门}2024年度收入支出总计…万元。与2023年度相比，…。主要原因：【……】。" """
        total = self.v(cid)
        head = f"{self.dept}{self.year}年度{label}"
        if total is None:
            w.fixed(f"{head}{PLACEHOLDER}万元。")
            return
        w.bound("total", f"{head}{money(total)}万元。")
        change = self.change(cid, label)
        if change is not None:
            self.changed(w, change)

    def _none(self, w: _Writer, what: str) -> None:
        w.bound("none", f"{self.dept}{self.year}年度无{what}。")

    # ---------------------------------------------------------------- 第一部分
    def units_lines(self) -> list[str]:
        """ "从预算单位构成看，{部门}部门决算包括：{部门}本级决算、下属行政事业单位决算。" and the units."""
        subs = [s.strip() for s in self.p.units.subordinates if s.strip()]
        name = self.p.meta.department or self.dept
        main = (self.p.units.main.strip() or name).removesuffix("本级")
        tail = "、下属行政事业单位决算。" if subs else "。"
        return [
            f"从预算单位构成看，{name}部门决算包括：{name.removesuffix('本级')}本级决算{tail}",
            f"纳入{name}{self.year}年度部门决算编制范围的单位包括：",
            *(f"{i}.{unit}" for i, unit in enumerate([f"{main}（本级）", *subs], 1)),
        ]

    # ---------------------------------------------------------------- 一 … 六
    def s_total(self, w: _Writer) -> None:
        self._total(w, "grand_total", "收入支出总计")

    def s_income(self, w: _Writer) -> None:
        self._shares(w, "income_total", "本年收入合计")

    def s_expense(self, w: _Writer) -> None:
        self._shares(w, "expense_total", "本年支出合计")

    def _shares(self, w: _Writer, cid: str, label: str) -> None:
        """ "本年收入合计…万元，其中：财政拨款收入…万元，占…%；…" (the parts it has, 不涉及的不列)."""
        total = self.v(cid)
        if total is None:
            w.fixed(f"{label}{PLACEHOLDER}万元。")
            return
        parts = [(c, v) for c, v in ((self.f.concept(p), self.v(p)) for p in PARTS[cid]) if c and v]
        items = "；".join(f"{c.label}{money(v)}万元，占{self.pct(v, total)}" for c, v in parts) if total else ""
        w.bound("total", f"{label}{money(total)}万元" + (f"，其中：{items}。" if items else "。"))

    def s_fiscal(self, w: _Writer) -> None:
        self._total(w, "fiscal_grand_total", "财政拨款收入支出总计")

    def lead(self) -> str:
        return ""

    def changed(self, w: _Writer, change: str) -> None:
        w.bound("change", f"{change}。")
        w.fixed(CAUSE)

    def general_structure(self, w: _Writer, total: Decimal) -> None:
        """ "一般公共预算财政拨款支出…万元，主要用于以下方面：一般公共服务支出（类）…万元，占…%；…" """
        classes = self._rows(T.GENERAL, 3)
        items = "；".join(
            f"{_class_name(code)}（类）{money(v)}万元，占{self.pct(v, total)}" for code, v in classes if total
        )
        w.bound("structure", f"一般公共预算财政拨款支出{money(total)}万元，主要用于以下方面：{items}。")

    def general_detail(self, w: _Writer, total: Decimal) -> None:
        budget = self.v("general_expense", "budget")
        if budget is None:
            w.fixed(f"一般公共预算财政拨款支出年初预算为{PLACEHOLDER}万元，")
            w.bound("detail", f"支出决算为{money(total)}万元。")
        else:
            w.bound(
                "detail",
                f"一般公共预算财政拨款支出年初预算为{money(budget)}万元，支出决算为{money(total)}万元"
                f"{self.completion(total, budget)}。",
            )
            if total != budget:
                w.fixed(f"决算数{'大于' if total > budget else '小于'}预算数的{CAUSE}")
        w.fixed("其中：")
        budgets = self.p.supplementary.budget.by_subject
        for i, (code, value) in enumerate(self._rows(T.GENERAL, 7), 1):
            w.para()
            self._item(w, i, code, value, budgets.get(code), f"item.{code}")

    def _item(self, w: _Writer, i: int, code: str, value: Decimal, budget: Decimal | None, bound: str) -> None:
        """ "1、教育支出（类）普通教育（款）初中教育（项）。主要用于：【……】。年初预算为…万元，支出决算为
        …万元。决算数大于预算数的主要原因：【……】。" """
        w.fixed(f"{i}、{_chain_name(code, self.p)}。主要用于：{PLACEHOLDER}。")
        if budget is None:
            w.fixed(f"年初预算为{PLACEHOLDER}万元，")
            w.bound(bound, f"支出决算为{money(value)}万元。")
            return
        w.bound(bound, f"年初预算为{money(budget)}万元，支出决算为{money(value)}万元。")
        if value != budget:
            w.fixed(f"决算数{'大于' if value > budget else '小于'}预算数的{CAUSE}")

    def s_basic(self, w: _Writer) -> None:
        basic = self.v("general_basic")
        if basic is None:
            w.fixed(f"一般公共预算财政拨款基本支出{PLACEHOLDER}万元。")
            return
        parts = [
            f"{label}{money(value)}万元" + (f"，主要包括：{'、'.join(names)}" if names else "")
            for _kind, label, value, names in self.basic_parts()
        ]
        w.bound(
            "total",
            f"一般公共预算财政拨款基本支出{money(basic)}万元。" + (f"其中：{'；'.join(parts)}。" if parts else ""),
        )

    # ---------------------------------------------------------------- 七 “三公”
    def s_three(self, w: _Writer) -> None:
        actual, budget = self.v("three.total"), self.v("three.total", "budget")
        if not actual and not budget:
            self._none(w, "“三公”经费财政拨款支出")
            return
        items = (
            ("three.abroad", "因公出国（境）费"),
            ("three.vehicle", "公务用车购置及运行维护费"),
            ("three.reception", "公务接待费"),
        )
        w.fixed("（一）“三公”经费财政拨款支出决算总体情况说明。")
        w.para()
        if actual is None or budget is None:
            w.fixed(f"“三公”经费财政拨款支出全年预算为{PLACEHOLDER}万元。")
            return
        parts = []
        for cid, label in items:
            a, b = self.v(cid), self.v(cid, "budget")
            if a is not None:
                parts.append(f"{label}支出决算为{money(a)}万元{self.completion(a, b, '全年预算')}")
        text = f"“三公”经费财政拨款支出全年预算为{money(budget)}万元，支出决算为{money(actual)}万元"
        text += self.completion(actual, budget, "全年预算") + (f"，其中：{'；'.join(parts)}" if parts else "") + "。"
        w.bound("total", text)
        if actual != budget:
            w.fixed(f"{self.year}年度“三公”经费支出决算数{'大于' if actual > budget else '小于'}预算数的{CAUSE}")
        changes = [c for c in (self._against_last(cid, f"{label}支出决算") for cid, label in items) if c is not None]
        total_change = self._against_last("three.total", "“三公”经费财政拨款支出决算数")
        if total_change is not None:
            w.para()
            w.bound(
                "change", f"{self.year}年度{total_change}" + (f"，其中：{'；'.join(changes)}" if changes else "") + "。"
            )
            w.fixed(CAUSE)
        w.para()
        w.fixed("（二）“三公”经费财政拨款支出决算具体情况说明。")
        w.para()
        shares = "；".join(
            f"{label}支出决算{money(v)}万元，占{self.pct(v, actual)}"
            for cid, label in items
            if (v := self.v(cid)) is not None and actual
        )
        if shares:
            w.bound("shares", f"“三公”经费财政拨款支出决算中，{shares}。")
        w.fixed("具体情况如下：")
        abroad, vehicle, reception = (self.v(cid) for cid, _label in items)
        if abroad is not None:
            w.para()
            w.bound("three.abroad", f"1、因公出国（境）费支出{money(abroad)}万元。")
            if abroad:
                w.fixed(
                    f"全年安排因公出国（境）团组{PLACEHOLDER}个、累计{PLACEHOLDER}人次。开支内容包括：{PLACEHOLDER}。"
                )
        if vehicle is not None:
            w.para()
            w.bound("three.vehicle", f"2、公务用车购置及运行维护费支出{money(vehicle)}万元。其中：")
            purchase, operation = self.v("three.purchase"), self.v("three.operation")
            if purchase is not None:
                w.para()
                w.bound("three.purchase", f"公务用车购置费支出{money(purchase)}万元。")
                if purchase:
                    w.fixed(f"主要用于{PLACEHOLDER}，购置公务用车{PLACEHOLDER}辆。")
            if operation is not None:
                w.para()
                w.bound("three.operation", f"公务用车运行维护费支出{money(operation)}万元。")
                w.fixed(f"主要用于{PLACEHOLDER}。")
            vehicles = self.p.supplementary.assets.vehicles_total
            if vehicles is not None:
                w.bound(
                    "vehicles", f"{self.year}年，{self.dept}所属各预算单位开支财政拨款的公务用车保有量为{vehicles}辆。"
                )
        if reception is not None:
            w.para()
            w.bound("three.reception", f"3、公务接待费支出{money(reception)}万元。")
            if reception:
                w.fixed(f"主要用于{PLACEHOLDER}，国内公务接待{PLACEHOLDER}批次、{PLACEHOLDER}人次。")

    def _against_last(self, cid: str, label: str) -> str | None:
        """ "因公出国（境）费支出决算比2023年度减少…万元，下降…%" (None when last year is not known)."""
        now, before = self.v(cid), self.v(cid, "last")
        if now is None or before is None:
            return None
        delta = now - before
        if not delta:
            return f"{label}与{self.last}年度持平"
        word, rate = ("增加", "增长") if delta > 0 else ("减少", "下降")
        text = f"{label}比{self.last}年度{word}{money(abs(delta))}万元"
        return text + (f"，{rate}{self.pct(abs(delta), before)}" if before > 0 else "")

    # ---------------------------------------------------------------- 八 九
    def s_fund(self, w: _Writer) -> None:
        self._flows(w, T.FUND, "fund_income", "fund_expense", "政府性基金预算财政拨款", 3)

    def s_soe(self, w: _Writer) -> None:
        self._flows(w, T.SOE, "soe_income", "soe_expense", "国有资本经营预算财政拨款", 1)

    def _flows(self, w: _Writer, t: T, income_cid: str, expense_cid: str, what: str, col: int) -> None:
        if self.p.tables[t].is_empty():
            self._none(w, f"{what}收入和支出")
            return
        income, expense = self.v(income_cid) or Decimal(0), self.v(expense_cid) or Decimal(0)
        w.bound("total", f"{what}收入{money(income)}万元，支出{money(expense)}万元，")
        w.fixed("支出具体情况如下：")
        for i, (code, value) in enumerate(self._items(t, col), 1):
            w.para()
            self._item(w, i, code, value, None, f"item.{code}")

    def _items(self, t: T, col: int) -> list[tuple[str, Decimal]]:
        rows = self.p.tables[t].rows
        return [(r.code, r.values[col]) for r in rows if r.key != TOTAL and len(r.code) == 7 and r.values.get(col)]

    # ---------------------------------------------------------------- 十 十一
    def s_performance(self, w: _Writer) -> None:
        perf = self.p.supplementary.performance
        y = self.year

        def count(n: int | None) -> str:
            return PLACEHOLDER if n is None else str(n)

        def amount(v: Decimal | None) -> str:
            return PLACEHOLDER if v is None else money(v)

        w.fixed(
            f"{self.dept}{y}年度预算绩效管理工作开展情况如下：本部门建立了如下预算绩效管理制度：{PLACEHOLDER}，"
            f"建立了{PLACEHOLDER}的预算绩效管理工作机制；全过程绩效管理实施情况："
        )
        for label, n, v, bound in (
            ("编报绩效目标", perf.target_count, perf.target_amount, "target"),
            ("绩效跟踪评价", perf.tracking_count, perf.tracking_amount, "tracking"),
        ):
            w.put(
                bound if n is not None and v is not None else None,
                f"{label}的{y}年度项目{count(n)}个，涉及预算金额{amount(v)}万元；",
            )
        known = perf.project_count is not None and perf.project_amount is not None
        w.put(
            "scope" if known else None,
            f"绩效自评的{y}年度项目{count(perf.project_count)}个，涉及预算金额{amount(perf.project_amount)}万元",
        )
        score = PLACEHOLDER if perf.average_score is None else f"{perf.average_score}"
        w.put(None if perf.average_score is None else "score", f"，平均得分{score}分")
        ratings = (
            ("优", perf.rated_excellent),
            ("良", perf.rated_good),
            ("合格", perf.rated_pass),
            ("不合格", perf.rated_fail),
        )
        rated = all(n is not None for _l, n in ratings)
        listed = "；".join(f"绩效评级为“{label}”的项目{count(n)}个" for label, n in ratings)
        w.put("ratings" if rated else None, f"（其中，{listed}。")
        w.fixed(f"绩效自评中共发现问题{PLACEHOLDER}个，已经完成整改的{PLACEHOLDER}个，正在整改的{PLACEHOLDER}个）。")

    def s_admin(self, w: _Writer) -> None:
        amount = self.v("admin_cost")
        if amount is None:
            w.fixed(f"机关运行经费支出{PLACEHOLDER}万元。")
            return
        if not amount:
            self._none(w, "机关运行经费支出")
            return
        text = f"机关运行经费支出{money(amount)}万元"
        change = self._against_last("admin_cost", "")
        if change is None:
            w.bound("total", text + "。")
            return
        w.bound("total", f"{text}，{change}。")
        w.fixed(f"主要原因是{PLACEHOLDER}。")

    def s_procurement(self, w: _Writer) -> None:
        proc = self.p.supplementary.procurement
        total = self.v("proc.total")
        head = f"{self.dept}{self.year}年度政府采购金额（以合同签订为准）为"
        if total is None:
            w.fixed(f"{head}{PLACEHOLDER}万元。")
        else:
            kinds = [
                (label, self.v(cid))
                for cid, label in (("proc.goods", "货物"), ("proc.works", "工程"), ("proc.services", "服务"))
            ]
            listed = "、".join(f"{label}采购金额{money(v)}万元" for label, v in kinds if v is not None)
            w.bound("total", f"{head}{money(total)}万元" + (f"，其中：{listed}。" if listed else "。"))
        w.para()
        figures = (
            proc.sme_reserved,
            proc.small_micro_reserved,
            proc.sme_won_reserved,
            proc.small_micro_won_reserved,
            proc.sme_won_other,
        )
        a, b, c, d, e = (PLACEHOLDER if v is None else money(v) for v in figures)
        w.put(
            "sme" if all(v is not None for v in figures) else None,
            f"{self.year}年度本部门面向中小企业预留政府采购项目预算金额{a}万元，面向小微企业预留政府采购项目预算金额"
            f"{b}万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额{c}万元；在面向小微企业"
            f"预留政府采购项目中，由小微企业供应商中标或成交的，采购金额{d}万元；在其他政府采购项目中，由中小企业供应商"
            f"中标或成交的，采购金额{e}万元。",
        )

    def s_assets(self, w: _Writer) -> None:
        a = self.p.supplementary.assets
        head = f"截至{self.year}年12月31日，{self.dept}共有车辆"
        if a.vehicles_total is None:
            w.fixed(f"{head}{PLACEHOLDER}辆。")
        else:
            listed = "、".join(f"{k.kind}{k.count}辆" for k in a.vehicles if k.kind and k.count is not None)
            w.bound("vehicles", f"{head}{a.vehicles_total}辆" + (f"，其中：{listed}。" if listed else "。"))
        n = a.equipment_100w
        w.put(
            None if n is None else "equipment",
            f"单价100万元（含）以上设备（不含车辆）{PLACEHOLDER if n is None else n}台（套）。",
        )


def _class_name(code: str) -> str:
    return functional_catalog().name_of(code) or code
