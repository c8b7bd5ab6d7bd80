"""Subject catalogs: 支出功能分类 (类/款/项) and 经济分类, whose rows table 06 prints as its template says.

A subject the catalog lacks is allowed (the checks give a 提示); lookup never refuses.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache

from model.resources import resource_path
from model.templates import T, TemplateError, template


def normalize_name(name: str) -> str:
    """Compare names the way a reader would: full/half width alike, spaces ignored."""
    return "".join(unicodedata.normalize("NFKC", name).split())


_LEVELS = {3: "类", 5: "款", 7: "项"}


def level_of(code: str) -> str | None:
    """类/款/项 by code length; None for a code that is not 3, 5 or 7 digits."""
    level = _LEVELS.get(len(code))
    if level is None or not code.isascii() or not code.isdigit():
        return None
    return level


def parent_code(code: str) -> str | None:
    n = len(code)
    if n == 7:
        return code[:5]
    if n == 5:
        return code[:3]
    return None


@dataclass(frozen=True, slots=True)
class Subject:
    code: str
    name: str

    @property
    def level(self) -> str | None:
        return level_of(self.code)


class FunctionalCatalog:
    def __init__(self, source: str, year: int, subjects: list[Subject]):
        self.source = source
        self.year = year
        self._by_code = {s.code: s for s in subjects}
        self._names = {s.code: s.name for s in subjects}
        self._ordered = sorted(subjects, key=lambda s: s.code)
        self._norm = [(s, normalize_name(s.name)) for s in self._ordered]

    def __len__(self) -> int:
        return len(self._ordered)

    def names(self) -> dict[str, str]:
        return self._names

    def subjects(self) -> list[Subject]:
        return list(self._ordered)

    def get(self, code: str) -> Subject | None:
        return self._by_code.get(code)

    def name_of(self, code: str) -> str | None:
        s = self._by_code.get(code)
        return s.name if s else None

    def full_name(self, code: str) -> str:
        """ "一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）"."""
        parts = []
        for n, suffix in ((3, "类"), (5, "款"), (7, "项")):
            if len(code) >= n:
                name = self.name_of(code[:n]) or code[:n]
                parts.append(f"{name}（{suffix}）")
        return "".join(parts)

    def search(self, text: str, limit: int = 50) -> list[Subject]:
        """Code prefix first, then names containing the text; what the completer offers."""
        q = normalize_name(text)
        if not q:
            return []
        if q.isdigit():
            return [s for s in self._ordered if s.code.startswith(q)][:limit]
        hits = [s for s, n in self._norm if q in n]
        hits.sort(key=lambda s: (not normalize_name(s.name).startswith(q), len(s.code), s.code))
        return hits[:limit]

    def children(self, code: str) -> list[Subject]:
        n = len(code) + 2
        return [s for s in self._ordered if len(s.code) == n and s.code.startswith(code)]


@cache
def functional_catalog() -> FunctionalCatalog:
    with open(resource_path("catalog", "functional.json"), encoding="utf-8") as f:
        data = json.load(f)
    subjects = [Subject(str(s["code"]), s["name"]) for s in data["subjects"]]
    return FunctionalCatalog(data.get("source", ""), int(data.get("year", 0)), subjects)


@dataclass(frozen=True, slots=True)
class EconomicItem:
    code: str
    name: str
    group: str  # the 3-digit group code


@dataclass(frozen=True, slots=True)
class EconomicGroup:
    code: str
    name: str
    kind: str  # "personnel" (人员经费) | "public" (公用经费)
    column: int  # which printed column group of table 06 (1, 2, 3)
    items: tuple[EconomicItem, ...]


@cache
def economic_catalog() -> dict[str, str]:
    """经济分类 code → name."""
    with open(resource_path("catalog", "economic.json"), encoding="utf-8") as f:
        return dict(json.load(f)["names"])


@cache
def economic_groups(variant: str) -> tuple[EconomicGroup, ...]:
    """The groups table 06 prints in the variant (its template says which), with their items."""
    form = template(variant).form(T.BASIC)
    names = economic_catalog()
    unknown = [c for g in form.groups for c in (g.code, *g.items) if c not in names]
    if unknown:
        raise TemplateError(f"模板“{variant}”的06表科目不在经济分类目录中：{'、'.join(unknown)}")
    column = {b: i for i, b in enumerate(form.blocks, 1)}
    return tuple(
        EconomicGroup(
            g.code,
            names.get(g.code, ""),
            g.kind,
            column[g.block],
            tuple(EconomicItem(code, names.get(code, ""), g.code) for code in g.items),
        )
        for g in form.groups
    )


@cache
def economic_names(variant: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for g in economic_groups(variant):
        names[g.code] = g.name
        for i in g.items:
            names[i.code] = i.name
    return names
