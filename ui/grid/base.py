"""Table models shaped like the printed tables: a grid of labels and amount cells.

Each printed table becomes a grid (rows × columns as printed), its printed shape (model/sheets.py).
A grid cell is a label (item names, 行次, codes), an amount cell addressing the project (row key,
栏次) or nothing (a blank printed line). Only amount cells are editable. Edits go to the controller as undo steps; the
model repaints the rows the controller reports as changed.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from checks.finding import Severity
from model.amount import fmt_amount, fmt_plain, parse_amount
from model.layout import T
from model.project import Row
from model.sheets import Amt, Cell, HeadCell, Label, Shape, table_shape
from ui import style
from ui.controller import ProjectController
from ui.finding_index import worst

Index = QModelIndex | QPersistentModelIndex

SeverityRole = Qt.ItemDataRole.UserRole + 1  # worst open severity of the cell, or None
KeyRole = Qt.ItemDataRole.UserRole + 2  # (row key, 栏次) of an amount cell, (row key, None) of a label
CopyRole = Qt.ItemDataRole.UserRole + 3  # text for the clipboard: plain figures, no grouping


EMPHASIS = {"total", "class"}  # row styles printed bold on a shaded line
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
INDENT = "\u3000"  # a full-width space per level, the way 款/项 are indented in print


class GridModel(QAbstractTableModel):
    """The grid, headings, spans and widths come from the table's printed shape; subclasses add how
    a pasted block is placed."""

    def __init__(self, ctl: ProjectController, t: T):
        super().__init__()
        self.ctl, self.t = ctl, t
        self.grid: list[list[Cell]] = []
        self.styles: list[str] = []
        self.header_cells: list[HeadCell] = []
        self.header_levels = 1
        self.spans: list[tuple[int, int, int, int]] = []  # row, column, row span, column span
        self.widths: list[float | None] = []  # in characters as printed; None: fit the labels
        self.where: dict[tuple[str, int | None], tuple[int, int]] = {}
        self.key_rows: dict[str, list[int]] = {}
        self._fonts: tuple[QFont, QFont, QFont, QFont] | None = None
        self._base_font: QFont | None = None  # the view's (zoomed) font; None: the application's
        self._roles = self._role_table()
        self.rows_by_key: dict[str, Row] = {}
        ctl.cellsChanged.connect(self._on_rows)
        ctl.rowsChanged.connect(self._on_rows)
        ctl.structureChanged.connect(self._on_structure)
        ctl.projectReplaced.connect(self.reload)
        self._build_all()

    # ---------------------------------------------------------------- building
    def build(self) -> None:
        shape = table_shape(self.ctl.project, self.t)
        self.shape: Shape = shape
        for line, line_style in zip(shape.lines, shape.styles, strict=True):
            self.add_line(line, line_style)
        self.spans = list(shape.spans)
        self.header_levels = shape.levels
        self.header_cells = list(shape.header)
        self.widths = shape.widths

    @property
    def frozen_columns(self) -> int:
        """The leading columns that name a line (科目编码/科目名称, 项目/行次): they stay in view while
        the amounts scroll. None for a table of amounts only (09)."""
        n = 0
        for column in self.shape.columns:
            if column.holds == "amount":
                break
            n += 1
        return n if n < len(self.shape.columns) else 0

    def _build_all(self) -> None:
        self.grid, self.styles, self.spans = [], [], []
        self.table = self.ctl.project.tables[self.t]
        self.rows_by_key = self.table.index()  # replaced by a new dict whenever rows change
        self.build()
        self.where.clear()
        self.key_rows.clear()
        for r, line in enumerate(self.grid):
            for c, cell in enumerate(line):
                if isinstance(cell, Amt):
                    self.where[(cell.key, cell.col)] = (r, c)
                    self._note_row(cell.key, r)
                elif isinstance(cell, Label) and cell.key is not None:
                    self.where.setdefault((cell.key, None), (r, c))
                    self._note_row(cell.key, r)

    def _note_row(self, key: str, r: int) -> None:
        rows = self.key_rows.setdefault(key, [])
        if not rows or rows[-1] != r:
            rows.append(r)

    def add_line(self, cells: list[Cell], style: str = "") -> int:
        self.grid.append(cells)
        self.styles.append(style)
        return len(self.grid) - 1

    def reload(self) -> None:
        self.beginResetModel()
        self._build_all()
        self.endResetModel()

    def _on_structure(self, t: T) -> None:
        if t == self.t:
            self.reload()

    def _on_rows(self, t: T | None, keys: set[str] | None) -> None:
        if t is None:
            if self.grid:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.grid) - 1, self.columnCount() - 1))
            return
        if t != self.t:
            return
        last = self.columnCount() - 1
        for key in keys or ():
            for r in self.key_rows.get(key, ()):
                self.dataChanged.emit(self.index(r, 0), self.index(r, last))

    # ---------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.grid else len(self.grid[0])

    def cell(self, r: int, c: int) -> Cell:
        return self.grid[r][c]

    def row_of(self, key: str) -> Row | None:
        return self.rows_by_key.get(key)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        cell = self.grid[index.row()][index.column()]
        if cell.__class__ is Amt and cell.key in self.rows_by_key:
            return _EDITABLE
        return _SELECTABLE

    def is_editable(self, r: int, c: int) -> bool:
        cell = self.grid[r][c]
        return isinstance(cell, Amt) and self.row_of(cell.key) is not None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every visible cell and several roles on each repaint: one dict lookup
        # picks the answer, roles the grid does not use cost nothing more.
        getter = self._roles.get(role)
        if getter is None or not index.isValid():
            return None
        r = index.row()
        return getter(r, self.grid[r][index.column()])

    def _alignment(self, _r: int, cell: Cell):
        if cell.__class__ is Amt:
            return _RIGHT
        if cell.__class__ is Label and cell.align == "center":
            return _CENTER
        return _LEFT

    def _foreground(self, _r: int, cell: Cell):
        if cell.__class__ is Amt:
            row = self.rows_by_key.get(cell.key)
            if row is not None and row.invalid and cell.col in row.invalid:
                return style.INVALID_TEXT
        return None

    def _key(self, _r: int, cell: Cell):
        if isinstance(cell, Amt):
            return (cell.key, cell.col)
        if isinstance(cell, Label):
            return (cell.key, None)
        return None

    def _role_table(self) -> dict:
        R = Qt.ItemDataRole
        return {
            R.DisplayRole: lambda _r, cell: self.display(cell),
            R.EditRole: lambda _r, cell: self.edit_text(cell),
            R.TextAlignmentRole: self._alignment,
            R.BackgroundRole: self.background,
            R.ForegroundRole: self._foreground,
            R.FontRole: self.font_for,
            R.ToolTipRole: lambda _r, cell: self.tooltip(cell),
            SeverityRole: lambda _r, cell: self.severity(cell)[0],
            KeyRole: self._key,
            CopyRole: lambda _r, cell: self.copy_text(cell),
        }

    def display(self, cell: Cell) -> str:
        if isinstance(cell, Amt):
            row = self.row_of(cell.key)
            if row is None:
                return ""
            bad = row.invalid.get(cell.col)
            if bad is not None:
                return bad
            return fmt_amount(row.values.get(cell.col))
        if isinstance(cell, Label):
            return INDENT * cell.indent + cell.text if cell.indent else cell.text
        return ""

    def edit_text(self, cell: Cell) -> str:
        if isinstance(cell, Amt):
            row = self.row_of(cell.key)
            if row is None:
                return ""
            bad = row.invalid.get(cell.col)
            return bad if bad is not None else fmt_plain(row.values.get(cell.col))
        return cell.text if isinstance(cell, Label) else ""

    copy_text = edit_text

    def findings_of(self, cell: Cell) -> list:
        """Findings located at the cell (a label stands for its row)."""
        idx = self.ctl.index
        if isinstance(cell, Amt):
            return idx.at_cell(self.t, cell.key, cell.col)
        if isinstance(cell, Label) and cell.key is not None:
            return idx.at_row(self.t, cell.key)
        return []

    def related_of(self, cell: Cell) -> list:
        """Findings that involve the cell as a part (a summand of a total that is off)."""
        idx = self.ctl.index
        if isinstance(cell, Amt):
            return idx.related_to_cell(self.t, cell.key, cell.col)
        if isinstance(cell, Label) and cell.key is not None:
            return idx.related_to_row(self.t, cell.key)
        return []

    def warnings_at(self, r: int, c: int) -> list:
        """The 警告 a user at this cell may explain: its own, else those it is part of."""
        cell = self.grid[r][c]
        own = [f for f in self.findings_of(cell) if f.severity is Severity.WARNING]
        return own or [f for f in self.related_of(cell) if f.severity is Severity.WARNING]

    def mark(self, r: int, c: int) -> Severity | None:
        """The severity the corner mark shows: findings at the cell, not those it is part of."""
        return self.severity(self.grid[r][c])[0]

    def severity(self, cell: Cell) -> tuple[Severity | None, bool]:
        """Worst open severity of findings at the cell, and whether an accepted 警告 is there."""
        found = self.findings_of(cell)
        if not found:
            return None, False
        accepted = self.ctl.project.acceptances
        sev = worst(found, accepted)
        return sev, any(f.key in accepted for f in found)

    def background(self, r: int, cell: Cell):
        sev, accepted = self.severity(cell)
        if sev is not None:
            return style.CELL_BG[sev]
        if accepted:
            return style.ACCEPTED_BG
        related = self.related_of(cell)
        if related:
            sev = worst(related, self.ctl.project.acceptances)
            if sev is not None:
                return style.TINT_BG[sev]
        if cell is None:
            return style.BLANK_BG
        if self.styles[r] in EMPHASIS:
            return style.TOTAL_BG
        return None

    def font_for(self, r: int, cell: Cell):
        bold = self.styles[r] in EMPHASIS
        if isinstance(cell, Amt):
            return self.fonts()[2 + bold]
        return self.fonts()[1] if bold else None

    def bold_font(self) -> QFont:
        return self.fonts()[1]

    def set_font(self, font: QFont) -> None:
        """The font the view shows (zoomed): the bold and amount fonts the cells ask for follow it."""
        self._base_font = QFont(font)
        self._fonts = None
        if self.grid:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.grid) - 1, self.columnCount() - 1))

    def fonts(self) -> tuple[QFont, QFont, QFont, QFont]:
        """Plain, bold, and both with tabular figures for amounts (so decimal points line up)."""
        if self._fonts is None:
            plain = QFont(self._base_font) if self._base_font is not None else QFont()
            bold = QFont(plain)
            bold.setBold(True)
            self._fonts = (plain, bold, style.amount_font(plain), style.amount_font(bold))
        return self._fonts

    def tooltip(self, cell: Cell) -> str | None:
        lines = []
        if isinstance(cell, Amt):
            row = self.row_of(cell.key)
            if row is not None and cell.col in row.invalid:
                lines.append(f"无法识别：{parse_amount(row.invalid[cell.col]).error}")
        accepted = self.ctl.project.acceptances
        for f in self.findings_of(cell):
            if f.rule == "V001" and lines:
                continue
            lines.append(f"【{f.severity.label}】{f.message}")
            note = accepted.get(f.key)
            if note:
                lines.append(f"　已说明：{note}")
        related = self.related_of(cell)
        if related:
            lines.append("本格参与：" if not lines else "\n本格参与：")
            lines += [f"【{f.severity.label}】{f.message}" for f in related[:5]]
            if len(related) > 5:
                lines.append(f"……等 {len(related)} 项")
        return "\n".join(lines) or None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        cell = self.grid[index.row()][index.column()]
        if not isinstance(cell, Amt) or self.row_of(cell.key) is None:
            return False
        self.ctl.set_cells(self.t, [(cell.key, cell.col, "" if value is None else str(value))])
        return True

    # ---------------------------------------------------------------- navigation
    def index_for(self, key: str | None, col: int | None) -> QModelIndex:
        if key is None:
            return QModelIndex()
        pos = self.where.get((key, col)) or self.where.get((key, None))
        if pos is None and col is None:
            rows = self.key_rows.get(key)
            pos = (rows[0], 0) if rows else None
        return self.index(*pos) if pos else QModelIndex()

    def cell_ref(self, r: int, c: int) -> tuple[str, int] | None:
        cell = self.grid[r][c]
        return (cell.key, cell.col) if isinstance(cell, Amt) else None

    def search_rows(self, text: str) -> list[tuple[int, int, str]]:
        """Labels containing the text (or codes starting with it): (row, column, label)."""
        q = text.strip()
        if not q:
            return []
        out = []
        for r, line in enumerate(self.grid):
            for c, cell in enumerate(line):
                if isinstance(cell, Label) and cell.text and (q in cell.text or cell.text.startswith(q)):
                    out.append((r, c, cell.text))
        return out
