"""Import a workbook laid out like the printed tables into a project.

Each sheet is recognised by its title and headers. Amounts are placed by 栏次 and by 行次,
subject code or economic code. Whatever cannot be placed, or does not parse, is reported with
its sheet and cell; an unparsed amount also stays in the project as the text it was, so that
nothing is silently dropped or read as 0.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from model.amount import parse_amount
from model.catalog import economic_groups
from model.layout import (
    LAYOUTS,
    SUBJECT_TABLES,
    THREE_ROW,
    T,
    default_layout,
    fixed_rows,
    subject_columns,
    table_for_number,
    title,
)
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, Project, Row, new_project
from model.templates import TableForm, template
from model.text_clean import MAX_CELL_TEXT, MAX_NAME, MAX_NOTE, MAX_SUBJECT_ROWS
from model.units import WAN, YUAN, convert_project, in_wan, is_known
from model.workbook.headings import head_paths, match, template_path
from model.workbook.reader import Sheet, WorkbookError, address, is_uncached_formula, norm_text, read_workbook
from model.workbook.recognize import NUMBER, Recognized, recognize
from model.workbook.variant import recognize_variant


@dataclass
class ImportIssue:
    sheet: str
    cell: str
    message: str
    level: str = "error"  # "error": data not taken or not understood; "warning": worth a look; "hint": taken, said
    placed: bool = False  # the text was kept in the project as an unparsed cell (reported there too)


@dataclass
class ImportResult:
    project: Project
    issues: list[ImportIssue] = field(default_factory=list)
    sheets: dict[T, str] = field(default_factory=dict)
    # where each imported cell came from: (table, row key, 栏次) → (sheet, cell address)
    sources: dict[tuple[T, str, int], tuple[str, str]] = field(default_factory=dict)
    # a workbook in 元: the same project in 元, exactly as printed, which the tables are checked on
    exact: Project | None = None

    @property
    def unit(self) -> str:
        return self.exact.meta.unit if self.exact is not None else self.project.meta.unit


def import_workbook(path: str | os.PathLike[str]) -> ImportResult:
    # A sheet that is not one of the nine tables (a detail list of 25 000 rows) is skipped after
    # its head: it costs neither time nor the reader's limits.
    sheets = read_workbook(path, wanted=lambda sheet: recognize(sheet) is not None)
    issues: list[ImportIssue] = []
    candidates: dict[T, list[tuple[Sheet, Recognized]]] = {}
    for s in sheets:
        rec = None if s.skipped else recognize(s)
        if rec is None:
            if s.cells:
                issues.append(ImportIssue(s.name, "", "不是九张公开表之一，未导入", "warning"))
            continue
        candidates.setdefault(rec.table, []).append((s, rec))
    if not candidates:
        raise WorkbookError("工作簿中没有找到九张公开表（收入支出决算总表、收入决算表……）中的任何一张。")
    found = {t: _choose(t, found, issues) for t, found in candidates.items()}

    years = Counter(rec.year for _s, rec in found.values() if rec.year)
    year = years.most_common(1)[0][0] if years else None
    if year is None:
        year = 2024
        issues.append(ImportIssue("", "", "表题中没有找到年度，暂按 2024 年度导入，请在部门信息中修改", "warning"))
    for s, rec in found.values():
        if rec.year and rec.year != year:
            issues.append(
                ImportIssue(
                    s.name, "", f"表题年度为 {rec.year} 年，与其他表（{year} 年）不同，请核对是否用了别的年度的表"
                )
            )
    departments = Counter(rec.department for _s, rec in found.values() if rec.department)
    department = departments.most_common(1)[0][0] if departments else ""
    if len(department) > MAX_NAME:
        issues.append(ImportIssue("", "", f"部门名称过长（{len(department)} 个字符，上限 {MAX_NAME} 个），未导入"))
        department = ""
    variant = recognize_variant(found, year)
    layout = _layout(found.get(T.SUMMARY), year)
    project = new_project(department, year, variant, layout)
    unit, sheet_units = _units(found, issues)
    project.meta.unit = unit

    sources: dict[tuple[T, str, int], tuple[str, str]] = {}
    for t, (s, rec) in found.items():
        if sheet_units.get(t) is None:
            continue  # its unit cannot be read: its amounts are not taken (reported by _units)
        start = (rec.title_row or 0) + 1
        parser = _Parser(s, project, issues, start, sources, t, sheet_units[t])
        if t in (T.SUMMARY, T.FISCAL):
            parser.fixed(t, layout, variant)
        elif t in SUBJECT_TABLES:
            parser.subjects(t, variant)
        elif t is T.BASIC:
            parser.basic()
        else:
            parser.three(variant)
        if rec.number and table_for_number(rec.number, variant) is not t:
            issues.append(ImportIssue(s.name, "", f"表号“公开{rec.number}表”与表题不符，已按表题导入", "warning"))
    for t, table in project.tables.items():
        table.touch()
        if len(table.rows) > MAX_SUBJECT_ROWS:
            raise WorkbookError(
                f"工作表“{found[t][0].name}”有 {len(table.rows)} 个科目行，超过一张表的上限 {MAX_SUBJECT_ROWS} 行，不像是决算公开表，已拒绝读取。"
            )
    shown = {t: s.name for t, (s, _r) in found.items()}
    if unit == YUAN:  # checked as printed, in 元; seen and exported in 万元
        return ImportResult(convert_project(project, YUAN), issues, shown, sources, exact=project)
    return ImportResult(project, issues, shown, sources)


def _choose(t: T, found: list[tuple[Sheet, Recognized]], issues: list[ImportIssue]) -> tuple[Sheet, Recognized]:
    """One sheet for a table printed on several: a visible sheet before a hidden one (a stale copy
    kept out of sight), then the first; each other candidate is reported with why it was left."""
    taken = min(found, key=lambda c: c[0].hidden)
    for s, _rec in found:
        if s is taken[0]:
            continue
        if s.hidden and not taken[0].hidden:
            why = "可见的工作表优先于隐藏的工作表"
        else:
            why = f"两张都是{'隐藏' if s.hidden else '可见'}的工作表，采用排在前面的一张"
        issues.append(
            ImportIssue(
                s.name,
                "",
                f"与工作表“{taken[0].name}”是同一张表（{title(t, '2023')}），采用了“{taken[0].name}”（{why}），本表未导入",
            )
        )
    return taken


def _units(found: dict[T, tuple[Sheet, Recognized]], issues: list[ImportIssue]) -> tuple[str, dict[T, str | None]]:
    """The unit the project is read in, and each table's own (None: cannot be read).

    The unit printed on each sheet is read, never guessed: all in 元 → read and checked in 元;
    sheets in different units → each read in its own and converted to 万元, with a finding; a unit
    that cannot be read → that table's amounts are not taken, with a finding."""
    printed = {t: rec.unit for t, (_s, rec) in found.items()}
    known = {u for u in printed.values() if is_known(u)}
    for t, u in printed.items():
        if u is not None and not is_known(u):
            issues.append(
                ImportIssue(found[t][0].name, "", f"金额单位“{u}”无法识别（本软件按“万元”或“元”读取），本表金额未导入")
            )
    if len(known) > 1:
        by_unit: dict[str, list[str]] = {}
        for t, u in printed.items():
            if is_known(u):
                by_unit.setdefault(u, []).append(f"“{found[t][0].name}”")
        parts = "；".join(f"{'、'.join(names)}为{u}" for u, names in by_unit.items())
        issues.append(
            ImportIssue("", "", f"各表的金额单位不一致（{parts}），已按各表所写单位读取并换算为万元，请统一单位")
        )
        unit = WAN
    else:
        unit = next(iter(known), WAN)
    own: dict[T, str | None] = {}
    for t, u in printed.items():
        if u is None:
            own[t] = unit
            if known:
                issues.append(
                    ImportIssue(found[t][0].name, "", f"没有写明金额单位，按其他表的单位（{unit}）读取", "warning")
                )
        else:
            own[t] = u if is_known(u) else None
    return unit, own


