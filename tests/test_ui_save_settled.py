"""What is saved or exported follows the last data edit, even when the 情况说明 had not caught up."""

from __future__ import annotations

from model.fileio import load_project
from model.layout import T
from tests import test_ui_support as support
from tests.seed_data import caidian_2024

window = support.window
data_dir = support.data_dir


def test_saving_right_after_an_edit_saves_the_drafted_text_that_follows_it(window, qtbot, tmp_path):
    window.ctl.replace(caidian_2024(), None, "蔡甸")
    host = window.show_page("text")
    host.page.draft("all")
    assert "31.62" in window.ctl.project.text["九"]
    page = window.show_page(f"table.{T.THREE}")  # the text page is hidden: it catches up later
    row = window.ctl.project.tables[T.THREE].rows[0]
    window.ctl.set_cells(T.THREE, [(row.key, 1, "33.62"), (row.key, 2, "16.30")])
    assert "33.62" not in window.ctl.project.text["九"]  # not yet: the user has not paused
    path = tmp_path / "蔡甸.jsgk"
    assert window.save_to(path)  # at once, as Ctrl+S right after typing
    assert "33.62" in load_project(path).text["九"]
    assert page is window.current_page()
