"""The kinds of value a form field holds (万元 amount, count, percentage, score, year, text, choice):
each a validated type for the model, and how typed text becomes a value of that kind or a reason.

A kind travels with the type (``Annotated[..., PERCENT]``), so the model says what a field is and
``model.fields`` finds it by path. Values a project file holds go through the same validation as
what is typed into a form; a percentage or a score that fails it is kept as what was written
(``keep_typed``) rather than refusing the project: like any entry that does not parse.
"""

from __future__ import annotations

import typing
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from types import UnionType
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, ValidationError

from model.amount import CENT, MAX_ABS, fmt_amount, parse_amount


class EntryError(ValueError):
    """Typed text that does not fit the field; the message says why, in Chinese, without quoting it."""


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # money | count | percent | score | year | text | choice

    @property
    def numeric(self) -> bool:
        return self.name in ("money", "count", "percent", "score", "year")


MONEY, COUNT, PERCENT, SCORE = Kind("money"), Kind("count"), Kind("percent"), Kind("score")
YEAR, TEXT, CHOICE = Kind("year"), Kind("text"), Kind("choice")

# 执行率 = 执行数 ÷ 预算数: above 100% is legitimate (funds carried over, a budget raised during the
# year), several hundred % happens on a small initial budget. The bound only keeps out what no
# rate is (a typo of the amount itself, 1e400) and keeps the arithmetic of the check exact.
MAX_PERCENT = Decimal(100000)
# 绩效自评 scores are out of 100 (财政部 绩效自评 指标体系 totals 100 points).
MAX_SCORE = Decimal(100)
# More decimals than this is not a written figure (7.6E-294, 1e-999999), and would make the
# percentage check quantize beyond any precision.
MAX_PLACES = 10
_PLACES_LIMIT = Decimal(1).scaleb(-MAX_PLACES)


def _two_places(d: Decimal) -> Decimal:
    if not d.is_finite():
        raise ValueError("金额不是有效数字")
    if abs(d) > MAX_ABS:  # also keeps quantize below from failing on 1E+999999
        raise ValueError("金额过大")
    if d != d.quantize(CENT):
        raise ValueError("金额小数超过两位")
    return d.quantize(CENT)


def _bounded(limit: Decimal, reason: str):
    def check(d: Decimal) -> Decimal:
        if not d.is_finite() or d < 0 or d > limit:
            raise ValueError(reason)
        exponent = d.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_PLACES:
            raise ValueError(f"小数超过{MAX_PLACES}位")
        return d  # as written: its number of decimals is the precision the check compares at

    return check


_PERCENT_REASON = f"应为0～{MAX_PERCENT}之间的百分数（如 98.5）"
_SCORE_REASON = f"应为0～{MAX_SCORE}之间的得分（如 95）"
_COUNT_REASON = "应为不小于0的整数"
_YEAR_REASON = "应为年度（如 2024）"

Amount = Annotated[Decimal, AfterValidator(_two_places), MONEY]
Money = Amount | None
Count = Annotated[int, Field(ge=0), COUNT] | None
Percent = Annotated[Decimal, AfterValidator(_bounded(MAX_PERCENT, _PERCENT_REASON)), PERCENT] | None
Score = Annotated[Decimal, AfterValidator(_bounded(MAX_SCORE, _SCORE_REASON)), SCORE] | None
Year = Annotated[int, Field(ge=1990, le=2200), YEAR]

_KEPT_AS_TYPED = (PERCENT, SCORE)


def kind_of(annotation: object) -> Kind | None:
    """The kind an annotation carries (through Annotated and Optional), if any."""
    if isinstance(annotation, Kind):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return next((m for m in meta if isinstance(m, Kind)), None) or kind_of(base)
    if origin in (typing.Union, UnionType):
        return next((k for a in typing.get_args(annotation) if (k := kind_of(a)) is not None), None)
    if origin is typing.Literal:
        return CHOICE
    if annotation is str:
        return TEXT
    return None


# ---------------------------------------------------------------- typed text


def parse(kind: Kind, text: str) -> Any:
    """The value typed text stands for (None for an empty entry); EntryError with the reason."""
    if kind is TEXT:
        return text.strip()
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        if kind is YEAR:  # a project always has its year
            raise EntryError(_YEAR_REASON)
        return None
    if kind is MONEY:
        parsed = parse_amount(text)
        if parsed.error:
            raise EntryError(parsed.error)
        return parsed.value
    if kind is COUNT:
        s = s.replace(",", "").removesuffix("人").removesuffix("辆").removesuffix("个").removesuffix("台").strip()
        if not s.isdigit():
            raise EntryError(_COUNT_REASON)
        return int(s)
    if kind is YEAR:
        if not s.isdigit() or not 1990 <= int(s) <= 2200:
            raise EntryError(_YEAR_REASON)
        return int(s)
    if kind in (PERCENT, SCORE):
        s = s.removesuffix("%").removesuffix("分").strip()
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise EntryError(_PERCENT_REASON if kind is PERCENT else _SCORE_REASON) from None
        return _validate(kind, d)
    raise KeyError(kind.name)


def _validate(kind: Kind, value: object) -> Any:
    try:
        return _adapter(kind).validate_python(value)
    except ValidationError as e:
        message = str(e.errors()[0].get("msg", ""))
        raise EntryError(message.removeprefix("Value error, ")) from None


@cache
def _adapter(kind: Kind) -> Any:
    # Built when first needed, and pydantic's TypeAdapter imported then: start-up stays quick.
    from pydantic import TypeAdapter

    return TypeAdapter({PERCENT: Percent, SCORE: Score}[kind])


def show(kind: Kind | None, value: Any) -> str:
    if value is None:
        return ""
    if kind is MONEY:
        return fmt_amount(value)
    return str(value)


# ---------------------------------------------------------------- values a project file holds


def keep_typed(model: type[BaseModel], data: Any, prefix: str = "") -> dict[str, str]:
    """Percentages and scores in ``data`` (a model's raw input) that do not validate: path → the
    text as written. The caller clears them from the data and keeps the text, as the form does."""
    found: dict[str, str] = {}
    if not isinstance(data, dict):
        return found
    for name, info in model.model_fields.items():
        raw = data.get(name)
        if raw is None:
            continue
        path = prefix + name
        kind = kind_of(info.annotation)
        if kind in _KEPT_AS_TYPED:
            # Only what could have been written: anything else is a damaged file, refused as such.
            if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
                try:
                    _validate(kind, raw)
                except (EntryError, ArithmeticError, ValueError):
                    found[path] = raw if isinstance(raw, str) else repr(raw)
            continue
        sub = _model_in(info.annotation)
        if sub is None:
            continue
        if isinstance(raw, list):
            for i, item in enumerate(raw):
                found.update(keep_typed(sub, item, f"{path}.{i}."))
        else:
            found.update(keep_typed(sub, raw, f"{path}."))
    return found


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class a field holds, directly or as the items of a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) is list:
        return _model_in(typing.get_args(annotation)[0])
    return None


def clear_paths(data: dict, paths: list[str]) -> dict:
    """A copy of ``data`` with the value at each dotted path set to None (the input is left as it was)."""
    out = dict(data)
    for path in paths:
        node: Any = out
        parts = path.split(".")
        for part in parts[:-1]:
            key: Any = int(part) if isinstance(node, list) else part
            child = node[key]
            child = list(child) if isinstance(child, list) else dict(child)
            node[key] = child
            node = child
        node[parts[-1]] = None
    return out