def _layout(summary: tuple[Sheet, Recognized] | None, year: int) -> str:
    if summary is None:
        return default_layout(year)
    sheet = summary[0]
    numbers = [v for v in sheet.cells.values() if isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit())]
    biggest = max((int(v) for v in numbers if int(v) < 100), default=0)
    if biggest >= 61:
        return "B"
    if biggest in (60,):
        return "A"
    return default_layout(year)


_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_FORMULA_NOTE = re.compile(r"(行|栏)[=＝]|栏各行")


_NUMBERED = re.compile(r"^[(（]?\d{1,2}[)）.．、]")


def _is_title(flat: str) -> bool:
    """A table's title or number line: "2023年度一般公共预算财政拨款支出决算表", "公开05表"."""
    return (flat.endswith("表") and len(flat) < 60) or bool(NUMBER.fullmatch(flat))


def _label_key(text: str) -> str:
    t = _ORDINAL.sub("", norm_text(text))
    return t.replace("(含专用结余)", "")


def _is_meta_line(text: str) -> bool:
    """The 部门/金额单位/公开NN表 line above a table's header, whatever the department is called."""
    return text.startswith(("部门", "单位", "编制单位", "金额单位", "公开")) and (":" in text or "表" in text)


def _subject_name(v: object) -> str:
    """A subject name as written; only the line breaks of a wrapped cell (and what surrounds
    them) are taken out: "党委办公厅（室）及相关\n机构事务"."""
    if v is None:
        return ""
    return "".join(part.strip() for part in str(v).splitlines()).strip()


