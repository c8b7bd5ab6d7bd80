"""图1–图4 of 第三部分: what each chart shows (plain data, no Qt) and drawing it as a PNG.

Why QPainter into a QImage: Qt is already shipped for the window, so the charts cost no new
dependency and no megabytes in the packaged build (matplotlib would add both, and its own CJK font
configuration); a picture looks the same in Word, WPS and LibreOffice, whereas native Word charts
need an embedded workbook per chart and render differently in each program. Qt is imported only
inside the drawing function, so ``check`` and everything else under export/ stay free of Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from checks.percent import percent
from export.painting import painting_app
from model.amount import fmt_amount
from model.layout import SUMMARY_INCOME_ITEMS, T, subject_columns
from model.project import TOTAL, Project

CHART_FONTS = (
    "Microsoft YaHei",
    "微软雅黑",
    "SimHei",
    "黑体",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "SimSun",
    "宋体",
)
PALETTE = ("#2F5597", "#ED7D31", "#70AD47", "#FFC000", "#5B9BD5", "#A5A5A5", "#264478", "#9E480E")
LAST_YEAR_COLOR, THIS_YEAR_COLOR = "#9DB3D6", "#2F5597"
WIDTH_PX, HEIGHT_PX = 1500, 700


@dataclass(frozen=True, slots=True)
class BarChart:
    number: int
    caption: str
    bars: tuple[tuple[str, Decimal | None], ...]  # (label, value); None: not known
    missing: str = "上年决算数未填写"


@dataclass(frozen=True, slots=True)
class PieChart:
    number: int
    caption: str
    slices: tuple[tuple[str, Decimal], ...]  # positive amounts only

    @property
    def total(self) -> Decimal:
        return sum((v for _n, v in self.slices), Decimal(0))

    def share(self, value: Decimal) -> Decimal:
        return percent(value, self.total)


Chart = BarChart | PieChart


def _value(project: Project, t: T, key: str, col: int) -> Decimal | None:
    row = project.tables[t].row(key)
    return row.values.get(col) if row else None


def _year_bars(project: Project, last: Decimal | None, this: Decimal | None) -> tuple[tuple[str, Decimal | None], ...]:
    y = project.meta.year
    return ((f"{y - 1}年度", last), (f"{y}年度", this))


def _income_slices(project: Project) -> list[tuple[str, Decimal]]:
    total = project.tables[T.INCOME].row(TOTAL)
    if total and total.values:
        pairs = [(c.name, total.values.get(c.no)) for c in subject_columns(T.INCOME)[1:]]
    else:
        # 02 not filled in: the same split from 01's income rows (一 to 三 are 财政拨款收入).
        vals = [_value(project, T.SUMMARY, f"i{i}", 1) for i in range(1, 9)]
        fiscal = [v for v in vals[:3] if v is not None]
        pairs = [("财政拨款收入", sum(fiscal) if fiscal else None)]
        pairs += list(zip(SUMMARY_INCOME_ITEMS[3:], vals[3:]))
    return [(n, v) for n, v in pairs if v is not None and v > 0]


def _expense_slices(project: Project) -> list[tuple[str, Decimal]]:
    total = project.tables[T.EXPENSE].row(TOTAL)
    values = total.values if total else {}
    pairs = [(c.name, values.get(c.no)) for c in subject_columns(T.EXPENSE)[1:]]
    return [(n, v) for n, v in pairs if v is not None and v > 0]


def chart_specs(project: Project) -> dict[str, Chart]:
    """The chart closing each of sections 一 to 四 of 第三部分, keyed by section id."""
    last = project.supplementary.last_year
    grand = _value(project, T.SUMMARY, "i_grand", 1)
    if grand is None:
        grand = _value(project, T.SUMMARY, "e_grand", 2)
    fiscal = _value(project, T.FISCAL, "i_grand", 1)
    if fiscal is None:
        fiscal = _value(project, T.FISCAL, "e_grand", 2)
    return {
        "一": BarChart(1, "收、支决算总计变动情况", _year_bars(project, last.grand_total, grand)),
        "二": PieChart(2, "收入决算结构", tuple(_income_slices(project))),
        "三": PieChart(3, "支出决算结构", tuple(_expense_slices(project))),
        "四": BarChart(4, "财政拨款收、支决算总计变动情况", _year_bars(project, last.fiscal_grand_total, fiscal)),
    }


def caption(chart: Chart) -> str:
    return f"图{chart.number}：{chart.caption}"


def nice_step(span: float) -> float:
    """A round axis step (1, 2, 2.5, 5 × 10ⁿ) giving about five gridlines over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / 5
    mag = 10 ** math.floor(math.log10(raw))
    for k in (1, 2, 2.5, 5, 10):
        if raw <= k * mag:
            return k * mag
    return 10 * mag  # pragma: no cover - the loop always returns


# ---------------------------------------------------------------- drawing (Qt, lazily)


