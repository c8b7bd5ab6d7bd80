"""Assembling a 公文-style Word document: paragraphs, headings with bookmarks, page and section
breaks (portrait/landscape), page numbers, pictures, and a 目录 written out in full.

The 目录 is a real TOC field (Word and WPS rebuild it, with page numbers, on 更新域), but its
entries are written here from the headings as they are added: LibreOffice's PDF export and a
document opened without updating fields both show a complete 目录.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Twips

from export.docx_styles import (
    A4_H,
    A4_W,
    FOOTER_DISTANCE,
    HEADER_DISTANCE,
    LANDSCAPE_MARGINS,
    LANDSCAPE_TEXT_WIDTH,
    PORTRAIT_MARGINS,
    PORTRAIT_TEXT_WIDTH,
    install_styles,
)

# Outline levels listed in the 目录: 第X部分 and 一、… (also the table titles of 第二部分).
TOC_LEVELS = 2
_JC = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
# Characters XML 1.0 cannot hold; text pasted from other programs sometimes carries them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def el(tag: str, **attrs: str):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def sub(parent, tag: str, **attrs: str):
    e = el(tag, **attrs)
    parent.append(e)
    return e


def text_run(text: str, char_style: str | None = None):
    r = el("w:r")
    if char_style:
        sub(sub(r, "w:rPr"), "w:rStyle", val=char_style)
    t = sub(r, "w:t")
    t.text = clean(text)
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def break_run():
    r = el("w:r")
    sub(r, "w:br")
    return r


def tab_run():
    r = el("w:r")
    sub(r, "w:tab")
    return r


def field_runs(instruction: str, shown: str = "") -> list:
    """begin / instruction / separate / cached result / end, as Word writes a simple field."""
    runs = [el("w:r"), el("w:r"), el("w:r")]
    sub(runs[0], "w:fldChar", fldCharType="begin")
    instr = sub(runs[1], "w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    sub(runs[2], "w:fldChar", fldCharType="separate")
    if shown:
        runs.append(text_run(shown))
    end = el("w:r")
    sub(end, "w:fldChar", fldCharType="end")
    return [*runs, end]


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int
    text: str
    anchor: str


class DocWriter:
    """Appends blocks to a new document in reading order."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        install_styles(self.doc)
        self.body = self.doc.element.body
        self.toc: list[TocEntry] = []
        self._toc_at = None
        self._pending_break = False
        self._landscape = False
        self._bookmarks = 0
        self._setup_section(self.body.get_or_add_sectPr(), landscape=False)

    # ------------------------------------------------------------ blocks

    def append(self, element) -> None:
        self.body.sectPr.addprevious(element)

    def paragraph(
        self,
        text: str = "",
        style: str = "Normal",
        jc: str | None = None,
        runs: list | None = None,
        right_tab: bool = False,
        space_before: int = 0,
    ):
        """A paragraph; ``right_tab`` adds a tab stop at the right edge of the text (部门 … 金额单位)."""
        p = el("w:p")
        ppr = p.get_or_add_pPr()
        if style != "Normal":
            ppr.style = style
        if space_before:
            ppr.spacing_before = Twips(space_before)
        if right_tab:
            ppr.get_or_add_tabs().insert_tab_in_order(
                Twips(self.text_width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.SPACES
            )
        if self._pending_break:
            ppr.pageBreakBefore_val = True
            self._pending_break = False
        if jc:
            ppr.jc_val = _JC[jc]
        if text:
            p.append(text_run(text))
        for r in runs or ():
            p.append(r)
        self.append(p)
        return p

    def heading(
        self, text: str, level: int, style: str | None = None, toc_text: str | None = None, space_before: int = 0
    ):
        """A heading at outline ``level`` (1 = 第X部分); levels up to TOC_LEVELS go into the 目录."""
        self._bookmarks += 1
        anchor = f"_Toc{self._bookmarks:05d}"
        start = el("w:bookmarkStart", id=str(self._bookmarks), name=anchor)
        end = el("w:bookmarkEnd", id=str(self._bookmarks))
        p = self.paragraph(
            style=style or f"Heading{level}", runs=[start, text_run(text), end], space_before=space_before
        )
        if level <= TOC_LEVELS:
            self.toc.append(TocEntry(level, toc_text or text, anchor))
        return p

    def to_fill(self, what: str, style: str = "Normal"):
        """A marked gap the user has to fill: red, in 【】, never mistaken for finished text."""
        return self.paragraph(style=style, runs=[text_run(f"【待填写：{what}】", "ToFill")])

    def picture(self, png: bytes, width_twips: int, height_twips: int):
        from docx.text.paragraph import Paragraph

        p = self.paragraph(style="Figure")
        size = {"width": Emu(Twips(width_twips)), "height": Emu(Twips(height_twips))}
        Paragraph(p, self.doc._body).add_run().add_picture(io.BytesIO(png), **size)
        return p

    # ------------------------------------------------------------ pages and sections

    @property
    def text_width(self) -> int:
        return LANDSCAPE_TEXT_WIDTH if self._landscape else PORTRAIT_TEXT_WIDTH

    def new_page(self, landscape: bool = False) -> None:
        """Start the next block on a new page, turning the page when the orientation changes."""
        if landscape != self._landscape:
            self._section_break(landscape)
        else:
            self._pending_break = True

    def start_numbering(self) -> None:
        """End the unnumbered front matter (cover, 目录): page 1 starts on the next page."""
        sectpr = self._section_break(self._landscape)
        self._footers()
        pg = el("w:pgNumType", start="1")
        cols = sectpr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(pg)
        else:
            sectpr.append(pg)

    def _section_break(self, landscape: bool):
        sentinel = self.body.sectPr
        last = sentinel.getprevious()
        if last is None or last.tag != qn("w:p") or (last.pPr is not None and last.pPr.sectPr is not None):
            last = self.paragraph()
        self._pending_break = False
        last.set_sectPr(sentinel.clone())
        # The new section inherits headers/footers and continues the page numbers.
        for ref in sentinel.xpath("w:headerReference|w:footerReference|w:pgNumType|w:titlePg"):
            sentinel.remove(ref)
        self._setup_section(sentinel, landscape)
        return sentinel

    def _setup_section(self, sectpr, landscape: bool) -> None:
        from docx.section import Section

        section = Section(sectpr, self.doc.part)
        section.start_type = WD_SECTION.NEW_PAGE
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Twips(A4_H), Twips(A4_W)
            margins = LANDSCAPE_MARGINS
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Twips(A4_W), Twips(A4_H)
            margins = PORTRAIT_MARGINS
        top, bottom, left, right = (Twips(m) for m in margins)
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = top, bottom, left, right
        section.header_distance = Twips(HEADER_DISTANCE)
        section.footer_distance = Twips(FOOTER_DISTANCE)
        section.gutter = Twips(0)
        self._landscape = landscape

    def _footers(self) -> None:
        """ "— 1 —" in 四号 宋体: right on odd pages, left on even pages, one character in (GB/T 9704)."""
        from docx.section import Section

        section = Section(self.body.sectPr, self.doc.part)
        for footer, jc in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]._p
            ppr = p.get_or_add_pPr()
            ppr.style = "Footer"
            ppr.jc_val = _JC[jc]
            side = {"rightChars": "100", "right": "280"} if jc == "right" else {"leftChars": "100", "left": "280"}
            ppr.insert_element_before(el("w:ind", **side), "w:jc")
            for r in [text_run("— "), *field_runs("PAGE", "1"), text_run(" —")]:
                p.append(r)

    # ------------------------------------------------------------ 目录

    def toc_here(self) -> None:
        self._toc_at = self.paragraph()

    def write_toc(self) -> None:
        """Fill the 目录 from the headings added since; call once the document is complete."""
        if self._toc_at is None:
            return
        at = self._toc_at
        for i, entry in enumerate(self.toc):
            p = el("w:p")
            p.get_or_add_pPr().style = f"TOC{entry.level}"
            if i == 0:
                for r in field_runs(f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')[:3]:
                    p.append(r)
            link = sub(p, "w:hyperlink", anchor=entry.anchor, history="1")
            link.append(text_run(entry.text))
            at.addprevious(p)
        end = el("w:r")
        sub(end, "w:fldChar", fldCharType="end")
        at.append(end)
        self._toc_at = None

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()
