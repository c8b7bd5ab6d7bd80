"""Small dialogs: a new project, the questions about unsaved changes and recovery copies, about
exporting while 错误 remain, and what to do with a file just exported."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from model.layout import default_layout, default_variant
from ui.pages.supplementary import LAYOUTS, UNIT_KINDS, VARIANTS


class NewProjectDialog(QDialog):
    """部门名称 and 年度; the template variant and 01 row layout follow the year until changed."""

    def __init__(self, parent: QWidget | None = None, year: int = 2024):
        super().__init__(parent)
        self.setWindowTitle("新建项目")
        self.department = QLineEdit()
        self.department.setPlaceholderText("如：中国共产党武汉市蔡甸区委员会办公室")
        self.department.setMinimumWidth(360)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.variant = QComboBox()
        for value, label in VARIANTS:
            self.variant.addItem(label, value)
        self.layout_ = QComboBox()
        for value, label in LAYOUTS:
            self.layout_.addItem(label, value)
        self.unit_kind = QComboBox()
        for value, label in UNIT_KINDS:
            self.unit_kind.addItem(label, value)
        self._touched = {"variant": False, "layout": False}
        self.variant.activated.connect(lambda _i: self._touched.__setitem__("variant", True))
        self.layout_.activated.connect(lambda _i: self._touched.__setitem__("layout", True))
        self.year.valueChanged.connect(self._year_changed)
        self._year_changed(year)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        form = QFormLayout(self)
        form.addRow("部门名称：", self.department)
        form.addRow("年度：", self.year)
        form.addRow("模板版本：", self.variant)
        form.addRow("01表行次布局：", self.layout_)
        form.addRow("单位性质：", self.unit_kind)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("创建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _year_changed(self, year: int) -> None:
        if not self._touched["variant"]:
            self.variant.setCurrentIndex(self.variant.findData(default_variant(year)))
        if not self._touched["layout"]:
            self.layout_.setCurrentIndex(self.layout_.findData(default_layout(year)))

    def _accept(self) -> None:
        if not self.department.text().strip():
            self.error.setText("请填写部门名称")
            self.department.setFocus()
            return
        self.accept()

    def values(self) -> dict:
        return {
            "department": self.department.text().strip(),
            "year": self.year.value(),
            "variant": self.variant.currentData(),
            "layout": self.layout_.currentData(),
            "unit_kind": self.unit_kind.currentData(),
        }


def ask_save(parent: QWidget, name: str) -> QMessageBox.StandardButton:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("保存修改")
    box.setText(f"“{name}”有尚未保存的修改。是否保存？")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Save).setText("保存")
    box.button(QMessageBox.StandardButton.Discard).setText("不保存")
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())


def ask_restore(parent: QWidget | None, name: str, when: str, source: str | None) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("恢复未保存的修改")
    where = f"\n原文件：{source}" if source else ""
    box.setText(f"上次程序没有正常退出，留下了“{name}”未保存的修改（{when} 自动保存）。{where}\n\n是否恢复这些修改？")
    restore = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def ask_remove_children(parent: QWidget, chosen: str, count: int) -> str | None:
    """A 类 or 款 is being deleted with 款/项 under it: "all", "selected" or None (cancel)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("删除科目行")
    box.setText(f"{chosen}下还有 {count} 个下级科目（款/项）。\n\n是否连同下级科目一起删除？（可撤销）")
    every = box.addButton("连同下级一起删除", QMessageBox.ButtonRole.AcceptRole)
    only = box.addButton("只删除所选行", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(every)
    box.exec()
    clicked = box.clickedButton()
    return "all" if clicked is every else "selected" if clicked is only else None


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText("确定")
    box.exec()


def ask_export_with_errors(parent: QWidget, errors: int, what: str) -> tuple[str | None, bool]:
    """错误 remain: ("export" | "findings" | None for cancel, whether the 审核清单 goes beside the file)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("仍有错误")
    box.setText(f"审核发现 {errors} 个错误尚未改正。\n\n仍然{what}吗？导出的文件将带着这些错误。")
    box.setInformativeText("可以先查看审核结果（F8 逐个定位），改正后再导出。")
    anyway = box.addButton("仍然导出", QMessageBox.ButtonRole.AcceptRole)
    findings = box.addButton("查看审核结果", QMessageBox.ButtonRole.ActionRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    beside = QCheckBox("同时在文件旁导出审核清单（PDF）")
    beside.setChecked(True)
    box.setCheckBox(beside)
    box.setDefaultButton(findings)
    box.exec()
    clicked = box.clickedButton()
    answer = "export" if clicked is anyway else "findings" if clicked is findings else None
    return answer, beside.isChecked()


def open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """The file's folder, the file selected where the system can (Windows Explorer)."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer.exe", [f"/select,{Path(path)}"])[0]
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


def offer_exported(parent: QWidget, files: list[Path]) -> QMessageBox:
    """Said after an export, without stopping the work: open the file, or its folder. The box
    is shown and returned at once (not modal)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("导出完成")
    names = "\n".join(f"“{f.name}”" for f in files)
    box.setText(f"已导出：\n{names}\n\n位置：{files[0].parent}")
    open_it = box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_it)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button) -> None:
        if button is open_it:
            open_file(files[0])
        elif button is folder:
            open_folder(files[0])

    box.buttonClicked.connect(clicked)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box
