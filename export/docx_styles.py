"""公文 page geometry and styles (GB/T 9704-2012) for the disclosure document.

The template's styles are replaced by our own small set. Every style names its East Asian font
explicitly (``w:eastAsia``) and no theme font is left anywhere: Word and WPS otherwise fall back to
the theme's 等线/MS Mincho for Chinese text and the document stops looking like a 公文.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# ---------------------------------------------------------------- fonts and sizes

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"
# Word substitutes these when the GB2312 fonts are missing (a plain Windows install has 仿宋/楷体).
FONT_FALLBACK = {FANGSONG: "仿宋", KAITI: "楷体", XIAOBIAOSONG: "宋体", HEITI: "SimHei", SONGTI: "SimSun"}

# Sizes in half-points, by their Chinese names.
ERHAO, XIAOER, SANHAO, SIHAO, WUHAO, XIAOWU = 44, 36, 32, 28, 21, 18

# ---------------------------------------------------------------- page geometry (twips)


def mm(v: float) -> int:
    return round(v * 1440 / 25.4)


A4_W, A4_H = 11906, 16838
# 公文 margins: top 37, bottom 35, left (binding) 28, right 26 mm → 版心 156 × 225 mm.
PORTRAIT_MARGINS = (mm(37), mm(35), mm(28), mm(26))  # top, bottom, left, right
# Landscape pages turn the portrait page a quarter: the binding edge becomes the top.
LANDSCAPE_MARGINS = (mm(28), mm(26), mm(37), mm(35))
PORTRAIT_TEXT_WIDTH = A4_W - PORTRAIT_MARGINS[2] - PORTRAIT_MARGINS[3]
PORTRAIT_TEXT_HEIGHT = A4_H - PORTRAIT_MARGINS[0] - PORTRAIT_MARGINS[1]
LANDSCAPE_TEXT_WIDTH = A4_H - LANDSCAPE_MARGINS[2] - LANDSCAPE_MARGINS[3]
LANDSCAPE_TEXT_HEIGHT = A4_W - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[1]
# 22 lines in the 225 mm 版心: 225 mm / 22 = 28.98 pt; 579 twips keeps the 22nd line inside.
LINE_PITCH = 579
HEADER_DISTANCE = mm(15)
# Table rows: exact line heights so Word, WPS and LibreOffice break rows (and pages) alike.
TABLE_LINE, TABLE_LINE_SMALL = 280, 240  # 五号, 小五
# The page number sits 7 mm under the 版心 (35 mm from the bottom edge), about 5 mm tall.
FOOTER_DISTANCE = mm(23)


@dataclass(frozen=True, slots=True)
class StyleDef:
    id: str
    name: str
    kind: str = "paragraph"  # paragraph | character | table
    based_on: str | None = "Normal"
    east_asia: str = FANGSONG
    size: int | None = None  # half-points; None inherits
    bold: bool = False
    color: str | None = None
    jc: str | None = None
    indent_chars: int | None = None  # first-line indent in characters (公文: 2)
    line: int | None = None  # exact line height in twips
    line_auto: int | None = None  # proportional line height (240 = single)
    before: int = 0
    after: int = 0
    outline: int | None = None
    keep_next: bool = False
    right_tab_leader: str | None = None  # a right tab at the text's edge ("dot" for the 目录)
    next: str | None = None


_PARA = "paragraph"
STYLES: tuple[StyleDef, ...] = (
    # Body text: 三号 仿宋, two-character indent, 22 lines a page.
    StyleDef("Normal", "Normal", based_on=None, size=SANHAO, jc="both", indent_chars=2, line=LINE_PITCH),
    StyleDef("Title", "Title", east_asia=XIAOBIAOSONG, size=ERHAO, jc="center", indent_chars=0, line=800),
    # 第一部分…: 小标宋 二号 centred, level 1 of the outline and the 目录.
    StyleDef(
        "Heading1",
        "heading 1",
        east_asia=XIAOBIAOSONG,
        size=ERHAO,
        jc="center",
        indent_chars=0,
        line_auto=240,
        after=240,
        outline=0,
        keep_next=True,
    ),
    # 一、…: 黑体 三号.
    StyleDef("Heading2", "heading 2", east_asia=HEITI, outline=1, keep_next=True),
    # （一）…: 楷体 三号.
    StyleDef("Heading3", "heading 3", east_asia=KAITI, outline=2, keep_next=True),
    # A table's title: level 2 of the outline under 第二部分.
    StyleDef(
        "TableTitle",
        "表格标题",
        east_asia=XIAOBIAOSONG,
        size=XIAOER,
        jc="center",
        indent_chars=0,
        line_auto=240,
        after=120,
        outline=1,
        keep_next=True,
    ),
    # 公开01表 / 部门：… 金额单位：万元 lines above a table.
    StyleDef(
        "TableMeta",
        "表格表头说明",
        east_asia=SONGTI,
        size=WUHAO,
        jc="left",
        indent_chars=0,
        line_auto=240,
        keep_next=True,
    ),
    StyleDef("TableNote", "表格注释", east_asia=SONGTI, size=WUHAO, jc="left", indent_chars=0, line_auto=240),
    StyleDef("TableText", "表格文字", east_asia=SONGTI, size=WUHAO, jc="left", indent_chars=0, line=TABLE_LINE),
    StyleDef(
        "TableTextSmall",
        "表格文字（小五）",
        east_asia=SONGTI,
        size=XIAOWU,
        jc="left",
        indent_chars=0,
        line=TABLE_LINE_SMALL,
    ),
    StyleDef("TableHead", "表格标题行", based_on="TableText", east_asia=HEITI, jc="center"),
    StyleDef("TableHeadSmall", "表格标题行（小五）", based_on="TableTextSmall", east_asia=HEITI, jc="center"),
    # Unnumbered sub-headings inside free text (第四部分's 一、…): 黑体, not in the outline.
    StyleDef("TextHeading", "正文小标题", east_asia=HEITI, keep_next=True),
    StyleDef("Figure", "图片", jc="center", indent_chars=0, line_auto=240, before=120, keep_next=True),
    StyleDef("Caption", "caption", east_asia=KAITI, size=SIHAO, jc="center", indent_chars=0, line_auto=240, after=240),
    StyleDef(
        "TOCHeading",
        "TOC Heading",
        east_asia=XIAOBIAOSONG,
        size=ERHAO,
        jc="center",
        indent_chars=0,
        line_auto=240,
        after=LINE_PITCH,
    ),
    StyleDef("TOC1", "toc 1", east_asia=HEITI, indent_chars=0, right_tab_leader="dot"),
    StyleDef("TOC2", "toc 2", indent_chars=2, right_tab_leader="dot"),
    StyleDef("Header", "header", east_asia=SONGTI, size=SIHAO, indent_chars=0, line_auto=240),
    StyleDef("Footer", "footer", east_asia=SONGTI, size=SIHAO, indent_chars=0, line_auto=240),
    StyleDef("CoverDate", "封面日期", jc="center", indent_chars=0),
    # What the user still has to write: red, so that nobody publishes it unnoticed.
    StyleDef("ToFill", "待填写", kind="character", based_on="DefaultParagraphFont", color="C00000"),
    StyleDef("DefaultParagraphFont", "Default Paragraph Font", kind="character", based_on=None),
    StyleDef("TableNormal", "Normal Table", kind="table", based_on=None),
    StyleDef("Hyperlink", "Hyperlink", kind="character", based_on="DefaultParagraphFont"),
)

_DEFAULT = {"paragraph": "Normal", "character": "DefaultParagraphFont", "table": "TableNormal"}


def _sub(parent, tag: str, **attrs: str):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    parent.append(el)
    return el


def rfonts(parent, east_asia: str, latin: str = LATIN):
    return _sub(parent, "w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def _style_element(d: StyleDef, text_width: int):
    st = OxmlElement("w:style")
    st.set(qn("w:type"), d.kind)
    st.set(qn("w:styleId"), d.id)
    if d.id == _DEFAULT[d.kind]:
        st.set(qn("w:default"), "1")
    _sub(st, "w:name", val=d.name)
    if d.based_on:
        _sub(st, "w:basedOn", val=d.based_on)
    if d.next or d.kind == _PARA and d.id != "Normal":
        _sub(st, "w:next", val=d.next or "Normal")
    _sub(st, "w:qFormat")
    if d.kind == _PARA:
        ppr = _sub(st, "w:pPr")
        if d.keep_next:
            _sub(ppr, "w:keepNext")
            _sub(ppr, "w:keepLines")
        _sub(ppr, "w:widowControl")
        if d.right_tab_leader:
            tabs = _sub(ppr, "w:tabs")
            _sub(tabs, "w:tab", val="right", leader=d.right_tab_leader, pos=str(text_width))
        spacing = {"before": str(d.before), "after": str(d.after)}
        if d.line:
            spacing |= {"line": str(d.line), "lineRule": "exact"}
        elif d.line_auto:
            spacing |= {"line": str(d.line_auto), "lineRule": "auto"}
        _sub(ppr, "w:spacing", **spacing)
        if d.indent_chars is not None:
            size = d.size or SANHAO
            twips = d.indent_chars * size * 10  # one character = its size in points
            _sub(ppr, "w:ind", firstLineChars=str(d.indent_chars * 100), firstLine=str(twips))
        if d.jc:
            _sub(ppr, "w:jc", val=d.jc)
        if d.outline is not None:
            _sub(ppr, "w:outlineLvl", val=str(d.outline))
    rpr = _sub(st, "w:rPr")
    rfonts(rpr, d.east_asia)
    if d.bold:
        _sub(rpr, "w:b")
        _sub(rpr, "w:bCs")
    if d.color:
        _sub(rpr, "w:color", val=d.color)
    if d.size:
        _sub(rpr, "w:sz", val=str(d.size))
        _sub(rpr, "w:szCs", val=str(d.size))
    if d.kind == "table":  # after rPr: Word refuses styles whose parts are out of schema order
        tbl = _sub(st, "w:tblPr")
        _sub(tbl, "w:tblInd", w="0", type="dxa")
        mar = _sub(tbl, "w:tblCellMar")
        for side, w in (("top", 0), ("left", 57), ("bottom", 0), ("right", 57)):
            _sub(mar, f"w:{side}", w=str(w), type="dxa")
    return st


def install_styles(document) -> None:
    """Replace the template's styles with ours; drop the template's leftovers that would contradict them."""
    styles = document.styles.element
    for child in list(styles):
        if child.tag in (qn("w:style"), qn("w:docDefaults")):
            styles.remove(child)
    defaults = OxmlElement("w:docDefaults")
    rpr = _sub(_sub(defaults, "w:rPrDefault"), "w:rPr")
    rfonts(rpr, FANGSONG)
    _sub(rpr, "w:kern", val="2")
    _sub(rpr, "w:sz", val=str(SANHAO))
    _sub(rpr, "w:szCs", val=str(SANHAO))
    _sub(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    _sub(_sub(defaults, "w:pPrDefault"), "w:pPr")
    styles.insert(0, defaults)
    for d in STYLES:
        styles.append(_style_element(d, PORTRAIT_TEXT_WIDTH))
    part = document.part
    for rid, rel in list(part.rels.items()):
        # stylesWithEffects (Word 2010) still holds the template's styles; numbering refers to removed ones.
        if rel.reltype in ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.NUMBERING):
            part.drop_rel(rid)
    package = part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # a picture of the template's blank page
            package.rels.pop(rid)
    _settings(document)
    _font_table(document)


# CT_Settings children that follow w:updateFields, in schema order.
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def _settings(document) -> None:
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    # 公文: odd pages carry the number on the right, even pages on the left.
    document.settings.odd_and_even_pages_header_footer = True
    # Word offers to update fields on opening, which gives the 目录 its page numbers.
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.insert_element_before(update, *_AFTER_UPDATE_FIELDS)
    update.set(qn("w:val"), "true")


def _font_table(document) -> None:
    """Declare our fonts with the GB2312 charset and a fallback Word can substitute when one is missing."""
    from lxml import etree

    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    root = etree.fromstring(part.blob)  # the template's own font table, not user input
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in FONT_FALLBACK.items():
        if name in known:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "modern" if name == HEITI else "roman")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
