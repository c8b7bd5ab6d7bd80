"""A form field by its dotted path: its value, its label, its kind, its group, and parsing what was typed.

Paths address the project: "supplementary.procurement.total", "meta.year"; list items by index
("supplementary.performance.projects.1.rate", "units.subordinates.0"), dict entries by key
("supplementary.budget.by_subject.2013101"). Findings name a supplementary field without the
leading "supplementary." (``finding_path``/``project_path`` convert).

Everything said here is read off the model (``model.project``): a field's label is its
``Field(title=…)``, its kind is carried by its type (``model.kinds``), its group is the title of
the sub-model it lives in, and the group's part (部门概况 or 补充数据) is on that sub-model too.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from model.kinds import EntryError, Kind, kind_of
from model.kinds import parse as parse_kind
from model.kinds import show as show_kind
from model.project import Project, Supplementary

SUPP_PREFIX = "supplementary."


# ---------------------------------------------------------------- path forms


def finding_path(path: str) -> str:
    """The name a finding gives a field: the path below ``supplementary``."""
    return path.removeprefix(SUPP_PREFIX)


def project_path(field: str) -> str:
    """The project path of a field a finding names ("procurement.total" → "supplementary.procurement.total")."""
    if field.split(".", 1)[0] in Supplementary.model_fields:
        return SUPP_PREFIX + field
    return field


# ---------------------------------------------------------------- values


def _step(obj: Any, part: str) -> Any:
    if isinstance(obj, BaseModel):
        return getattr(obj, part)
    if isinstance(obj, list):
        return obj[int(part)]
    if isinstance(obj, dict):
        return obj.get(part)
    raise KeyError(part)


def get_value(root: Any, path: str) -> Any:
    obj = root
    for part in path.split("."):
        obj = _step(obj, part)
    return obj


def lookup(root: Any, path: str) -> Any:
    """Like ``get_value``, but None where the path leads nowhere (an item beyond the list, a missing key)."""
    try:
        return get_value(root, path)
    except (AttributeError, IndexError, KeyError, ValueError):
        return None


def set_value(root: Any, path: str, value: Any) -> None:
    """Set a field; setting a dict entry to None removes it."""
    head, _, last = path.rpartition(".")
    parent = get_value(root, head) if head else root
    if isinstance(parent, BaseModel):
        setattr(parent, last, value)
    elif isinstance(parent, list):
        parent[int(last)] = value
    elif isinstance(parent, dict):
        if value is None:
            parent.pop(last, None)
        else:
            parent[last] = value
    else:
        raise KeyError(path)


# ---------------------------------------------------------------- what the model says about a field


@dataclass(frozen=True, slots=True)
class Group:
    """The fields of one sub-model, shown as one form page."""

    path: str  # "supplementary.procurement", "meta"
    name: str  # "procurement", "meta"
    title: str  # "政府采购"
    part: str  # "补充数据" | "部门概况"


@dataclass(frozen=True, slots=True)
class FieldFacts:
    path: str
    label: str  # "政府采购支出总额", "自评项目第2行·执行率", "科目 2013101"
    title: str  # the field's own title: "政府采购支出总额", "执行率"
    kind: Kind | None
    group: Group | None


def _group_of(model: type[BaseModel], path: str, name: str) -> Group | None:
    config = model.model_config
    title = config.get("title")
    if not title:
        return None
    extra = config.get("json_schema_extra")
    part = extra.get("part", "") if isinstance(extra, dict) else ""
    return Group(path, name, str(title), str(part))


@cache
def groups() -> tuple[Group, ...]:
    """Every group, in the order the model declares them."""
    out = []
    for prefix, model in (("", Project), (SUPP_PREFIX, Supplementary)):
        for name, info in model.model_fields.items():
            sub = info.annotation
            if isinstance(sub, type) and issubclass(sub, BaseModel):
                g = _group_of(sub, prefix + name, name)
                if g is not None:
                    out.append(g)
    return tuple(out)


@cache
def facts(path: str) -> FieldFacts:
    """Label, kind and group of the field at ``path`` (a project path); KeyError if there is none."""
    model: type[BaseModel] | None = Project
    annotation: object = None
    group: Group | None = None
    words: list[str] = []
    done: list[str] = []
    extra: dict = {}
    for part in path.split("."):
        if model is not None:
            info = model.model_fields.get(part)
            if info is None:
                raise KeyError(path)
            # pydantic moves the metadata of a bare Annotated type (model.kinds.Year) onto the field
            annotation = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            if info.title:
                words.append(info.title)
        elif typing.get_origin(annotation) is list and part.isdigit():
            annotation = typing.get_args(annotation)[0]
            words[-1] += f"第{int(part) + 1}行"
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
            words[-1] = str(extra.get("item", "{}")).format(part)
        else:
            raise KeyError(path)
        done.append(part)
        model = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
        if model is not None:
            found = _group_of(model, ".".join(done), part)
            if found is not None:
                group, words = found, []
    if model is not None:
        raise KeyError(path)  # a whole group, not a field
    return FieldFacts(path, "·".join(words), words[-1] if words else "", kind_of(annotation), group)


def label(path: str) -> str:
    return facts(path).label


def kind(path: str) -> Kind | None:
    return facts(path).kind


def group(path: str) -> Group | None:
    """The group of a field, or of a group's own path."""
    for g in groups():
        if path == g.path or path.startswith(g.path + "."):
            return g
    return None


def parse(path: str, text: str) -> Any:
    """What typed text stands for in this field; ``model.kinds.EntryError`` with the reason if nothing."""
    k = kind(path)
    if k is None:
        raise KeyError(path)
    return parse_kind(k, text)


def show(path: str, value: Any) -> str:
    return show_kind(kind(path), value)


def reason(path: str, text: str) -> str:
    """Why typed text is no value for this field (said after quoting it: "“3.5”无法识别，应为…")."""
    try:
        parse(path, text)
    except EntryError as e:
        return str(e)
    except KeyError:
        return "不是本软件认识的内容"
    return "请重新填写"  # it parses now (a file edited by hand): typing it again stores it


def typed_entry(project: Project, path: str) -> tuple[str, str] | None:
    """(what was typed, why it does not parse) for an entry kept in the project, or None."""
    typed = project.invalid_fields.get(path)
    if typed is None:
        return None
    return typed, reason(path, typed)
