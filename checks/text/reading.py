"""Read one section: find its figures and say what each one claims.

A claim ties a figure to a concept (checks.text.facts) and a role:

- ``value``: "基本支出 1015 万元" — the concept's amount (or count), in a measure (决算/预算/…);
- ``change``: "增加 114.77 万元" — against last year or against the budget ("比年初预算数减少");
- ``rate``: "增长 11.6%" — that change over its base;
- ``share``: "占本年支出 91.8%" — the amount just written over a denominator;
- ``completion``: "完成年初预算的 96.2%" — 决算 ÷ 预算 of the subject;
- ``year``: "2024年度", "与 2023年度相比";
- ``direction``: "决算数小于年初预算数", "较上年增加的主要原因" — a word, not a figure;
- ``none``: "无政府性基金预算财政拨款收入" — says the concept is nil.

The subject of a figure is the last term before it in its sentence, provided only filler words
("年初预算为", "与2023年度相比，", "各", "其中：") stand between; a sentence that starts with
filler carries on the subject of the one before ("。较上年增加14.30万元"). Anything else in
between ("项目支出主要用于项目…31.33万元") leaves the figure untied: it is reported as a figure
the checker could not tie, never guessed.

A term ties a figure only within its scope (checks.text.scope): inside an item about one thing
(a 项, one “三公” item, a project) a figure belongs to that thing or stays untied. A clause that
opens with nothing but a measure ("，年初预算为 420.80 万元") speaks of what its item is about,
whatever its description named before ("…主要用于…等项目支出"). A percentage is the rate of what
its own clause names ("其中：因公出国（境）费决算为 0 万元，完成预算的 0%"), and "决算数大于预算数"
compares exactly the 决算 and 预算 its item (or its sentence) wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from checks.text.facts import side_of, unit_of
from checks.text.normalize import Norm, normalize
from checks.text.scope import Scopes, find_items, within
from checks.text.split import topics
from checks.text.terms import Term, TermMatcher
from model.sections import BASE_VARIANT
from model.sections import section as section_of

FIGURE = re.compile(
    r"(?<![\d.])(?<!\d,)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>万元|亿元|千元|元|%|人次|人|辆|台|个|年度|年|月|日)?"
)
_THRESHOLD_AFTER = re.compile(r"(?:\(含\))?(?:以上|以下|以内|及以上)")
_THRESHOLD_BEFORE = re.compile(r"(?:单价|单位价值|价值|标准)[^,;。]{0,3}$")
SENTENCE_END = re.compile(r"[。!?\n]")

_CHANGE_WORDS = "增加|减少|增长|下降|降低|上升|节约|节支|超支"
_CHANGE_AT_END = re.compile(rf"(?P<w>{_CHANGE_WORDS})(?:了)?(?:额|幅度)?(?:为|达)?$")
_RATE_AT_END = re.compile(rf"(?:(?P<w>{_CHANGE_WORDS})(?:了)?(?:幅度|率)?|(?P<w2>增幅|降幅|涨幅|减幅))(?:为|达|是)?$")
_SHARE_AT_END = re.compile(r"占(?P<den>[^,;。占]{0,24}?)(?:的)?(?:比[重例])?(?:为|达)?$")
_COMPLETION_AT_END = re.compile(
    r"(?:完成(?:了)?(?:年初|全年|调整后)?预算(?:数)?的?|(?:预算)?执行率(?:为|达到?|是)?|完成率(?:为)?)$"
)
_MEASURE = re.compile(
    r"调整后(?:的)?预算|预算调整后?|实际(?:预算)?(?:支出|执行)|年初预算|全年预算|预算执行|预算|决算|执行|实际|上年"
)
_BASE_BUDGET = re.compile(r"(?:比|较|与)(?:年初|全年|调整后)?预算")
_FILLER = re.compile(
    r"\d{4}年度?|与上年度?相比|与\d{4}年度?相比|比上年度?|较上年度?|比\d{4}年度?|较\d{4}年度?|同比|相比|"
    r"本年度?|全年|当年|上年度?|年度|"
    r"调整后|预算调整后?|(?:年初|全年)?预算(?:数|金额)?|(?:支出)?决算(?:数)?|实际(?:执行|支出)?(?:数|金额)?|"
    r"执行(?:数|金额)?|支出|收入|金额|资金|总额|合计|共计|"
    r"【[^】]*】(?:万元|%|个|人次|人|辆)?|"  # the draft's placeholders stand for words still to come
    r"\(以[^()\d]{1,8}为准\)|"  # "政府采购金额(以合同签订为准)为": the basis the figure is counted on
    r"(?:从)?评价情况(?:来)?看|其中|(?:绩效)?自评(?:综述)?|项目|开展|涉及|均为|分别为|各|共|计|为|是|达到?|约|了|的|比|较|与|同|"
    rf"{_CHANGE_WORDS}|[,:;。、()\"'\s\-]|[①-⑳]|\(\d{{1,2}}\)|\d{{1,2}}[.、](?!\d)"
)
_FINANCIAL = re.compile(r"预算|决算|支出|收入|经费|资金|金额|合同|采购|执行率|拨款")
_DIRECTION_BUDGET = re.compile(r"(?P<w>大于|小于|等于|持平于?|高于|低于|超过|超出)(?:了)?(?:年初|全年|调整后)?预算")
_DIRECTION_LAST = re.compile(r"(?:较|比)(?:上年|\d{4}年)度?(?:决算数?)?(?P<w>增加|减少|持平|增长|下降)(?![\d])")
_NONE = re.compile(r"(?:无|没有|未发生|未安排)")
_NONE_PHRASE = re.compile(r"^(?:无|没有|未发生|未安排)(?:本部门|本单位)?")

ROLE_NUMBERLESS = ("direction", "none")


@dataclass(slots=True)
class Figure:
    start: int  # normalised offsets of the number (and "%" for a percent)
    end: int
    value: Decimal
    places: int
    unit: str
    kind: str  # amount | percent | count | year | date
    grouped: bool  # written with thousands separators
    tail: int  # end of the unit


@dataclass(slots=True)
class Claim:
    role: str
    fig: Figure | None
    concept: str | None = None
    measure: str = "actual"
    kind: str = "actual"  # the measure as written: actual/initial/full/budget/adjusted/last (年初 ≠ 全年 ≠ 预算)
    year: int | None = None  # a value: the year its sentence dates it to ("2023年度…"), None for the report year
    base: str = "last"  # change, rate, direction: "last" or "budget"
    sign: int = 0  # change/direction word: +1 up, −1 down, 0 level
    denom: str | None = None  # share
    numer: int | None = None  # share: index of the amount it is a share of
    refs: dict[str, int] = field(default_factory=dict)  # completion: "budget"/"actual"; rate: "change"
    parent: int | None = None  # an item of a "其中" list of untied amounts
    span: tuple[int, int] = (0, 0)  # normalised span reported (the figure, or the word)
    sentence: int = 0
    comparative: bool = False  # year: "与2023年度相比"
    at_start: bool = False  # year: opens its sentence
    dated: bool = False  # year: "截至2024年12月31日"
    word: str = ""  # direction/none: the word as written
    financial: bool = True  # an untied percentage in a sentence about money
    named: bool = False  # direction: its own clause names its subject ("“三公”经费支出决算数小于预算数")
    alt: str | None = None  # completion: the other subject it may be the rate of (a list's whole)
    alt_refs: dict[str, int] = field(default_factory=dict)  # … and the amounts written of that one


@dataclass(slots=True)
class Reading:
    section: str
    text: str  # the section as the user wrote it
    norm: Norm
    claims: list[Claim]
    sentences: list[tuple[int, int]]

    def original(self, claim: Claim) -> tuple[int, int, str]:
        a, b = self.norm.span(*claim.span)
        return a, b, self.text[a:b]


_UP = {"增加", "增长", "上升", "超支", "大于", "高于", "超过", "超出", "增幅", "涨幅"}
_DOWN = {"减少", "下降", "降低", "节约", "节支", "小于", "低于", "降幅", "减幅"}


def word_sign(word: str) -> int:
    if word in _UP:
        return 1
    if word in _DOWN:
        return -1
    return 0


def scan_figures(text: str) -> list[Figure]:
    out: list[Figure] = []
    for m in FIGURE.finditer(text):
        raw, unit = m.group("num"), m.group("unit") or ""
        grouped = "," in raw
        value = Decimal(raw.replace(",", ""))
        places = len(raw.split(".")[1]) if "." in raw else 0
        end = m.end("num")
        if unit in ("年", "年度") and not grouped and places == 0 and 1900 <= value <= 2100:
            dated = re.match(r"\d{1,2}月", text[m.end() : m.end() + 3]) is not None
            kind = "date" if dated else "year"
        elif unit == "%":
            kind, end = "percent", m.end()
        elif unit in ("万元", "亿元", "千元", "元"):
            if _THRESHOLD_AFTER.match(text, m.end()) or _THRESHOLD_BEFORE.search(
                text, max(0, m.start() - 8), m.start()
            ):
                continue
            kind = "amount"
        elif unit in ("人", "辆", "台", "个"):
            kind = "count"
        else:
            continue
        out.append(Figure(m.start(), end, value, places, unit, kind, grouped, m.end()))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def is_filler(text: str) -> bool:
    return not _FILLER.sub("", text)


def _measure(text: str) -> tuple[str, str] | None:
    """(measure looked up in the data, kind as written) of the last measure word in ``text``."""
    last = None
    for m in _MEASURE.finditer(text):
        last = m.group()
    if last is None:
        return None
    if last.startswith("调整后") or last.startswith("预算调整"):
        return "adjusted", "adjusted"
    if last in _BUDGET_KINDS:
        return "budget", _BUDGET_KINDS[last]
    if last == "上年":
        return "last", "last"
    return "actual", "actual"


_BUDGET_KINDS = {"年初预算": "initial", "全年预算": "full", "预算": "budget"}
# A concept's unit → the units its counts are written in (vehicles are counted in 辆 and in 台).
_COUNT_UNITS = {"人": ("人",), "辆": ("辆", "台"), "台": ("台",), "个": ("个",)}


def fits(concept: str | None, fig: Figure) -> bool:
    """Whether a figure can be a figure of the concept: money of money, people of people…"""
    if concept is None:
        return True
    unit = unit_of(concept)
    if not unit or fig.kind not in ("amount", "count"):
        return True
    return unit == "万元" if fig.kind == "amount" else fig.unit in _COUNT_UNITS.get(unit, ())


class _SentenceState:
    """What a sentence has said so far: its subject, and a "其中" list it is in."""

    __slots__ = (
        "subject",
        "measure",
        "kind",
        "list_subject",
        "list_measure",
        "list_kind",
        "list_parent",
        "last_value",
        "last_change",
        "year",
    )

    def __init__(self) -> None:
        self.subject: str | None = None
        self.measure: str | None = None  # of the last amount
        self.kind: str = "actual"
        self.list_subject: str | None = None  # the subject a "其中" list breaks down
        self.list_measure: str | None = None
        self.list_kind: str = "actual"
        self.year: int | None = None  # the year the sentence has dated its figures to so far
        self.list_parent: int | None = None  # the amount it breaks down
        self.last_value: int | None = None
        self.last_change: int | None = None


def read_section(section: str, text: str, matcher: TermMatcher, variant: str = BASE_VARIANT) -> Reading:
    norm = normalize(text)
    t = matcher.mask_names(norm.text)
    sentences = split_sentences(t)
    figures = scan_figures(t)
    marks = topics(t, section_of(section, variant), section)
    terms = matcher.find(t, marks)
    scopes = find_items(t, sentences, terms, [f.start for f in figures if f.kind not in ("year", "date")], is_filler)
    claims: list[Claim] = []
    fi = ti = 0
    carry: str | None = None
    last_value_in_section: int | None = None
    for si, (s0, s1) in enumerate(sentences):
        st = _SentenceState()
        sent_terms: list[Term] = []
        while ti < len(terms) and terms[ti].start < s1:
            if terms[ti].start >= s0:
                sent_terms.append(_scoped(terms[ti], scopes))
            ti += 1
        if scopes.starts_item(s0):
            carry = None
        item = scopes.scope(s0)
        if item is not None and not within(carry, item.subject):
            carry = item.subject  # a sentence in an item speaks of what the item is about
        subjects: list[tuple[int, str | None]] = []
        prev = s0
        seen_figure = False
        while fi < len(figures) and figures[fi].start < s1:
            fig = figures[fi]
            fi += 1
            if fig.start < s0:
                continue
            if fig.kind in ("year", "date"):
                # "比2023年度决算数增加": a year is part of the words around a figure, not a figure's subject.
                claim = _read_year(t, fig, s0)
                if claim is not None:
                    claim.sentence = si
                    claims.append(claim)
                    if claim.fig is not None and not claim.comparative and not claim.dated:
                        st.year = int(claim.fig.value)
                continue
            gap_terms = [
                tm for tm in sent_terms if prev <= tm.start and tm.end <= fig.start and not _in_share(t, tm, prev)
            ]
            scope = scopes.scope(fig.start)
            _update_subject(
                t, fig, prev, s0, gap_terms, st, None if seen_figure else carry, scope.subject if scope else None
            )
            if st.subject is not None and _other_side(
                st.subject, t[gap_terms[-1].end if gap_terms else prev : fig.start]
            ):
                st.subject = None  # "…收入 100 万元，支出 90 万元": the 支出 is no figure of the 收入
            topic = marks[bisect_right(marks, (fig.start, "\uffff")) - 1][1]
            claim = _read_figure(t, topic, fig, prev, s0, gap_terms, st, claims)
            if not fits(claim.concept, fig):
                claim.concept = None  # money is no count of people, a count of vehicles no amount
            claim.sentence = si
            claim.year = st.year
            idx = len(claims)
            claims.append(claim)
            if claim.role == "value" and fig.kind == "amount":
                if st.list_parent is None and "其中" in t[prev : fig.start]:
                    st.list_parent = st.last_value if st.last_value is not None else last_value_in_section
                if st.list_parent is not None and claim.concept is None:
                    claim.parent = st.list_parent
                st.last_value = last_value_in_section = idx
            elif claim.role == "change":
                st.last_change = idx
            subjects.append((fig.tail, st.subject))
            prev = fig.tail
            seen_figure = True
        _read_words(t, s0, s1, subjects or [(s0, carry)], sent_terms, claims, si, _window(sentences, si, scopes))
        if not seen_figure:
            # "1.一般公共服务（类）支出。年初预算为…": a sentence that only names a subject.
            if sent_terms:
                carry = sent_terms[-1].concept
        else:
            carry = st.list_subject if st.list_subject is not None else st.subject
            tail_terms = [tm for tm in sent_terms if tm.start >= prev]
            if tail_terms and is_filler(t[tail_terms[-1].end : s1]):
                carry = tail_terms[-1].concept
    return Reading(section, text, norm, claims, sentences)


def _scoped(term: Term, scopes: Scopes) -> Term:
    """A term that names something outside the item it stands in ties nothing there."""
    if term.concept is None or scopes.allows(term.concept, term.start):
        return term
    return Term(term.start, term.end, None, "out")


def _window(sentences: list[tuple[int, int]], si: int, scopes: Scopes) -> int:
    """Where the figures a "决算数大于预算数" of sentence ``si`` compares may stand: this sentence and
    the one before, within the item it stands in."""
    start = sentences[max(0, si - 1)][0]
    item = scopes.innermost(sentences[si][0])
    return max(start, item.start) if item is not None else start


def _in_share(t: str, term: Term, since: int) -> bool:
    """A term inside "占本年支出合计的" names the denominator, not the subject."""
    i = t.rfind("占", since, term.start)
    return i >= 0 and not any(ch in ",;:" for ch in t[i : term.start])


def _update_subject(
    t: str,
    fig: Figure,
    prev: int,
    s0: int,
    gap_terms: list[Term],
    st: _SentenceState,
    carry: str | None,
    item_subject: str | None,
) -> None:
    gap = t[prev : fig.start]
    if "其中" in gap and st.list_subject is None:
        st.list_subject, st.list_measure, st.list_kind = st.subject, st.measure, st.kind
    if gap_terms:
        last = gap_terms[-1]
        after = _strip_role(t[last.end : fig.start])
        if last.kind == "out":
            # "…主要用于…等项目支出，年初预算为 420.80": a clause of nothing but a measure speaks of
            # what its item is about; right after the word, the figure is that word's, and untied.
            brk = max(after.rfind(ch) for ch in ",;:")
            st.subject = item_subject if brk >= 0 and is_filler(after[brk:]) else None
        else:
            st.subject = last.concept if is_filler(after) else None
        return
    rest = _strip_role(gap)
    if prev == s0 and carry is not None and is_filler(rest):
        st.subject = carry
    elif not is_filler(rest):
        st.subject = None
    elif st.list_subject is not None and _MEASURE.search(rest):
        # "…项目支出 110.00 万元，调整后预算金额 1,105.52 万元": the list is over, back to its subject.
        # (A rate right after an entry, "因公出国（境）费决算为 0 万元，完成预算的 0%", is the entry's.)
        st.subject, st.list_subject, st.list_measure = st.list_subject, None, None


def _other_side(concept: str, words: str) -> bool:
    """Whether filler words name the other side of the accounts than the concept: "支出" after an
    income, "收入" after an expenditure."""
    side = side_of(concept)
    return (side == "收入" and "支出" in words) or (side == "支出" and "收入" in words)


def _read_year(t: str, fig: Figure, s0: int) -> Claim | None:
    span = (fig.start, fig.end)
    if fig.kind == "date":
        before = t[max(0, fig.start - 3) : fig.start]
        if re.search(r"截至|截止", before) and t.startswith("12月31日", fig.tail):
            return Claim("year", fig, span=span, dated=True)
        return None
    before = t[max(0, fig.start - 3) : fig.start]
    comparative = bool(re.search(r"[与比较同]$", before)) or t.startswith(("相比", "度相比"), fig.tail)
    return Claim("year", fig, span=span, comparative=comparative, at_start=is_filler(t[s0 : fig.start]))


def _read_figure(
    t: str,
    topic: str,
    fig: Figure,
    prev: int,
    s0: int,
    gap_terms: list[Term],
    st: _SentenceState,
    claims: list[Claim],
) -> Claim:
    gap = t[prev : fig.start]
    span = (fig.start, fig.end)
    subject = st.subject
    if fig.kind == "percent":
        m = _SHARE_AT_END.search(gap)
        if m:
            denom = _denominator(m.group("den"), topic)
            # "货物采购授予中小企业合同金额占货物支出金额的12.1%": the share of a named concept.
            numer = None if gap_terms else st.last_value
            if denom is None or (numer is None and subject is None):
                return Claim("percent", fig, span=span, financial=False)
            return Claim("share", fig, concept=subject, denom=denom, numer=numer, span=span)
        alt = None
        if st.list_subject is not None and st.list_subject != subject:
            if subject is None and not gap_terms:
                subject = st.list_subject  # "…其中：…，完成预算的 X%" with no subject of its own clause
            elif not _entry_closed(t, s0, fig):
                # "…其中基本支出 1015 万元，项目支出 90.52 万元，预算执行率为 100%": the last entry's rate,
                # or the whole list's. An entry of a list written "A…；B…；" is closed by its "；".
                alt = st.list_subject
        if _COMPLETION_AT_END.search(gap):
            # The rate of what its own clause speaks of, from the amounts its sentence wrote of it.
            refs = _written_of(claims, s0, subject)
            alt_refs = _written_of(claims, s0, alt) if alt is not None else {}
            return Claim("completion", fig, concept=subject, refs=refs, span=span, alt=alt, alt_refs=alt_refs)
        m = _RATE_AT_END.search(gap)
        if m:
            refs = {"change": st.last_change} if st.last_change is not None else {}
            base = "budget" if _BASE_BUDGET.search(t, s0, fig.start) else "last"
            word = m.group("w") or m.group("w2")
            return Claim("rate", fig, concept=subject, base=base, sign=word_sign(word), refs=refs, span=span)
        return Claim("percent", fig, span=span, financial=bool(_FINANCIAL.search(t, s0, fig.end)))
    if fig.kind == "count":
        return Claim("value", fig, concept=subject, span=span)
    m = _CHANGE_AT_END.search(gap)
    if m:
        base = "budget" if _BASE_BUDGET.search(t, s0, fig.start) else "last"
        # The span takes the word with the amount: a wrong direction is fixed with the amount.
        word_span = (prev + m.start("w"), fig.end)
        return Claim("change", fig, concept=subject, base=base, sign=word_sign(m.group("w")), span=word_span)
    after = t[gap_terms[-1].end : fig.start] if gap_terms else gap
    found = _measure(after)
    if found is None and st.list_measure is not None and "其中" in t[s0 : fig.start]:
        found = st.list_measure, st.list_kind
    st.measure, st.kind = found or ("actual", "actual")
    return Claim("value", fig, concept=subject, measure=st.measure, kind=st.kind, span=span)


def _written_of(claims: list[Claim], s0: int, subject: str | None) -> dict[str, int]:
    """The 决算 and 预算 of ``subject`` its sentence wrote, for a completion rate."""
    refs: dict[str, int] = {}
    for i in range(len(claims) - 1, -1, -1):
        c = claims[i]
        if c.fig is None:
            continue
        if c.fig.start < s0:
            break  # claims are in text order: the sentence is done
        if c.role != "value":
            continue
        if c.concept == subject and c.measure in ("budget", "actual", "adjusted"):
            refs.setdefault("actual" if c.measure == "actual" else "budget", i)
    return refs


def _entry_closed(t: str, s0: int, fig: Figure) -> bool:
    """Whether a rate ends its list entry: the list writes its entries "A…；B…；", or this one is
    followed by a "；"."""
    start = t.rfind("其中", s0, fig.start)
    return ";" in t[start if start >= 0 else s0 : fig.start] or t.startswith(";", fig.tail)


def _strip_role(gap: str) -> str:
    for pattern in (_SHARE_AT_END, _COMPLETION_AT_END, _RATE_AT_END, _CHANGE_AT_END):
        m = pattern.search(gap)
        if m:
            return gap[: m.start()]
    return gap


_DENOMINATORS = (
    (re.compile(r"本年收入(?:合计)?"), "income_total"),
    (re.compile(r"本年支出(?:合计)?"), "expense_total"),
    (re.compile(r"政府采购(?:支出)?总额"), "proc.total"),
    (re.compile(r"授予中小企业合同(?:金额)?"), "proc.sme"),
    (re.compile(r"(?:一般公共预算)?(?:财政拨款)?项目支出(?:总额)?"), "general_project"),
    (re.compile(r"货物(?:采购)?支出(?:金额)?"), "proc.goods"),
    (re.compile(r"服务(?:采购)?支出(?:金额)?"), "proc.services"),
    (re.compile(r"工程(?:采购)?支出(?:金额)?"), "proc.works"),
    (re.compile(r"(?:一般公共预算)?财政拨款支出(?:合计)?"), "general_expense"),
    (re.compile(r'"?三公"?经费(?:支出)?(?:合计|总额)?'), "three.total"),
)
# "占 89.5%" with nothing named: the share of what the section explains.
_DEFAULT_DENOMINATOR = {
    "income": "income_total",
    "expense": "expense_total",
    "general": "general_expense",
    "three": "three.total",
}


def _denominator(phrase: str, topic: str) -> str | None:
    phrase = phrase.strip("的")
    if not phrase:
        return _DEFAULT_DENOMINATOR.get(topic)
    for pattern, cid in _DENOMINATORS:
        if pattern.fullmatch(phrase):
            return cid
    return None


def _read_words(
    t: str,
    s0: int,
    s1: int,
    subjects: list[tuple[int, str | None]],
    terms: list[Term],
    claims: list[Claim],
    si: int,
    window: int,
) -> None:
    """Direction words and "无…" sentences: claims without a figure."""

    def named_at(pos: int) -> str | None:
        """The subject the words right before ``pos`` name ("“三公”经费支出决算数")."""
        named = None
        for tm in terms:
            if tm.end <= pos and tm.concept and is_filler(t[tm.end : pos].replace("决算数", "").replace("决算", "")):
                named = tm.concept
        return named

    def subject_at(pos: int) -> str | None:
        subject = None
        for p, s in subjects:
            if p <= pos:
                subject = s
        return named_at(pos) or subject

    for pattern, base in ((_DIRECTION_BUDGET, "budget"), (_DIRECTION_LAST, "last")):
        for m in pattern.finditer(t, s0, s1):
            named = named_at(m.start())
            subject = subject_at(m.start())
            refs = _compared(claims, window, m.start(), named) if base == "budget" else {}
            if subject or refs:
                w = m.group("w")
                claims.append(
                    Claim("direction", None, concept=subject, base=base, sign=word_sign(w), span=m.span("w"),
                          sentence=si, word=w, refs=refs, named=named is not None)
                )  # fmt: skip
    for m in _NONE.finditer(t, s0, s1):
        nxt = [tm for tm in terms if tm.start >= m.end() and tm.concept]
        if not nxt:
            continue
        tm = nxt[0]
        if tm.start - m.end() > 4 or not _NONE_PHRASE.match(t[m.start() : tm.start]):
            continue
        measure = "budget" if t.startswith("预算", tm.end) else "actual"
        claims.append(
            Claim("none", None, concept=tm.concept, measure=measure, span=(m.start(), tm.end), sentence=si,
                  word=t[m.start() : tm.end])
        )  # fmt: skip


def _compared(claims: list[Claim], since: int, before: int, named: str | None) -> dict[str, int]:
    """The 决算 and the 预算 a "决算数大于预算数" compares: the last of each written in its window, of
    the subject its clause names if it names one; none when the two are of different subjects."""
    refs: dict[str, int] = {}
    concepts: dict[str, str | None] = {}
    for i in range(len(claims) - 1, -1, -1):
        c = claims[i]
        if c.fig is None or c.fig.start >= before:
            continue
        if c.fig.start < since:
            break
        if c.role != "value" or c.fig.kind != "amount" or (named is not None and c.concept != named):
            continue
        which = "actual" if c.measure == "actual" else "budget" if c.measure in ("budget", "adjusted") else None
        if which and which not in refs:
            refs[which], concepts[which] = i, c.concept
    if len(refs) < 2 or (concepts["actual"] and concepts["budget"] and concepts["actual"] != concepts["budget"]):
        return {}
    return refs


def read(section: str, text: str, matcher: TermMatcher | None = None, variant: str = BASE_VARIANT) -> Reading:
    return read_section(section, text, matcher or TermMatcher(), variant)
