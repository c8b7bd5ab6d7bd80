"""Small dialogs: a new project, and the questions about unsaved changes and recovery copies."""

from __future__ import annotations

from PySide6.QtWidgets import (
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


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText("确定")
    box.exec()
