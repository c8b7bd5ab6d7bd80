"""Addressing the project's non-table data by dotted path ("supplementary.procurement.total").

Lists are addressed by index ("units.subordinates.0"), dicts by key
("supplementary.budget.by_subject.2013101"); setting a dict entry to None removes it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

SUPP_PREFIX = "supplementary."


def _step(obj: Any, part: str) -> Any:
    if isinstance(obj, BaseModel):
        return getattr(obj, part)
    if isinstance(obj, list):
        return obj[int(part)]
    if isinstance(obj, dict):
        return obj.get(part)
    raise KeyError(part)


def get_path(root: Any, path: str) -> Any:
    obj = root
    for part in path.split("."):
        obj = _step(obj, part)
    return obj


def set_path(root: Any, path: str, value: Any) -> None:
    head, _, last = path.rpartition(".")
    parent = get_path(root, head) if head else root
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


def finding_field(path: str) -> str:
    """The name checks use for a supplementary field: the path below ``supplementary``."""
    return path.removeprefix(SUPP_PREFIX)
