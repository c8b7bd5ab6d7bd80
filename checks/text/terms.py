"""The words that name a concept in the text ("收、支总计", "公务接待费", "住房公积金（项）").

Terms are matched on the normalised text (checks.text.normalize): no spaces, half-width
punctuation, straight quotes. At one position the longest term wins. Some words mean different
things under different subjects (model.sections: what a section, or a part of one, explains):
"基本支出" is 03表's in 支出决算 and 05表's in the 一般公共预算, 基本支出 and 绩效 sections.
Subjects are named by their 类/款/项 chain ("一般公共服务支出(类)党委办公厅(室)及相关机构事务(款)
行政运行(项)") or, for a 类, by its name alone ("社会保障和就业（类）支出", "卫生健康支出类支出").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from checks.text.normalize import compact
from model.catalog import functional_catalog
from model.layout import CLASSES
from model.project import Project

# Subjects of sections where table 05 (一般公共预算财政拨款) is what the text speaks of, not 03.
GENERAL_TOPICS = frozenset({"general", "basic", "performance"})
STAFF_TOPIC = "概况.人员"  # the overview's 人员构成 is its own subject

# A concept, or topic → concept; None: words that name one thing the checker holds no figure of
# ("国内公务接待", "面向中小企业预留…"), so that no figure after them is tied to a broader concept.
Resolver = str | None | Callable[[str], str | None]


def _by_topic(general: str, other: str) -> Callable[[str], str]:
    return lambda topic: general if topic in GENERAL_TOPICS else other


def _only(topic: str, concept: str) -> Callable[[str], str | None]:
    return lambda t: concept if t == topic else None


_STATIC_TERMS: tuple[tuple[str, Resolver], ...] = (
    (r"财政拨款收、?支总计", "fiscal_grand_total"),
    (r"收、?支总计", "grand_total"),
    (r"财政拨款收入支出总计", "fiscal_grand_total"),
    (r"收入支出总计", "grand_total"),
    (r"(?:本年)?收入合计", "income_total"),
    (r"(?:本年)?支出合计", "expense_total"),
    (r"一般公共预算财政拨款收入", "general_income"),
    (r"政府性基金预算财政拨款收入", "fund_income"),
    (r"国有资本经营预算财政拨款收入", "soe_income"),
    (r"政府性基金预算财政拨款支出", "fund_expense"),
    (r"国有资本经营预算财政拨款支出", "soe_expense"),
    (r"一般公共预算财政拨款基本支出", "general_basic"),
    (r"一般公共预算财政拨款项目支出", "general_project"),
    (r'(?:一般公共预算)?(?:财政拨款)?"?三公"?经费(?:财政拨款)?(?:支出)?', "three.total"),
    (r"一般公共预算财政拨款支出", "general_expense"),
    (r"财政拨款收入", "fiscal_income"),
    (r"财政拨款支出", lambda t: "general_expense" if t == "general" else "fiscal_expense" if t == "fiscal" else None),
    (r"基本支出", _by_topic("general_basic", "basic")),
    (r"项目支出", _by_topic("general_project", "project")),
    (r"上缴上级支出", "upper_expense"),
    (r"对附属单位补助支出", "affiliated_expense"),
    (r"上级补助收入", "superior_income"),
    (r"附属单位上缴收入", "affiliated_income"),
    (r"事业收入", "business_income"),
    (r"经营收入", "operating_income"),
    (r"经营支出", "operating_expense"),
    (r"其他收入", "other_income"),
    (r"人员经费", "personnel"),
    (r"公用经费", "public"),
    (r"因公出国\(境\)(?:费用?|支出)?", "three.abroad"),
    (r"公务用车购置及运行(?:维护)?费", "three.vehicle"),
    (r"公务用车购置(?:费|支出)", "three.purchase"),
    (r"公务用车运行(?:维护)?(?:费|支出)", "three.operation"),
    (r"公务接待(?:费)?", "three.reception"),
    (r"(?:国内|外宾|外事)(?:公务)?接待(?:费|支出)?", None),
    (r"机关运行经费", "admin_cost"),
    (r"货物采购授予中小企业合同金额", "proc.goods_sme"),
    (r"服务采购授予中小企业合同金额", "proc.services_sme"),
    (r"政府采购(?:支出)?总额", "proc.total"),
    (r"政府采购金额", "proc.total"),
    # The Shanghai template words SME procurement by what was reserved for them and what they won.
    (r"面向中小企业预留(?:的)?政府采购项目预算金额", "proc.sme_reserved"),
    (r"面向小微企业预留(?:的)?政府采购项目预算金额", "proc.small_micro_reserved"),
    (r"在面向中小企业预留(?:的)?政府采购项目中,?由中小企业(?:供应商)?中标或成交的?,?采购金额", "proc.sme_won_reserved"),
    (
        r"在面向小微企业预留(?:的)?政府采购项目中,?由小微企业(?:供应商)?中标或成交的?,?采购金额",
        "proc.small_micro_won_reserved",
    ),
    (r"在其他政府采购项目中,?由中小企业(?:供应商)?中标或成交的?,?采购金额", "proc.sme_won_other"),
    (r"货物采购金额", "proc.goods"),
    (r"工程采购金额", "proc.works"),
    (r"服务采购金额", "proc.services"),
    (r"政府采购货物支出", "proc.goods"),
    (r"政府采购工程支出", "proc.works"),
    (r"政府采购服务支出", "proc.services"),
    (r"授予中小企业合同(?:金额)?", "proc.sme"),
    (r"授予小微企业合同(?:金额)?", "proc.small_micro"),
    (r"共涉及(?:项目)?", _only("performance", "perf.scope")),
    # The Shanghai template's 预算绩效管理情况: each group of projects, counted and summed.
    (r"编报绩效目标的", _only("performance", "perf.target")),
    (r"绩效跟踪评价的", _only("performance", "perf.tracking")),
    (r"绩效自评的", _only("performance", "perf.selfeval")),
    (r'绩效评级为"?优"?的项目', _only("performance", "perf.rated.excellent")),
    (r'绩效评级为"?良"?的项目', _only("performance", "perf.rated.good")),
    (r'绩效评级为"?合格"?的项目', _only("performance", "perf.rated.pass")),
    (r'绩效评级为"?不合格"?的项目', _only("performance", "perf.rated.fail")),
    (r"(?:部门)?整体(?:支出)?", _only("performance", "perf.whole")),
    (r"在职实有人数", "staff.in_service"),
    (r"离退休人员", "staff.retired"),
    (r"离休(?:人员)?", "staff.lixiu"),
    (r"退休(?:人员)?", "staff.tuixiu"),
    (r"(?:共有)?车辆", _only("assets", "assets.vehicles")),
    (r"单价100万元\(含\)以上设备\(不含车辆\)", "assets.equipment_100w"),
    (r"保有量", "assets.vehicles"),
)


@dataclass(frozen=True, slots=True)
class Term:
    start: int
    end: int
    concept: str | None  # None: a word that names nothing the checker can tie
    kind: str = ""  # "chain": a 类/款/项 chain; "narrow": names one thing the checker holds no figure of


def _class_pattern() -> str:
    stems = sorted((re.escape(n[:-2] if n.endswith("支出") else n) for _c, n in CLASSES), key=len, reverse=True)
    part = r"[^,;:。、\d]{2,40}?"
    return (
        r"(?P<cls>" + "|".join(stems) + r")(?P<tail>支出(?:\(类\)|类)?(?:支出)?|(?:\(类\)|类)(?:支出)?)"
        rf"(?:(?P<kuan>{part})\(款\)(?:(?P<xiang>{part})\(项\))?)?"
    )


_CLASS_BY_STEM = {(n[:-2] if n.endswith("支出") else n): c for c, n in CLASSES}


class TermMatcher:
    """All terms of one project (supplementary data adds names: projects, kinds of staff)."""

    @staticmethod
    def signature(project: Project | None) -> tuple:
        """What of the project the terms depend on: names a text can mention."""
        if project is None:
            return ()
        s = project.supplementary
        return (
            project.meta.department,
            project.units.main,
            tuple(project.units.subordinates),
            tuple(p.name for p in s.performance.projects),
            tuple(k.kind for k in s.staff.in_service),
            tuple(k.kind for k in s.assets.vehicles),
        )

    def __init__(self, project: Project | None = None):
        self.names_of = self.signature(project)
        alts: list[str] = []
        self._resolvers: list[Resolver] = []

        def add(pattern: str, resolver: Resolver) -> None:
            alts.append(f"(?P<t{len(self._resolvers)}>{pattern})")
            self._resolvers.append(resolver)

        dynamic: list[tuple[str, Resolver]] = []
        if project is not None:
            for i, pr in enumerate(project.supplementary.performance.projects):
                name = compact(pr.name)
                if len(name) >= 2:
                    dynamic.append((r'"?' + re.escape(name) + r'"?(?:项目)?', f"perfproj.{i}"))
            for i, k in enumerate(project.supplementary.staff.in_service):
                if k.kind:
                    kind = re.escape(compact(k.kind))
                    dynamic.append((kind, _only(STAFF_TOPIC, f"staffkind.{i}")))
            for i, k in enumerate(project.supplementary.assets.vehicles):
                if k.kind:
                    kind = re.escape(compact(k.kind))
                    dynamic.append((kind, _only("assets", f"vehiclekind.{i}")))
        # Longer words first: at one position the first alternative that matches wins.
        for pattern, resolver in sorted((*dynamic, *_STATIC_TERMS), key=lambda t: -_literal_len(t[0])):
            add(pattern, resolver)
        pattern = _class_pattern() + "|" + "|".join(alts)
        # Most positions start no term: a look-ahead on the possible first characters skips them
        # without trying a hundred alternatives at each (five times faster on long sections).
        first = first_chars(pattern)
        head = f"(?=[{''.join(re.escape(c) for c in sorted(first))}])" if first else ""
        self._regex = re.compile(head + "(?:" + pattern + ")")
        self._project = project
        self._resolved: dict[tuple[str, tuple[str, ...]], str | None] = {}
        # The department's own name is filler between a term and its figure ("<部门>机关运行经费支出").
        names = set()
        if project is not None:
            names = {compact(n) for n in (project.meta.department, project.units.main, *project.units.subordinates)}
        self.names = tuple(sorted((n for n in names if len(n) >= 4), key=len, reverse=True))

    def mask_names(self, text: str) -> str:
        for name in self.names:
            if name in text:
                text = text.replace(name, " " * len(name))
        return text

    def find(
        self, text: str, topics: str | list[tuple[int, str]], start: int = 0, end: int | None = None
    ) -> list[Term]:
        """The terms of ``text``; ``topics``: the subject the text explains, or [(from, subject)]."""
        end = len(text) if end is None else end
        marks = [(0, topics)] if isinstance(topics, str) else topics
        single = marks[0][1] if len(marks) == 1 else None
        out: list[Term] = []
        for m in self._regex.finditer(text, start, end):
            topic = single if single is not None else marks[bisect_right(marks, (m.start(), "\uffff")) - 1][1]
            if m.group("cls") is not None:
                term = self._class_term(m, topic)
                if term is not None:
                    out.append(term)
                continue
            kind = m.lastgroup or ""
            resolver = self._resolvers[int(kind[1:])]
            if resolver is None:
                out.append(Term(m.start(), m.end(), None, "narrow"))
                continue
            cid = resolver(topic) if callable(resolver) else resolver
            if cid in _WORDS and _inside_word(text, m.start()) and m.group().startswith(_WORDS[cid]):
                cid = None  # "应急车辆": a kind of vehicle, not the vehicles ("共有车辆", "单位的车辆" are)
            out.append(Term(m.start(), m.end(), cid))
        return out

    def _below(self, code: str, names: tuple[str, ...]) -> str | None:
        key = (code, names)
        if key not in self._resolved:
            self._resolved[key] = resolve_below(code, list(names), self._project)
        return self._resolved[key]

    def _class_term(self, m: re.Match[str], topic: str) -> Term | None:
        stem, tail = m.group("cls"), m.group("tail")
        # A bare stem is an ordinary word ("教育", "其他"); a class is named with 支出 or 类.
        if not tail or (stem == "其他" and "类" not in tail):
            return None
        # "宣传教育支出" is not 教育支出: a two-character stem needs 类 or to start a word.
        if len(stem) <= 2 and "类" not in tail and m.start() > 0 and _is_cjk(m.string[m.start() - 1]):
            return None
        code = _CLASS_BY_STEM[stem]
        names = [n for n in (m.group("kuan"), m.group("xiang")) if n]
        if names:
            sub = self._below(code, tuple(names))
            return Term(m.start(), m.end(), _subject_concept(sub, topic) if sub else None, "chain")
        return Term(m.start(), m.end(), _class_concept(code, topic))


# Concepts whose word is also the tail of narrower words: they start a word ("共有车辆", "，车辆").
_WORDS = {"assets.vehicles": "车辆"}


def _inside_word(text: str, at: int) -> bool:
    return at > 0 and _is_cjk(text[at - 1]) and text[at - 1] not in "有的"


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _class_concept(code: str, topic: str) -> str | None:
    """A 类 named alone: 05表's where the text speaks of 一般公共预算 money, the 政府性基金 table's
    in its section, nothing in 国有资本经营's (no table of ours holds it by subject), else 03表's."""
    if topic in GENERAL_TOPICS:
        return f"class.{code}"
    if topic in _SUBJECT_TOPICS:
        head = _SUBJECT_TOPICS[topic]
        return f"{head}.{code}" if head else None
    return f"class03.{code}"


def _subject_concept(code: str, topic: str) -> str | None:
    """A subject named by its 类/款/项 chain, read where the section's money is."""
    if topic in _SUBJECT_TOPICS:
        head = _SUBJECT_TOPICS[topic]
        return f"{head}.{code}" if head else None
    return f"subject03.{code}" if topic == "expense" else f"subject.{code}"


