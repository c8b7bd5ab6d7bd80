"""Checking the text as it is typed: read each section once, re-read only the one edited.

    session = TextSession(project)          # reads every section of project.text, judges
    session.section_changed("五")           # after an edit of project.text["五"]
    session.data_changed(findings)          # after a cell or the supplementary data changed
    session.findings(), session.coverage(), session.verified_spans("五")

Reading a section (normalising, finding figures and terms, tying them) is the costly part and is
kept per section. Judging — comparing with the data and across sections ("the same fact
twice", shares whose denominator another section writes) — works on the readings only and is
redone in full after any change, which keeps cross-section findings right at little cost.

A figure compared with a cell accepts every value the cell may mean (checks.accepted): what the
table checks found says which. Give their current findings to ``TextSession`` and
``data_changed`` (``main.py check`` does): without them a figure is compared with what is printed
only, and a total left empty makes the figures quoting it unverified, never wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from checks.accepted import NOTHING, accepted_values
from checks.finding import Finding, Location
from checks.rules.registry import RULES, H
from checks.text.facts import Facts
from checks.text.judge import Judge, text_rule
from checks.text.reading import Reading, read_section
from checks.text.terms import TermMatcher
from checks.text.wording import leftovers, listed_items
from checks.where import section_name
from model.project import Project
from model.sections import all_sections, subject_section


@dataclass
class Coverage:
    found: int = 0
    verified: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"found": self.found, "verified": self.verified}


@dataclass
class TextReport:
    findings: list[Finding] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)
    verified_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


class TextSession:
    def __init__(self, project: Project, table_findings: Iterable[Finding] | None = None):
        self.project = project
        self.rebuild(table_findings)

    def rebuild(self, table_findings: Iterable[Finding] | None = None) -> None:
        """After the project's names changed (perf projects, kinds of staff) or a new project."""
        self.matcher = TermMatcher(self.project)
        self.readings: dict[str, Reading] = {}
        self._leftovers: dict[str, tuple[Reading, list[tuple[int, int, str]]]] = {}
        for sid in self._section_ids():
            self._read(sid)
        self.data_changed(table_findings)

    def _section_ids(self) -> list[str]:
        known = [s.id for s in all_sections(self.project.meta.variant)]
        return [sid for sid in known if self.project.text.get(sid)]

    def _read(self, sid: str) -> None:
        text = self.project.text.get(sid, "")
        if text:
            self.readings[sid] = read_section(sid, text, self.matcher, self.project.meta.variant)
        else:
            self.readings.pop(sid, None)

    def section_changed(self, sid: str) -> TextReport:
        old = self.readings.get(sid)
        if old is None or old.text != self.project.text.get(sid, ""):
            self._read(sid)
            self._evaluate()
        return self.report

    def data_changed(self, table_findings: Iterable[Finding] | None = None) -> TextReport:
        """After the data changed; ``table_findings``: the table and supplementary checks' current
        findings (checks.engine)."""
        if TermMatcher.signature(self.project) != self.matcher.names_of:
            self.rebuild(table_findings)  # a project, a kind of staff or vehicle renamed: the text reads differently
            return self.report
        accepted = accepted_values(table_findings, self.project) if table_findings is not None else NOTHING
        self.facts = Facts(self.project, accepted)
        self._evaluate()
        return self.report

    def _evaluate(self) -> None:
        ordered = {sid: self.readings[sid] for sid in self._section_ids() if sid in self.readings}
        verdicts = Judge(self.project, ordered, self.facts).run()
        findings = verdicts.findings + list(self._wording(ordered))
        order = {sid: i for i, sid in enumerate(ordered)}
        findings.sort(key=lambda f: (order.get(f.locations[0].section or "", 99), f.locations[0].start or 0, f.rule))
        self.report = TextReport(findings, Coverage(verdicts.found, verdicts.verified), verdicts.verified_spans)

    def _wording(self, readings: dict[str, Reading]):
        seen: dict[str, int] = defaultdict(int)
        basic = subject_section(self.project.meta.variant).get("basic")
        for sid, r in readings.items():
            yield from self._template_words(sid, r, seen)
            if sid == basic:
                yield from self._items_without_amounts(sid, r, seen)

    @text_rule("T714", H, "模板文字未替换或待填写", "{section}：“{text}”{detail}")
    def _template_words(self, sid: str, r: Reading, seen: dict[str, int]):
        """模板里的文字没有换成本部门的内容（“部门名称”“XXXX”“大(小)于”），或“【……】”之类待填写的地方还在。"""
        cached = self._leftovers.get(sid)
        if cached is None or cached[0] is not r:
            cached = self._leftovers[sid] = (r, list(leftovers(r.norm)))
        for a, b, reason in cached[1]:
            yield self._word_finding("T714", sid, r, a, b, seen, detail=reason)

    @text_rule("T715", H, "列举的经济科目在06表中没有金额", "{section}：列举了“{text}”，但06表 {detail}没有金额")
    def _items_without_amounts(self, sid: str, r: Reading, seen: dict[str, int]):
        """基本支出说明（六）中“主要包括：…”列举的经济分类科目，在06表中没有金额。"""
        for a, b, code, name in listed_items(r.norm, self.project):
            yield self._word_finding("T715", sid, r, a, b, seen, detail=f"{code} {name} ")

    def _word_finding(
        self, rule_id: str, sid: str, r: Reading, a: int, b: int, seen: dict[str, int], **fields
    ) -> Finding:
        start, end = r.norm.span(a, b)
        text = r.text[start:end]
        base = f"{rule_id}|{sid}|{r.norm.text[a:b]}"
        seen[base] += 1
        message = RULES[rule_id].message(section=section_name(sid), text="".join(text.split()), **fields)
        loc = Location(section=sid, start=start, end=end, text=text)
        return Finding(rule_id, RULES[rule_id].severity, message, (loc,), None, text, f"{base}|{seen[base]}")

    # ---------------------------------------------------------------- results
    def findings(self) -> list[Finding]:
        return self.report.findings

    def coverage(self) -> Coverage:
        return self.report.coverage

    def verified_spans(self, sid: str) -> list[tuple[int, int]]:
        return self.report.verified_spans.get(sid, [])


def check_text(project: Project, table_findings: Iterable[Finding] | None = None) -> TextReport:
    """Findings and coverage for project.text as it stands; ``table_findings`` as for TextSession."""
    return TextSession(project, table_findings).report
