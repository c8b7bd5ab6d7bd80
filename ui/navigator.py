"""The left-hand list of pages, grouped, each with its count of open findings by severity."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from checks.finding import SEVERITIES, Severity
from model.project import Project
from ui import style
from ui.pages.spec import GROUPS, PageSpec

KeyRole = Qt.ItemDataRole.UserRole
BADGES = (Severity.ERROR, Severity.ROUNDING, Severity.WARNING)  # 提示 only in the tooltip


class BadgeDelegate(QStyledItemDelegate):
    """Paints the counts as small coloured pills at the right end of the entry."""

    def paint(self, painter: QPainter, option, index) -> None:
        # Counts come from a Python dict, not index.data(): see Navigator.counts.
        view = self.parent()
        key = index.data(KeyRole) if index.parent().isValid() else ""
        counts = view.counts.get(key, {}) if key else {}
        pills = [(s, counts.get(s, 0)) for s in BADGES if counts.get(s, 0)]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        qstyle = widget.style() if widget is not None else QApplication.style()
        qstyle.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)  # background, selection

        font = QFont(opt.font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setBold(True)
        fm = QFontMetrics(font)
        widths = [fm.horizontalAdvance(str(n)) + 12 for _s, n in pills]
        reserve = sum(widths) + 4 * len(widths) + 6
        painter.save()
        rect = qstyle.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(2, 0, -reserve, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.setFont(opt.font)
        elided = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        x = option.rect.right() - 6
        h = fm.height() + 2
        y = option.rect.center().y() - h // 2
        for (sev, n), w in zip(reversed(pills), reversed(widths)):
            x -= w
            pill = QRect(x, y, w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.STRONG[sev])
            painter.drawRoundedRect(pill, h / 2, h / 2)
            painter.setPen(QColor("white"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, str(n))
            x -= 4
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 60, max(size.height(), option.fontMetrics.height() + 8))


class Navigator(QTreeWidget):
    pageChosen = Signal(str)
    entered = Signal(str)  # Enter on a page: the user wants to work in it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setItemDelegate(BadgeDelegate(self))
        self.setUniformRowHeights(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        # Kept here rather than in item data: reading an unset item role back from Qt yields a
        # None that PySide 6.12 under-counts, and painting does that for every entry.
        self.counts: dict[str, dict[Severity, int]] = {}
        self.currentItemChanged.connect(self._changed)

    def build(self, specs: list[PageSpec], project: Project) -> None:
        current = self.current_key()
        self.blockSignals(True)
        self.clear()
        self.items.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for spec in specs:
            group = groups.get(spec.group)
            if group is None:
                group = QTreeWidgetItem([spec.group])
                group.setData(0, KeyRole, "")
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setForeground(0, style.muted(self.palette(), QPalette.ColorRole.Base))
                self.addTopLevelItem(group)
                groups[spec.group] = group
            title = spec.title_for(project)
            item = QTreeWidgetItem([title])
            item.setData(0, KeyRole, spec.key)
            item.setToolTip(0, title)
            group.addChild(item)
            self.items[spec.key] = item
        self.expandAll()
        self.blockSignals(False)
        if current in self.items:
            self.setCurrentItem(self.items[current])

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if e.type() == e.Type.PaletteChange:  # a theme switched while running: the group titles follow
            quiet = style.muted(self.palette(), QPalette.ColorRole.Base)
            for i in range(self.topLevelItemCount()):
                self.topLevelItem(i).setForeground(0, quiet)

    def current_key(self) -> str | None:
        item = self.currentItem()
        return (item.data(0, KeyRole) or None) if item is not None else None

    def select(self, key: str) -> None:
        item = self.items.get(key)
        if item is not None and item is not self.currentItem():
            self.setCurrentItem(item)

    def set_counts(self, counts: dict[str, dict[Severity, int]]) -> None:
        for key, item in self.items.items():
            c = counts.get(key, {})
            if self.counts.get(key) != c:
                self.counts[key] = c
                self.update(self.indexFromItem(item))
                title = item.text(0)
                parts = [f"{s.label} {c.get(s, 0)}" for s in SEVERITIES if c.get(s, 0)]
                item.setToolTip(0, title + ("\n" + "，".join(parts) if parts else "\n没有发现问题"))

    def keys(self) -> list[str]:
        """The pages in the order they are listed."""
        return list(self.items)

    def keyPressEvent(self, e) -> None:
        key = self.current_key()
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and key:
            self.entered.emit(key)
            return
        super().keyPressEvent(e)

    def _changed(self, item, _prev) -> None:
        if item is None:
            return
        key = item.data(0, KeyRole)
        if key:
            self.pageChosen.emit(key)


__all__ = ["GROUPS", "Navigator"]
