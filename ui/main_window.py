"""The main window: navigator | page, findings panel below; menus, shortcuts, files, status.

It fits the screen it opens on (then remembers its place), zooms the tables, folds the findings
panel away on small screens, prints the tables (ui/table_print.py) and opens the user guide
(ui/guide.py). The pages are paper (ui/style.py): they look the same under any system theme.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from checks.finding import SEVERITIES, Finding, Severity, count_by_severity
from export.export_command import export_failure, refuse_beyond_limits, writer
from model.fileio import FILE_FILTER, SUFFIX, remove_stale
from model.inputs import InputRefused, os_error_text, regular_file, shown
from model.loader import InputError, is_workbook, load_input
from model.outputs import EXPORT_SUFFIXES, OutputRefused, refuse_clashes, resolved, same_file
from model.project import new_project
from model.resources import resource_path
from ui import exports, style
from ui.controller import ProjectController
from ui.dialogs import NewProjectDialog, ask_export_with_errors, ask_save, offer_exported, show_error
from ui.finding_index import count_by_page, page_of_location, pages_of
from ui.findings_panel import FindingsPanel
from ui.grid.view import GridView
from ui.lock import FileLockedError, ProjectLock
from ui.navigator import Navigator
from ui.pages.registry import page_specs
from ui.pages.table_page import TablePage
from ui.paths import APP_NAME, settings
from ui.screen_fit import fit_to_screen, keep_on_screen
from ui.undo_actions import UndoActions
from ui.zoom import Zoom

SAMPLE = ("samples", "2024-蔡甸区委办公室.jsgk")
OPEN_FILTER = f"{FILE_FILTER};;Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, recovery: bool = True):
        super().__init__()
        self.ctl = ProjectController(parent=self, recovery=recovery)
        self.pages: dict[str, QWidget] = {}
        self.specs = page_specs(self.ctl.project)
        self.navigator = Navigator()
        self.stack = QStackedWidget()
        # The pages are paper whatever the system theme: tables, forms and text read the same.
        self.stack.setPalette(style.paper_palette())
        self.stack.setAutoFillBackground(True)
        self.zoom = Zoom(self)
        GridView.default_zoom = self.zoom.factor
        self.zoom.changed.connect(self._zoomed)
        self.panel = FindingsPanel(self.ctl)
        self._panel_height = 0  # the findings list's height before it was folded
        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.vsplit.addWidget(self.stack)
        self.vsplit.addWidget(self.panel)
        self.vsplit.setStretchFactor(0, 3)
        self.vsplit.setStretchFactor(1, 1)
        self.vsplit.setCollapsible(0, False)
        self.vsplit.setCollapsible(1, False)
        self.hsplit = QSplitter(Qt.Orientation.Horizontal)
        self.hsplit.addWidget(self.navigator)
        self.hsplit.addWidget(self.vsplit)
        self.hsplit.setStretchFactor(1, 1)
        self.setCentralWidget(self.hsplit)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.zoom_button = QToolButton()
        self.zoom_button.setAutoRaise(True)
        self.zoom_button.setToolTip("表格缩放：Ctrl+滚轮，Ctrl+= 放大，Ctrl+- 缩小；点击还原为 100%（Ctrl+0）")
        self.zoom_button.clicked.connect(self.zoom.reset)
        self.zoom_button.setText(self.zoom.percent)
        self.statusBar().addPermanentWidget(self.zoom_button)

        self._make_actions()
        self._make_menus()
        self.navigator.pageChosen.connect(self.show_page)
        self.navigator.entered.connect(lambda key: self.focus_page(self.show_page(key)))
        self.panel.jump.connect(self.jump_to)
        self.panel.foldRequested.connect(lambda: self.set_panel_collapsed(not self.panel.collapsed))
        self.ctl.projectReplaced.connect(self._project_replaced)
        self.ctl.findingsChanged.connect(self._findings_changed)
        self.ctl.stateChanged.connect(self._update_title)
        self._cell_error = ""  # what the last entry that did not parse was told, until the cursor moves on
        self.ctl.cellError.connect(self._entry_refused)
        self._project_replaced()
        if any(s.key == "text" for s in self.specs):
            self.page("text")  # built now: the text's findings belong in the panel from the start
        self._findings_changed()
        self._update_title()
        self._restore_settings()

    # ---------------------------------------------------------------- actions and menus
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_new = self._action("新建项目…", self.new_project, K.New)
        self.act_open = self._action("打开…", self.open_dialog, K.Open, "打开项目文件或导入工作簿")
        self.act_save = self._action("保存", self.save, K.Save)
        self.act_save_as = self._action("另存为…", self.save_as, K.SaveAs)
        self.act_quit = self._action("退出", self.close, K.Quit)
        self.undo_actions = UndoActions(self, self.ctl.undo_stack)
        self.act_undo, self.act_redo = self.undo_actions.undo, self.undo_actions.redo
        self.addActions([self.act_undo, self.act_redo])
        self.act_copy = self._action("复制", lambda: self._grid_do("copy_selection"), K.Copy)
        self.act_cut = self._action("剪切", lambda: self._grid_do("cut"), K.Cut)
        self.act_paste = self._action("粘贴", lambda: self._grid_do("paste"), K.Paste)
        self.act_clear = self._action("清除单元格", lambda: self._grid_do("clear_selection"))
        self.act_find = self._action("查找/添加科目…", self.focus_find, K.Find)
        self.act_sum = self._action("自动计算合计（本表）", lambda: self._page_do("autosum"), "Ctrl+Shift+S")
        self.act_sum_all = self._action("自动计算合计（全部表）", self.autosum_all)
        # Ctrl+- is the zoom's, as in every program that zooms; rows go with Ctrl+Delete.
        self.act_remove_rows = self._action("删除科目行", lambda: self._page_do("remove_selected_rows"), "Ctrl+Del")
        self.act_recheck = self._action("重新审核", self.recheck, "F5")
        self.act_next = self._action("下一个问题", lambda: self.step_finding(1), "F8")
        self.act_prev = self._action("上一个问题", lambda: self.step_finding(-1), "Shift+F8")
        self.act_accept = self._action(
            "说明警告…", self.accept_warning, "Ctrl+Shift+A", "为所选或光标所在单元格的警告写明原因"
        )
        self.act_next_page = self._action(
            "下一页", lambda: self.step_page(1), "Ctrl+PgDown", "左侧列表中的下一页（如 Excel 切换工作表）"
        )
        self.act_prev_page = self._action("上一页", lambda: self.step_page(-1), "Ctrl+PgUp")
        self.act_panes = self._action("在左侧列表、页面和审核结果之间切换", self.cycle_panes, "F6")
        self.act_fold = self._action(
            "显示审核结果列表", lambda: self.set_panel_collapsed(not self.panel.collapsed), "Ctrl+F8"
        )
        self.act_fold.setCheckable(True)
        self.act_fold.setChecked(True)
        self.act_zoom_in = self._action(
            "放大", lambda: self.zoom.step(1), [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence(K.ZoomIn)]
        )
        self.act_zoom_out = self._action(
            "缩小", lambda: self.zoom.step(-1), [QKeySequence("Ctrl+-"), QKeySequence(K.ZoomOut)]
        )
        self.act_zoom_reset = self._action("实际大小（100%）", self.zoom.reset, "Ctrl+0")
        self.act_print = self._action("打印…", self.print_tables, K.Print, "打印当前表或全部九张表，先预览")
        self.act_page_setup = self._action("打印设置…", self.page_setup, tip="纸张、方向、页边距和打印机（会被记住）")
        self.act_help = self._action("使用说明", self.show_help, "F1", "按工作步骤说明用法、快捷键和每一条审核规则")
        self.act_about = self._action("关于", self.about)
        # Ctrl+Shift+S is 另存为 on some platforms; keep 另存为 on F12 as Office does.
        self.act_save_as.setShortcuts([QKeySequence("F12")])

    def _make_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("文件(&F)")
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu("最近打开")
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        self.export_menu = m.addMenu("导出")
        for entry in exports.EXPORTS:
            a = QAction(entry.label, self)
            a.triggered.connect(lambda _c=False, e=entry: self.export(e))
            self.export_menu.addAction(a)
        m.addSeparator()
        m.addActions([self.act_print, self.act_page_setup])
        m.addSeparator()
        m.addAction(self.act_quit)
        e = bar.addMenu("编辑(&E)")
        e.addActions([self.act_undo, self.act_redo])
        e.addSeparator()
        e.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_clear])
        e.addSeparator()
        e.addActions([self.act_find, self.act_remove_rows, self.act_sum, self.act_sum_all])
        e.addSeparator()
        e.addActions([self.act_next_page, self.act_prev_page, self.act_panes])
        c = bar.addMenu("审核(&C)")
        c.addActions([self.act_recheck, self.act_next, self.act_prev, self.act_accept])
        self._checklist_menu(c)
        v = bar.addMenu("视图(&V)")
        v.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        v.addSeparator()
        v.addAction(self.act_fold)
        h = bar.addMenu("帮助(&H)")
        h.addActions([self.act_help, self.act_about])
        tools = self.addToolBar("常用")
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        tools.addActions([self.act_new, self.act_open, self.act_save])
        tools.addSeparator()
        tools.addActions([self.act_undo, self.act_redo])
        tools.addSeparator()
        tools.addActions([self.act_sum, self.act_recheck])
        tools.addSeparator()
        tools.addActions([self.act_print, self.act_help])
        self._fill_recent()

    def _checklist_menu(self, menu) -> None:
        from ui import checklist_print

        sub = menu.addMenu("审核清单")
        project, findings = self.settled_project, (lambda: self.ctl.findings())
        sub.addAction("打印预览…", lambda: checklist_print.open_print_preview(self, project(), findings()))
        sub.addAction("打印…", lambda: checklist_print.print_checklist(self, project(), findings()))
        sub.addAction("导出 PDF…", lambda: self._checklist_pdf(checklist_print))
        self.checklist_menu = sub

    def _checklist_pdf(self, checklist_print) -> None:
        path = checklist_print.export_checklist_pdf(
            self, self.settled_project(), self.ctl.findings(), directory=self._last_folder()
        )
        if path:
            self.statusBar().showMessage(f"已导出 {path}", 6000)

    # ---------------------------------------------------------------- pages
    def _project_replaced(self) -> None:
        self.specs = page_specs(self.ctl.project)
        self.navigator.build(self.specs, self.ctl.project)
        titles = [(s.key, s.title_for(self.ctl.project)) for s in self.specs]
        self.panel.set_pages(titles)
        if self.navigator.current_key() is None:
            first_table = next(s.key for s in self.specs if s.key.startswith("table."))
            self.navigator.select(first_table)
        self._findings_changed()

    def page(self, key: str) -> QWidget:
        """The page widget, built on first use (a 650-row table costs a moment to lay out)."""
        w = self.pages.get(key)
        if w is None:
            spec = next(s for s in self.specs if s.key == key)
            w = spec.factory(self.ctl)
            self.pages[key] = w
            self.stack.addWidget(w)
            if isinstance(w, TablePage):
                w.view.status.connect(self._grid_message)
                w.view.zoomStep.connect(self.zoom.step)
        return w

    def _zoomed(self, factor: float) -> None:
        GridView.default_zoom = factor
        self.zoom_button.setText(self.zoom.percent)
        for page in self.pages.values():
            if isinstance(page, TablePage):
                page.view.set_zoom(factor)
        self.statusBar().showMessage(f"表格缩放 {self.zoom.percent}（Ctrl+0 还原）", 3000)

    def _entry_refused(self, why: str) -> None:
        self._cell_error = f"无法识别：{why}（已保留原文）"
        self.statusBar().showMessage(self._cell_error, 8000)
        QTimer.singleShot(0, self, self._forget_cell_error)  # after the move that follows the entry

    def _forget_cell_error(self) -> None:
        self._cell_error = ""

    def _grid_message(self, text: str) -> None:
        # Said right after an entry was refused (the cursor moving on): the reason stays in front.
        if self._cell_error:
            text = f"{self._cell_error}　{text}" if text else self._cell_error
        if text:
            self.statusBar().showMessage(text, 10000)
        else:
            self.statusBar().clearMessage()

    def show_page(self, key: str) -> QWidget:
        w = self.page(key)
        if w is not self.stack.currentWidget():
            self.statusBar().clearMessage()  # a cell's message belongs to the page it was said on
        self.stack.setCurrentWidget(w)
        self.navigator.select(key)
        self.panel.set_current_page(key)
        return w

    def step_page(self, step: int) -> None:
        keys = self.navigator.keys()
        current = self.navigator.current_key()
        i = keys.index(current) if current in keys else -1
        self.focus_page(self.show_page(keys[(i + step) % len(keys)]))

    def focus_page(self, page: QWidget) -> None:
        """Put the cursor where one works on the page: the table, the first field, the text."""
        if isinstance(page, TablePage):
            page.view.setFocus()
            return
        target = getattr(page, "first_input", lambda: None)() or page
        target.setFocus()

    def cycle_panes(self) -> None:
        """F6: 左侧列表 → 页面 → 审核结果 → 左侧列表."""
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self.navigator or self.navigator.isAncestorOf(focus)):
            page = self.current_page()
            if page is not None:
                self.focus_page(page)
        elif focus is not None and self.panel.isAncestorOf(focus):
            self.navigator.setFocus()
        else:
            self.panel.view.setFocus()

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def current_grid(self) -> GridView | None:
        page = self.current_page()
        return page.view if isinstance(page, TablePage) else None

    def _grid_do(self, what: str) -> None:
        # The 编辑 menu acts where the focus is: a text being typed, else the table.
        w = QApplication.focusWidget()
        if isinstance(w, QLineEdit | QPlainTextEdit) and self.isAncestorOf(w):
            text_action = {"copy_selection": "copy", "cut": "cut", "paste": "paste"}.get(what)
            if text_action:
                getattr(w, text_action)()
            return
        grid = self.current_grid()
        if grid is None:
            return
        getattr(grid, what)()

    def _page_do(self, what: str) -> None:
        page = self.current_page()
        if hasattr(page, what):
            getattr(page, what)()
        else:
            self.statusBar().showMessage("请先打开一张表", 4000)

    def focus_find(self) -> None:
        page = self.current_page()
        if isinstance(page, TablePage):
            page.focus_find()
        else:
            self.statusBar().showMessage("查找科目：请先在左侧选择一张表", 4000)

    def autosum_all(self) -> None:
        from model.layout import T

        n = self.ctl.autosum(list(T))
        self.statusBar().showMessage(f"已计算 {n} 个合计，可撤销（Ctrl+Z）" if n else "各合计已等于所含各项之和", 6000)

    def recheck(self) -> None:
        self.ctl.recheck()
        c = self.ctl.checker.counts()
        self.statusBar().showMessage("已重新审核：" + "，".join(f"{s.label} {c[s]}" for s in SEVERITIES), 6000)

    # ---------------------------------------------------------------- findings
    def _findings_changed(self) -> None:
        found = self.ctl.findings()
        self.navigator.set_counts(count_by_page(found))
        counts = count_by_severity(found, self.ctl.project.acceptances)
        accepted = counts.accepted
        parts = []
        palette = self.statusBar().palette()
        quiet = style.muted(palette).name()
        for s in SEVERITIES:
            color = style.on_window(s, palette).name() if counts[s] else quiet
            extra = f"（已说明 {accepted}）" if s is Severity.WARNING and accepted else ""
            parts.append(f"<span style='color:{color}'>{s.label} <b>{counts[s]}</b>{extra}</span>")
        text = "　".join(parts) + "　"
        if self.counts_label.text() != text:
            self.counts_label.setText(text)

    def jump_to(self, f: Finding) -> bool:
        """Show the finding's place: its cell, field or text span, switching pages."""
        current = self.navigator.current_key()
        pages = pages_of(f)
        target = current if current in pages else pages[0]
        if target not in {s.key for s in self.specs}:
            self.statusBar().showMessage(f.message, 8000)
            return False
        page = self.show_page(target)
        focus = getattr(page, "focus_location", None)
        if focus is None:
            return False
        for loc in f.locations:
            if page_of_location(loc) == target and focus(loc):
                self.statusBar().showMessage(f"【{f.severity.label}】{f.message}", 10000)
                return True
        return False

    def accept_warning(self) -> None:
        """说明警告: the warning of the cell under the cursor when a table has the focus, else the
        one selected in the findings panel."""
        grid = self.current_grid()
        if grid is not None and grid.hasFocus() and grid.currentIndex().isValid():
            ix = grid.currentIndex()
            warnings = grid.grid().warnings_at(ix.row(), ix.column())
            if not warnings:
                self.statusBar().showMessage("光标所在单元格没有警告；可在下方审核结果中选定一条警告", 6000)
                return
            self.panel.select_finding(warnings[0])
        self.panel.accept_selected()

    def step_finding(self, step: int) -> None:
        """F8 / Shift+F8: the 错误 first, then 尾数差异, 警告, 提示, each in the panel's order."""
        rows = self.panel.model.rows
        if not rows:
            if self.ctl.findings():
                self.statusBar().showMessage("审核结果的筛选隐藏了全部问题；点“显示全部”可再看到它们", 6000)
            return
        order = sorted(range(len(rows)), key=lambda i: (rows[i].severity.rank, i))
        cur = self.panel.view.currentIndex().row()
        if 0 <= cur < len(rows):
            r = order[(order.index(cur) + step) % len(order)]
        else:
            r = order[0] if step > 0 else order[-1]
        self.panel.view.selectRow(r)
        self.jump_to(rows[r])

    def show_errors(self) -> None:
        """The findings panel unfolded, every finding shown, the cursor on the first 错误."""
        self.set_panel_collapsed(False)
        self.panel.reset_filter()
        self.panel.view.clearSelection()
        self.panel.view.setCurrentIndex(self.panel.model.index(-1, -1))
        self.step_finding(1)

    def set_panel_collapsed(self, collapsed: bool) -> None:
        """Fold the findings list under its bar of counts (small screens), or unfold it."""
        if collapsed == self.panel.collapsed:
            self.act_fold.setChecked(not collapsed)
            return
        sizes = self.vsplit.sizes()
        total = sum(sizes)
        if collapsed:
            self._panel_height = sizes[1]
            self.panel.set_collapsed(True)
            bar = self.panel.bar_height()
            self.vsplit.setSizes([max(0, total - bar), bar])
        else:
            self.panel.set_collapsed(False)
            height = max(self._panel_height, self._default_panel_height(total))
            self.vsplit.setSizes([max(0, total - height), height])
        self.act_fold.setChecked(not collapsed)
        settings().setValue("window/findingsFolded", collapsed)

    def _default_panel_height(self, total: int) -> int:
        row = self.panel.view.verticalHeader().defaultSectionSize()
        return max(self.panel.bar_height() + 5 * row, total // 4)

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if e.type() == e.Type.PaletteChange and hasattr(self, "counts_label"):
            self._findings_changed()  # the counts' colours follow a theme switched while running

    # ---------------------------------------------------------------- files
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.ctl.name}[*] — {APP_NAME}")
        self.setWindowModified(self.ctl.modified)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancels."""
        if not self.ctl.modified:
            return True
        answer = ask_save(self, self.ctl.name)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_project(self) -> None:
        if not self.maybe_save():
            return
        dialog = NewProjectDialog(self)
        if dialog.exec() != NewProjectDialog.DialogCode.Accepted:
            return
        v = dialog.values()
        project = new_project(v["department"], v["year"], v["variant"], v["layout"])
        project.meta.unit_kind = v["unit_kind"]
        self.ctl.replace(project, None, f"{v['year']}-{v['department']}", dirty=True)
        self.show_page("overview.meta")

    def open_sample(self) -> None:
        path = resource_path(*SAMPLE)
        try:
            loaded = load_input(path)
        except InputError as e:
            show_error(self, "无法打开示例项目", str(e))
            return
        # The sample lives in the program folder: it opens as an untitled copy, saved elsewhere.
        self.ctl.replace(loaded.project, None, f"示例：{path.stem}")

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _f = QFileDialog.getOpenFileName(self, "打开项目或导入工作簿", self._last_folder(), OPEN_FILTER)
        if path:
            self.open_path(Path(path), asked=True)

    def open_path(self, path: Path, asked: bool = False) -> bool:
        """Open a project file (locking it) or import a workbook; False and a message on failure."""
        path = Path(path)
        if not asked and not self.maybe_save():
            return False
        if self.ctl.path is not None and same_file(path, self.ctl.path):
            return True
        self._remember_folder(path)
        if is_workbook(path) or path.suffix.lower() != SUFFIX:
            try:
                loaded = load_input(path)
            except InputError as e:
                show_error(self, "无法打开", str(e))
                return False
            name = f"{shown(path.stem)}（由工作簿导入）" if loaded.imported is not None else shown(path.name)
            self.ctl.replace(loaded.project, None, name, dirty=True, imported=loaded.imported)
            n = len(self.ctl.checker.imports)
            message = f"已从工作簿导入；{n} 处内容未能导入，见审核结果" if n else "已从工作簿导入；请另存为项目文件"
            if getattr(loaded.imported, "unit", "万元") == "元":
                message += "。工作簿金额单位为元：已按元精确核对，表中换算为万元（四舍五入到 0.01 万元）"
            self.statusBar().showMessage(message, 10000)
            self._tell_load_notes(loaded.project)
            return True
        try:
            regular_file(path)  # a loop, a pipe, a link to nowhere: said before any lock is taken
        except InputRefused as e:
            show_error(self, "无法打开", str(e))
            return False
        lock = self._take_lock(path, "文件已打开")
        if lock is None:
            return False
        try:
            loaded = load_input(path)
        except InputError as e:
            lock.release()
            show_error(self, "无法打开", str(e))
            return False
        self.ctl.replace(loaded.project, path, shown(path.name), lock=lock)
        self._add_recent(path)
        self._tell_load_notes(loaded.project)
        return True

    def _tell_load_notes(self, project) -> None:
        """What loading changed (characters no output can hold, taken out): said once, in a box."""
        notes = project.load_notes
        if notes:
            more = f"\n……共 {len(notes)} 处" if len(notes) > 8 else ""
            show_error(self, "打开时已清理", "。\n".join(notes[:8]) + f"。{more}\n保存后即为清理后的内容。")

    def save(self) -> bool:
        if self.ctl.path is None:
            return self.save_as()
        return self._write(self.ctl.path, self.ctl.lock)

    def save_as(self) -> bool:
        m = self.ctl.project.meta
        suggested = self.ctl.path.name if self.ctl.path else f"{m.year}-{m.department or '未命名'}{SUFFIX}"
        start = str(Path(self._last_folder()) / suggested)
        path, _f = QFileDialog.getSaveFileName(self, "另存为", start, FILE_FILTER)
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != SUFFIX:
            target = target.with_suffix(SUFFIX)
        return self.save_to(target)

    def save_to(self, target: Path) -> bool:
        if self.ctl.path is not None and target.resolve() == self.ctl.path.resolve():
            return self._write(target, self.ctl.lock)
        lock = self._take_lock(target, "不能保存到该文件")
        if lock is None:
            return False
        if not self._write(target, lock):
            lock.release()
            return False
        self._remember_folder(target)
        self._add_recent(target)
        return True

    def _take_lock(self, path: Path, title: str) -> ProjectLock | None:
        """The file's lock, or None (and a message) when another window has the file open."""
        lock = ProjectLock(path)
        try:
            lock.acquire()
        except FileLockedError as e:
            show_error(self, title, str(e))
            return None
        return lock

    def settled_project(self):
        """The project with every page's pending work done (the 情况说明 follows data edits only
        once the user pauses): what is saved, exported or printed is what the pages will show."""
        for page in self.pages.values():
            catch_up = getattr(page, "catch_up", None)
            if catch_up is not None:
                catch_up()
        return self.ctl.project

    def _write(self, target: Path, lock: ProjectLock | None) -> bool:
        self.settled_project()
        try:
            self.ctl.save(target, lock)
        except OSError as e:
            show_error(self, "保存失败", f"无法写入“{shown(target)}”：{os_error_text(e)}。\n原文件未被改动。")
            return False
        self.statusBar().showMessage(f"已保存 {shown(target)}", 5000)
        return True

    def export(self, entry: exports.ExportEntry) -> bool:
        """Ask where, write; while 错误 remain, first ask whether to (the 审核清单 offered beside the
        file); then offer to open the file or its folder."""
        what = entry.label.rstrip("…")
        errors = count_by_severity(self.ctl.findings())[Severity.ERROR]
        beside = False
        if errors:
            answer, beside = ask_export_with_errors(self, errors, what)
            if answer == "findings":
                self.show_errors()
                return False
            if answer is None:
                return False
        m = self.ctl.project.meta
        base = self.ctl.path.stem if self.ctl.path else f"{m.year}-{m.department or '未命名'}"
        start = str(Path(self._last_folder()) / f"{base}{entry.suffix}")
        path, _f = QFileDialog.getSaveFileName(self, what, start, entry.file_filter)
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != entry.suffix:
            target = target.with_suffix(entry.suffix)
        checklist = target.with_name(f"{target.stem}-审核清单.pdf") if beside else None
        self.statusBar().clearMessage()  # no earlier "已导出" stays up while this one is under way
        outputs = {what: target} | ({"审核清单": checklist} if checklist else {})
        try:
            # the project's own file is an input, never an output
            refuse_clashes([self.ctl.path] if self.ctl.path else [], outputs)
            refuse_beyond_limits(self.ctl.project)
        except OutputRefused as e:
            show_error(self, "导出失败", str(e))
            return False
        write = writer(entry.fmt)
        try:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            remove_stale(target.parent, EXPORT_SUFFIXES)  # what an export killed midway left there
            write(self.settled_project(), target)
        except Exception as e:  # every failure is said, not only a full disk; nothing is left behind
            show_error(self, "导出失败", export_failure(target, e))
            self.statusBar().showMessage(f"导出失败：{shown(target.name)}", 10000)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        files = [target]
        if checklist is not None:
            from ui import checklist_print

            written = checklist_print.export_checklist_pdf(self, self.ctl.project, self.ctl.findings(), str(checklist))
            if written:
                files.append(checklist)
        extra = "及审核清单" if len(files) > 1 else ""
        self.statusBar().showMessage(f"已导出 {shown(target)}{extra}", 6000)
        if getattr(self, "_exported_box", None) is not None:
            self._exported_box.close()
        self._exported_box = offer_exported(self, files)
        self._exported_box.destroyed.connect(lambda *_a: setattr(self, "_exported_box", None))
        return True

    # ---------------------------------------------------------------- settings
    def _last_folder(self) -> str:
        return str(settings().value("lastFolder", str(Path.home())))

    def _remember_folder(self, path: Path) -> None:
        settings().setValue("lastFolder", str(resolved(path).parent))

    def _recent(self) -> list[str]:
        value = settings().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _add_recent(self, path: Path) -> None:
        p = str(resolved(path))
        if shown(p) != p:
            return  # a name Qt's settings cannot hold (not UTF-8): not remembered
        files = [p] + [f for f in self._recent() if f != p]
        settings().setValue("recentFiles", files[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self._recent()
        for i, f in enumerate(files, 1):
            a = self.recent_menu.addAction(f"&{i} {f}")
            a.triggered.connect(lambda _c=False, p=f: self._open_recent(p))
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            show_error(self, "找不到文件", f"找不到“{path}”，已从最近打开列表中移除。")
            settings().setValue("recentFiles", [f for f in self._recent() if f != path])
            self._fill_recent()
            return
        self.open_path(Path(path))

    def _restore_settings(self) -> None:
        s = settings()
        geometry = s.value("window/geometry", QByteArray())
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            keep_on_screen(self)
        else:
            fit_to_screen(self)
        width, height = self.width(), self.height()
        for name, splitter in (("window/hsplit", self.hsplit), ("window/vsplit", self.vsplit)):
            state = s.value(name, QByteArray())
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
            elif splitter is self.hsplit:
                bar = self.navigator.verticalScrollBar().sizeHint().width()
                nav = min(self.navigator.sizeHintForColumn(0) + bar + 24, max(200, width * 30 // 100))
                splitter.setSizes([nav, width - nav])
            else:
                panel = max(
                    self.panel.bar_height() + 4 * self.panel.view.verticalHeader().defaultSectionSize(), height // 5
                )
                splitter.setSizes([height - panel, panel])
        if str(s.value("window/findingsFolded", "false")).lower() == "true":
            self.set_panel_collapsed(True)

    def _save_settings(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/hsplit", self.hsplit.saveState())
        s.setValue("window/vsplit", self.vsplit.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_settings()
        self.ctl.close()
        event.accept()

    # ---------------------------------------------------------------- printing and help
    def print_tables(self) -> None:
        """打印: the current table (or, from another page, all nine), in a preview to print from."""
        from ui import table_print

        page = self.current_page()
        current = page.t if isinstance(page, TablePage) else None
        table_print.open_preview(self, self.settled_project(), current)

    def page_setup(self) -> None:
        from ui import table_print

        table_print.page_setup(self)

    def show_help(self, anchor: str = "") -> None:
        """F1: the user guide; on a finding selected in the panel, that check's entry."""
        from ui import guide

        if not anchor:
            f = self.panel.selected()
            focus = QApplication.focusWidget()
            if f is not None and focus is not None and self.panel.isAncestorOf(focus):
                anchor = f.rule
        guide.show_guide(self, anchor)

    def about(self) -> None:
        from ui import guide

        guide.show_about(self)