def _code_text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return norm_text(v)


HEAD_SPAN = 15  # lines from a table's title to its body, at most
_CODE = re.compile(r"\d{3}|\d{5}|\d{7}")


def _is_unit(v: object) -> bool:
    return norm_text(v).startswith(("单位:", "金额单位", "单位："))


def _is_figure(v: object) -> bool:
    """A cell holding an amount (or left as printed: "0", "-")."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return True
    return isinstance(v, str) and not parse_amount(v).error


def _is_amount(v: object) -> bool:
    """A figure with fen ("4,733.14", 105.5): never a heading or a 栏次 number."""
    if isinstance(v, float):
        return not v.is_integer()
    return isinstance(v, str) and "." in v and not parse_amount(v).error


def _next_row(rows: list, label: str, at: list[int], taken: set[str]):
    """The template row a printed label stands for: the next one down with that label, else any
    one not yet taken (rows printed out of order)."""
    key = _label_key(label)
    for i in [*range(at[0], len(rows)), *range(at[0])]:
        row = rows[i]
        if row.key not in taken and _label_key(row.label) == key:
            taken.add(row.key)
            at[0] = i + 1
            return row
    return None


class _Parser:
    def __init__(
        self,
        sheet: Sheet,
        project: Project,
        issues: list[ImportIssue],
        start: int,
        sources: dict[tuple[T, str, int], tuple[str, str]],
        table: T,
        unit: str = WAN,
    ):
        self.s, self.p, self.issues, self.start = sheet, project, issues, start
        self.sources, self.t = sources, table
        self.used: set[tuple[int, int]] = set()
        # a sheet in another unit than the project's (units mixed, reported): read as printed, in 万元
        self.unit = unit if unit != project.meta.unit else None

    # ---------------------------------------------------------------- helpers
    def issue(self, r: int, c: int, message: str, level: str = "error", placed: bool = False) -> None:
        self.issues.append(ImportIssue(self.s.name, address(r, c) if r else "", message, level, placed))

    def put(self, row: Row, col: int, r: int, c: int) -> None:
        raw = self.s.get(r, c)
        self.used.add((r, c))
        if raw is None:
            return
        if col in row.values or col in row.invalid:
            self.issue(r, c, "与同一行同一栏次的另一个单元格重复，未导入")
            return
        if isinstance(raw, str) and len(raw) > MAX_CELL_TEXT:
            self.issue(r, c, f"单元格文字过长（{len(raw)} 个字符），不是金额，未导入")
            return
        self.sources[(self.t, row.key, col)] = (self.s.name, address(r, c))
        if is_uncached_formula(raw):
            row.invalid[col] = str(raw)
            self.issue(r, c, "公式没有保存计算结果，请在 Excel/WPS 中打开并保存后再导入，或改为数值", placed=True)
            return
        parsed = parse_amount(raw)
        if parsed.error:
            row.invalid[col] = raw if isinstance(raw, str) else str(raw)
            self.issue(r, c, f"金额无法识别：{parsed.error}", placed=True)
        elif parsed.value is not None:
            row.values[col] = parsed.value if self.unit is None else in_wan(parsed.value, self.unit)

    def column_row(self) -> tuple[int, dict[int, int]] | None:
        """The 栏次 row and where each 栏次 number sits."""
        for r in range(self.start, min(self.s.max_row, self.start + 12) + 1):
            cols: dict[int, int] = {}
            has_label = False
            for c, v in self.s.row_values(r):
                text = norm_text(v)
                if text == "栏次":
                    has_label = True
                elif text.isdigit() and 0 < int(text) <= 12 and int(text) not in cols:
                    cols[int(text)] = c
            numbers = sorted(cols)
            consecutive = bool(numbers) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
            if consecutive and (has_label or (numbers[0] == 1 and len(numbers) >= 3)):
                for c in cols.values():
                    self.used.add((r, c))
                return r, cols
        return None

    def report_unused(self, first: int, last: int) -> None:
        for (r, c), v in sorted(self.s.cells.items()):
            if first <= r <= last and (r, c) not in self.used:
                text = str(v).strip()
                self.issue(r, c, f"无法确定“{text[:30]}”在表中的位置，未导入")

    def tail(self, first: int, t: T) -> None:
        """Lines under the table: the standard 注 lines (printed again on export) and formula notes
        are skipped; the short lines the department wrote there, such as its "无…" sentence, are
        kept as the table's note. A note is lines of text, one cell each, and nothing more: from
        the first row that is not (a second table's title, headers or figures) every cell is
        reported as not imported."""
        notes: list[str] = []
        last = self.s.max_row
        for r in range(first, last + 1):
            cells = self.s.row_values(r)
            if not cells:
                continue
            if not self._note_line(cells):
                self._report_below(r, last)
                break
            c, v = cells[0]
            self.used.add((r, c))
            text = str(v).strip()
            flat = norm_text(v)
            if flat.startswith("注") or _FORMULA_NOTE.search(flat) or flat.startswith(("2.本套报表", "本套报表")):
                continue
            notes.append(re.sub(r"^说明[:：]\s*", "", text))
        note = "\n".join(notes)
        if len(note) > MAX_NOTE:
            self.issue(first, 1, f"表下说明过长（{len(note)} 个字符，上限 {MAX_NOTE} 个），未导入")
        elif notes:
            self.p.tables[t].note = note

    @staticmethod
    def _note_line(cells: list[tuple[int, object]]) -> bool:
        """A line a department writes under a table: one cell of text that reads as a sentence
        ("注：…", "本部门当年无…支出。", "1.…"), not a title ("…明细表") or a header."""
        if len(cells) != 1 or not isinstance(cells[0][1], str):
            return False
        flat = norm_text(cells[0][1])
        if _is_title(flat) or _is_meta_line(flat):
            return False
        return (
            flat.startswith(("注", "说明", "备注"))
            or flat[-1] in "。；;.!！)）"
            or "无" in flat
            or bool(_NUMBERED.match(flat))
        )

    def _report_below(self, first: int, last: int) -> None:
        cells = [(r, c) for (r, c) in self.s.cells if first <= r <= last]
        text = self.s.text(first, min(c for r, c in cells if r == first))
        self.issue(
            first,
            1,
            f"表格下方第 {first} 行起还有其他内容（“{text[:30]}”等 {len(cells)} 个单元格），不是本表的内容，未导入",
        )
        self.report_unused(first, last)

    def _is_note(self, r: int) -> bool:
        """Where the table's rows end: its notes, or another table's title below it."""
        first = self.s.row_values(r)
        if not first:
            return False
        text = norm_text(first[0][1])
        return text.startswith(("注", "说明")) or len(text) > 40 or (len(first) == 1 and _is_title(text))

    # ---------------------------------------------------------------- tables printed without 栏次
    def headings(self, form: TableForm, block: str | None = None):
        """Where the columns are, by the headings above them (a template printing no 栏次 line, or a
        sheet without one): (last heading line, key columns by what they hold, amount columns by
        internal number, cells of the first body line that are headings). None, reported, when no
        column can be told."""
        body = self._body_start(form.kind == "single")
        first = self._head_start(body)
        if body is None or first is None:
            self.issue(self.start, 1, "没有找到表头与表体（栏次行或各栏标题），无法导入此表")
            return None
        paths = head_paths(self.s, first, body - 1)
        # The Shanghai 08/09 print 本年支出's 合计/基本支出/项目支出 on the 合计 line itself.
        words = {w for c in form.columns for w in template_path(c)}
        on_body = {
            c: norm_text(v)
            for c, v in self.s.row_values(body)
            if isinstance(v, str) and norm_text(v) in words and paths.get(c) and parse_amount(v).error
        }
        for c, text in on_body.items():
            paths[c] = [*paths[c], text]
        matched = match(paths, [c for c in form.columns if block is None or c.block == block])
        keys = {col.holds: c for c, col in matched.columns.items() if col.holds != "amount"}
        amounts = {col.col: c for c, col in matched.columns.items() if col.holds == "amount"}
        for r in range(first, body):
            for c, v in self.s.row_values(r):
                if _is_amount(v):  # an amount among the headings is reported, not taken for a heading
                    self.issue(r, c, f"表头中的“{v}”像是金额，无法确定它在表中的位置，未导入")
                self.used.add((r, c))
        for c in matched.unclear:
            self.issue(first, c, "此列的标题与表中两栏都相符，无法确定是哪一栏，该列金额未导入")
        if not amounts:
            self.issue(first, 1, "表头中没有找到本表的金额栏（如“决算数”“本年收入合计”），无法导入此表")
            return None
        headings = {(body, c) for c in on_body if c in amounts.values()}
        self.used.update(headings)
        return body - 1, keys, amounts, headings

    def _head_start(self, body: int | None) -> int | None:
        """The first heading line: under the title, past the 部门/金额单位/公开NN表 lines."""
        for r in range(self.start, (body or self.start) + 1):
            cells = self.s.row_values(r)
            if cells and not all(_is_meta_line(norm_text(v)) or _is_unit(v) for _c, v in cells):
                return r if body is None or r < body else None
        return None

    def _body_start(self, figures: bool) -> int | None:
        """The first line of the table's body: one starting with a subject or economic code, 合计
        or a numbered label ("一、…"); with ``figures`` (the 三公 table), a line of figures only."""
        for r in range(self.start + 1, min(self.s.max_row, self.start + HEAD_SPAN) + 1):
            cells = self.s.row_values(r)
            if not cells:
                continue
            if figures:
                if all(_is_figure(v) for _c, v in cells):
                    return r
                continue
            first = norm_text(cells[0][1])
            if _CODE.fullmatch(first) or first in ("合计", "总计") or _ORDINAL.match(first):
                return r
            # "类 款 项 | 合计 | 4,733.14 …": a 合计 line printed beside the code column's sub-heading
            if any(norm_text(v) in ("合计", "总计") for _c, v in cells[:2]) and any(_is_amount(v) for _c, v in cells):
                return r
        return None

    def fixed_by_headings(self, t: T, variant: str) -> None:
        """01 and 04 as a template prints them without 行次: each side's rows by their labels, in
        the template's order (a label printed twice, "一、一般公共预算财政拨款" under 本年收入 and
        under 年初结转和结余, is the next one down)."""
        form = template(variant).form(t)
        table = self.p.tables[t]
        sides = []
        header = None
        for block in form.blocks:
            read = self.headings(form, block)
            if read is None:
                return
            header, keys, amounts, _headings = read
            if "label" not in keys:
                self.issue(self.start, 1, "没有找到“项目”列，无法导入此表")
                return
            rows = [row for row in form.lines[LAYOUTS[0]][block] if row is not None]
            sides.append((keys["label"], amounts, rows, [0], set()))
        assert header is not None
        last = header
        for r in range(header + 1, self.s.max_row + 1):
            if self._is_note(r):
                break
            last = r
            for label_col, amounts, rows, at, taken in sides:
                self.used.add((r, label_col))
                label = self.s.text(r, label_col)
                fixed = _next_row(rows, label, at, taken) if label else None
                for col, c in amounts.items():
                    if self.s.get(r, c) is None:
                        continue
                    if fixed is None or col not in fixed.cols:
                        self.used.add((r, c))
                        self.issue(r, c, f"金额所在行（“{label or '空'}”）不是表中可填金额的行，未导入")
                    else:
                        self.put(table.index()[fixed.key], col, r, c)
        self.report_unused(header + 1, last)
        self.tail(last + 1, t)

    # ---------------------------------------------------------------- 01 and 04
    def fixed(self, t: T, layout: str, variant: str) -> None:
        found = self.column_row()
        if found is None:
            self.fixed_by_headings(t, variant)
            return
        header, cols = found
        table = self.p.tables[t]
        rows = fixed_rows(t, layout, variant)
        by_number = {(row.side, no): row for row, no in rows}
        by_label = {(row.side, _label_key(row.label)): row for row, _no in rows}
        no_cols = self._row_number_columns(header)
        side_cols = self._sides(no_cols, cols)
        last = header
        for r in range(header + 1, self.s.max_row + 1):
            if self._is_note(r):
                break
            last = r
            for side, no_col, label_col, amount_cols in side_cols:
                self.used.update({(r, no_col), (r, label_col)})
                number_text = self.s.text(r, no_col)
                label = self.s.text(r, label_col)
                fixed = None
                if number_text.isdigit():
                    fixed = by_number.get((side, int(number_text)))
                if fixed is None and label:
                    fixed = by_label.get((side, _label_key(label)))
                for col, c in amount_cols:
                    if self.s.get(r, c) is None:
                        continue
                    if fixed is None:
                        self.used.add((r, c))
                        self.issue(r, c, f"金额所在行（行次 {number_text or '空'}）不是表中可填金额的行，未导入")
                    elif col not in fixed.cols:
                        self.used.add((r, c))
                        self.issue(r, c, f"第{number_text}行第{col}栏不应填写金额，未导入")
                    else:
                        self.put(table.index()[fixed.key], col, r, c)
        self.report_unused(header + 1, last)
        self.tail(last + 1, t)

    def _row_number_columns(self, header: int) -> list[int]:
        found = []
        for r in range(self.start, header + 1):
            for c, v in self.s.row_values(r):
                if norm_text(v) in ("行次", "行"):
                    found.append(c)
                    self.used.add((r, c))
        return sorted(set(found))

    def _sides(self, no_cols: list[int], cols: dict[int, int]) -> list[tuple[str, int, int, list[tuple[int, int]]]]:
        income_cols = [(k, c) for k, c in cols.items() if k == 1]
        expense_cols = [(k, c) for k, c in cols.items() if k >= 2]
        if len(no_cols) >= 2:
            inc_no, exp_no = no_cols[0], no_cols[1]
        else:
            # No 行次 header: assume the printed arrangement (label, 行次, amounts) on each side.
            first_amount = min(c for _k, c in income_cols) if income_cols else 3
            first_exp = min((c for _k, c in expense_cols), default=first_amount + 3)
            inc_no, exp_no = first_amount - 1, first_exp - 1
        return [
            ("income", inc_no, inc_no - 1, income_cols),
            ("expense", exp_no, exp_no - 1, expense_cols),
        ]

    # ---------------------------------------------------------------- 02 03 05 07 08
    def subjects(self, t: T, variant: str) -> None:
        table = self.p.tables[t]
        form = template(variant).form(t)
        found = self.column_row() if form.numbered else None
        headings: set[tuple[int, int]] = set()
        if found is not None:
            header, cols = found
            wanted = {c.no for c in subject_columns(t, variant)}
            for k in list(cols):
                if k not in wanted:
                    self.issue(header, cols[k], f"此表没有第{k}栏，该栏金额未导入")
                    del cols[k]
            code_col, name_col = self._code_name_columns(header, min(cols.values()))
        else:
            read = self.headings(form)
            if read is None:
                return
            header, by_holds, cols, headings = read
            code_col = by_holds.get("code") or 1
            name_col = by_holds.get("name") or code_col + 1
        last = header
        for r in range(header + 1, self.s.max_row + 1):
            if self._is_note(r):
                break
            last = r
            code = _code_text(self.s.get(r, code_col))
            name = _subject_name(self.s.get(r, name_col))
            self.used.update({(r, code_col), (r, name_col)})
            if len(name) > MAX_NAME:
                self.issue(r, name_col, f"科目名称过长（{len(name)} 个字符，上限 {MAX_NAME} 个），不是科目名称，未导入")
                name = ""
            has_amount = any(self.s.get(r, c) is not None for c in cols.values())
            if code == "合计" or (name == "合计" and not code.isdigit()):
                row = table.index()[TOTAL]
            elif code and code.replace(" ", "") not in ("类款项",) and not code.startswith("栏次"):
                row = table.add_subject(code, name)
            elif has_amount:
                for c in cols.values():
                    if self.s.get(r, c) is not None:
                        self.used.add((r, c))
                        self.issue(r, c, "金额所在行没有科目编码，未导入")
                continue
            else:
                continue
            for k, c in cols.items():
                if (r, c) not in headings:
                    self.put(row, k, r, c)
        self.report_unused(header + 1, last)
        self.tail(last + 1, t)
        if headings:
            at = min(headings)
            self._totals_under_headings(t, [k for k, c in cols.items() if (header + 1, c) in headings], at)

    def _totals_under_headings(self, t: T, cols: list[int], at: tuple[int, int]) -> None:
        """The Shanghai 08/09 print 本年支出's headings where the 合计 line's figures would stand:
        the document prints no total there, so the 合计 takes the sum of the 类 (said, as a 提示)."""
        table = self.p.tables[t]
        total = table.index()[TOTAL]
        classes: dict[str, Row] = {}
        for row in table.subject_rows():
            if len(row.code) == 3:
                classes.setdefault(row.code, row)
        filled = []
        for k in cols:
            values = [r.values[k] for r in classes.values() if k in r.values]
            if k in total.values or k in total.invalid or not values:
                continue
            total.values[k] = sum(values, Decimal("0.00"))
            filled.append(k)
        if filled:
            shown = [c for c in subject_columns(t, self.p.meta.variant) if c.no in filled]
            under = "".join(dict.fromkeys(f"在{c.group}下" for c in shown if c.group))
            names = "、".join(c.name for c in shown)
            self.issue(*at, f"合计行{under}印的是栏目名称（{names}），没有金额；这几栏的合计按各类之和计入", "hint")

    def _code_name_columns(self, header: int, first_amount: int) -> tuple[int, int]:
        code_col = name_col = None
        for r in range(self.start, header + 1):
            for c, v in self.s.row_values(r):
                text = norm_text(v)
                if c >= first_amount or _is_meta_line(text):
                    continue
                if ("编码" in text or "代码" in text) and code_col is None:
                    code_col = c
                elif "名称" in text and name_col is None:
                    name_col = c
                self.used.add((r, c))
        code_col = code_col or 1
        name_col = name_col or (code_col + 1)
        return code_col, name_col

    # ---------------------------------------------------------------- 06
    def basic(self) -> None:
        table = self.p.tables[T.BASIC]
        known = {g.code for g in economic_groups(self.p.meta.variant)} | {
            i.code for g in economic_groups(self.p.meta.variant) for i in g.items
        }
        header, triplets = self._basic_header()
        if not triplets:
            self.issue(self.start, 1, "没有找到“科目编码/科目名称/决算数”表头，无法导入此表")
            return
        last = header
        for r in range(header + 1, self.s.max_row + 1):
            if self._is_note(r):
                break
            last = r
            footer = self._basic_footer(r, table)
            if footer:
                continue
            for code_col, name_col, amount_col in triplets:
                self.used.update({(r, code_col), (r, name_col)})
                code = _code_text(self.s.get(r, code_col))
                raw = self.s.get(r, amount_col)
                if raw is None:
                    continue
                if code in known:
                    self.put(table.index()[code], 1, r, amount_col)
                else:
                    self.used.add((r, amount_col))
                    why = f"经济分类科目“{code}”不在本模板的06表中" if code else "金额所在行没有经济分类科目编码"
                    self.issue(r, amount_col, f"{why}，未导入")
        self.report_unused(header + 1, last)
        self.tail(last + 1, T.BASIC)

    def _basic_header(self) -> tuple[int, list[tuple[int, int, int]]]:
        for r in range(self.start, min(self.s.max_row, self.start + 12) + 1):
            cells = self.s.row_values(r)
            texts = [(c, norm_text(v)) for c, v in cells]
            code_cols = [c for c, t in texts if ("编码" in t or "代码" in t) and not _is_meta_line(t)]
            if not code_cols:
                continue
            amount_cols = [c for c, v in cells if "决算数" in norm_text(v)]
            triplets = []
            for i, cc in enumerate(code_cols):
                limit = code_cols[i + 1] if i + 1 < len(code_cols) else 10**6
                amount = next((a for a in amount_cols if cc < a < limit), cc + 2)
                triplets.append((cc, cc + 1, amount))
            for rr in range(self.start, r + 1):
                for c, _v in self.s.row_values(rr):
                    self.used.add((rr, c))
            return r, triplets
        return self.start, []

    def _basic_footer(self, r: int, table) -> bool:
        cells = self.s.row_values(r)
        labels = [(c, norm_text(v)) for c, v in cells if norm_text(v) in ("人员经费合计", "公用经费合计")]
        if not labels:
            return False
        for i, (c, text) in enumerate(labels):
            self.used.add((r, c))
            end = labels[i + 1][0] if i + 1 < len(labels) else 10**6
            target = table.index()[PERSONNEL_TOTAL if text == "人员经费合计" else PUBLIC_TOTAL]
            for cc, _v in cells:
                if c < cc < end:
                    self.put(target, 1, r, cc)
                    break
        return True

    # ---------------------------------------------------------------- 09
    def three(self, variant: str) -> None:
        row = self.p.tables[T.THREE].index()[THREE_ROW]
        form = template(variant).form(T.THREE)
        found = self.column_row() if form.numbered else None
        if found is not None:
            header, cols = found
        else:
            read = self.headings(form)
            if read is None:
                return
            header, _keys, cols, _headings = read
        for r in range(self.start, header):
            for c, _v in self.s.row_values(r):
                self.used.add((r, c))
        data_row = None
        last = header
        for r in range(header + 1, self.s.max_row + 1):
            if self._is_note(r):
                break
            last = r
            if any(self.s.get(r, c) is not None for c in cols.values()) and data_row is None:
                data_row = r
                for k, c in cols.items():
                    self.put(row, k, r, c)
        self.report_unused(header + 1, last)
        self.tail(last + 1, T.THREE)