_SUBJECT_TOPICS = {"fund": "fund", "soe": ""}


def first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with; None when that is not known (a
    pattern that can match nothing, or starts with a class or an escape other than a literal)."""
    chars, nullable = _first(pattern)
    return None if chars is None or nullable else chars


def _first(p: str) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    nullable = False
    for alt in _split_top(p):
        chars, empty = _first_seq(alt)
        if chars is None:
            return None, False
        out |= chars
        nullable = nullable or empty
    return out, nullable


def _first_seq(p: str) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    i = 0
    while i < len(p):
        c = p[i]
        if c == "(":
            j = _close(p, i)
            inner = p[i + 1 : j]
            if inner.startswith("?:"):
                inner = inner[2:]
            elif inner.startswith("?P<"):
                inner = inner[inner.index(">") + 1 :]
            elif inner.startswith("?"):
                return None, False
            chars, empty = _first(inner)
            i = j + 1
        elif c == "\\":
            if p[i + 1].isalnum():
                return None, False
            chars, empty = {p[i + 1]}, False
            i += 2
        elif c in "[.^$":
            return None, False
        else:
            chars, empty = {c}, False
            i += 1
        if chars is None:
            return None, False
        if i < len(p) and p[i] in "?*":
            empty, i = True, i + 1
        elif i < len(p) and p[i] == "{":
            k = p.index("}", i)
            empty = empty or p[i + 1 : k].split(",")[0] in ("", "0")
            i = k + 1
        elif i < len(p) and p[i] == "+":
            i += 1
        out |= chars
        if not empty:
            return out, False
    return out, True


def _scan(p: str, start: int = 0):
    """(index, character, depth after it) over a pattern, escapes skipped."""
    depth, i = 0, start
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        depth += (c == "(") - (c == ")")
        yield i, c, depth
        i += 1


def _split_top(p: str) -> list[str]:
    parts, start = [], 0
    for i, c, depth in _scan(p):
        if c == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
    parts.append(p[start:])
    return parts


def _close(p: str, i: int) -> int:
    for j, c, depth in _scan(p, i):
        if c == ")" and depth == 0:
            return j
    raise ValueError(p)


def _literal_len(pattern: str) -> int:
    return len(re.sub(r"\(\?[:P<>\w]*|[()?*+|\\\"]", "", pattern))


def _same_name(a: str, b: str) -> bool:
    return _same_bare(_bare(a), _bare(b))


def _same_bare(a: str, b: str) -> bool:
    if not a or not b:
        return False
    # Names get cut in print ("…相关机构事务支" for "…事务支出"); accept a cut of a few characters.
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 2)


def _bare(name: str) -> str:
    return compact(name).replace("(", "").replace(")", "").strip("-—·.、")


@cache
def _catalog_children() -> dict[str, list[tuple[str, str]]]:
    """Parent code → [(code, bare name)] of the catalog, built once."""
    out: dict[str, list[tuple[str, str]]] = {}
    for subject in functional_catalog().subjects():
        if len(subject.code) in (5, 7):
            out.setdefault(subject.code[:-2], []).append((subject.code, _bare(subject.name)))
    return out


def resolve_below(code: str, names: list[str], project: Project | None) -> str | None:
    """The subject code named by 款 (and 项) names under a 类, from the catalog, then the project's rows."""
    children = _catalog_children()
    for name in names:
        bare = _bare(name)
        candidates = [c for c, n in children.get(code, ()) if _same_bare(n, bare)]
        if not candidates and project is not None:
            rows = [r for t in ("general", "expense", "fund") for r in project.tables[t].rows]
            candidates = sorted(
                {
                    r.code
                    for r in rows
                    if len(r.code) == len(code) + 2 and r.code.startswith(code) and _same_name(r.name, name)
                }
            )
        if len(candidates) != 1:
            return None
        code = candidates[0]
    return code