def render_png(chart: Chart, width: int = WIDTH_PX, height: int = HEIGHT_PX) -> bytes:
    painting_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    dots_per_metre = round(width / 0.145)  # printed 14.5 cm wide
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if isinstance(chart, BarChart):
            _draw_bars(painter, chart, width, height)
        else:
            _draw_pie(painter, chart, width, height)
    finally:
        painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def _font(px: int, bold: bool = False):
    from PySide6.QtGui import QFont

    f = QFont()
    f.setFamilies(list(CHART_FONTS))
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def _draw_bars(p, chart: BarChart, width: int, height: int) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    left, right, top, bottom = 170, 60, 110, 120
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [float(v) for _l, v in chart.bars if v is not None]
    step = nice_step(max(known, default=0.0))
    axis_max = max(step, math.ceil(max(known, default=0.0) / step) * step)
    p.setFont(_font(30))
    p.setPen(QColor("#404040"))
    p.drawText(QRectF(20, 20, 600, 50), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "单位：万元")
    # Gridlines and axis labels.
    n_lines = round(axis_max / step)
    for i in range(n_lines + 1):
        y = top + plot_h - plot_h * i / n_lines
        p.setPen(QPen(QColor("#D9D9D9") if i else QColor("#595959"), 2))
        p.drawLine(left, round(y), left + plot_w, round(y))
        p.setPen(QColor("#595959"))
        label = f"{step * i:,.0f}" if step >= 1 else f"{step * i:,.2f}"
        p.drawText(QRectF(0, y - 25, left - 20, 50), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
    slot = plot_w / len(chart.bars)
    bar_w = min(slot * 0.42, 240)
    colors = [LAST_YEAR_COLOR, THIS_YEAR_COLOR]
    for i, (label, value) in enumerate(chart.bars):
        cx = left + slot * (i + 0.5)
        p.setFont(_font(34))
        p.setPen(QColor("#262626"))
        p.drawText(QRectF(cx - slot / 2, top + plot_h + 15, slot, 60), Qt.AlignmentFlag.AlignCenter, label)
        if value is None:
            # No bar for an unknown figure: say so where the bar would stand.
            p.setFont(_font(32))
            p.setPen(QColor("#C00000"))
            text = chart.missing if i == 0 else "本年决算数为空"
            p.drawText(QRectF(cx - slot / 2, top + plot_h / 2 - 40, slot, 80), Qt.AlignmentFlag.AlignCenter, text)
            continue
        h = plot_h * float(value) / axis_max if axis_max else 0
        rect = QRectF(cx - bar_w / 2, top + plot_h - h, bar_w, h)
        p.fillRect(rect, QColor(colors[i % len(colors)]))
        p.setFont(_font(34, bold=True))
        p.setPen(QColor("#262626"))
        p.drawText(QRectF(cx - slot / 2, rect.top() - 60, slot, 55), Qt.AlignmentFlag.AlignCenter, fmt_amount(value))


def _draw_pie(p, chart: PieChart, width: int, height: int) -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QPen

    if not chart.slices:
        p.setFont(_font(36))
        p.setPen(QColor("#C00000"))
        p.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, "本年无数据")
        return
    d = min(height - 120, width * 0.4)
    box = QRectF(110, (height - d) / 2, d, d)
    total = float(chart.total)
    angle = 90.0 * 16  # from twelve o'clock, clockwise
    p.setPen(QPen(QColor("white"), 4))
    mids = []
    for i, (_name, value) in enumerate(chart.slices):
        span = -float(value) / total * 360 * 16
        p.setBrush(QColor(PALETTE[i % len(PALETTE)]))
        if len(chart.slices) == 1:
            p.drawEllipse(box)
        else:
            p.drawPie(box, round(angle), round(span))
        mids.append((angle + span / 2) / 16)
        angle += span
    # Shares inside slices large enough to hold them.
    p.setFont(_font(34, bold=True))
    p.setPen(QColor("white"))
    r = d / 2 * (0.0 if len(chart.slices) == 1 else 0.62)
    centre = box.center()
    for (_name, value), mid in zip(chart.slices, mids):
        share = chart.share(value)
        if share < 6:
            continue
        x = centre.x() + r * math.cos(math.radians(mid))
        y = centre.y() - r * math.sin(math.radians(mid))
        p.drawText(
            QRectF(QPointF(x - 110, y - 30), QPointF(x + 110, y + 30)), Qt.AlignmentFlag.AlignCenter, f"{share}%"
        )
    # Legend: name, amount and share of every slice.
    lx = box.right() + 110
    row_h = min(120, (height - 60) / len(chart.slices))
    ly = height / 2 - row_h * len(chart.slices) / 2
    for i, (name, value) in enumerate(chart.slices):
        y = ly + i * row_h
        p.fillRect(QRectF(lx, y + 12, 40, 40), QColor(PALETTE[i % len(PALETTE)]))
        p.setPen(QColor("#262626"))
        p.setFont(_font(40))
        p.drawText(QRectF(lx + 60, y, width - lx - 60, 64), Qt.AlignmentFlag.AlignVCenter, name)
        p.setFont(_font(34))
        p.setPen(QColor("#595959"))
        detail = f"{fmt_amount(value)}万元，占{chart.share(value)}%"
        p.drawText(QRectF(lx + 60, y + 58, width - lx - 60, 48), Qt.AlignmentFlag.AlignVCenter, detail)
