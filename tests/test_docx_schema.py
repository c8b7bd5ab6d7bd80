"""Word refuses (offers to repair) a document whose elements are out of the schema's order; LibreOffice
does not mind, so converting to PDF proves nothing here. These are the orders of ECMA-376 (transitional)
for every element the export writes by hand, checked over the whole package."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from export.docx_document import build_docx
from tests.seed_data import caidian_2024
from tests.support.synthetic import synthetic_project

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked "
    "personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "tblBorders": "top left start bottom right end insideH insideV",
    "tbl": "bookmarkStart tblPr tblGrid tr",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
    "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings",
    "font": "altName panose1 charset family notTrueType pitch sig",
    "styles": "docDefaults latentStyles style",
}
# header and footer references may come in any order among themselves
SAME_RANK = {"footerReference": "headerReference"}
REPEATABLE = {"style", "tr", "headerReference"}


def _check(root) -> int:
    checked = 0
    for parent, names in ORDER.items():
        rank = {n: i for i, n in enumerate(names.split())}
        for el in root.iter(f"{{{W}}}{parent}"):
            seen, names_seen = [], []
            for child in el:
                if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
                    continue
                local = etree.QName(child).localname
                local = SAME_RANK.get(local, local)
                assert local in rank, f"<w:{local}> is not allowed in <w:{parent}>"
                seen.append(rank[local])
                names_seen.append(local)
            assert seen == sorted(seen), (
                f"children of <w:{parent}> out of order: {[etree.QName(c).localname for c in el]}"
            )
            once = [n for n in names_seen if n not in REPEATABLE]
            assert len(once) == len(set(once)), f"repeated child in <w:{parent}>: {names_seen}"
            checked += 1
    return checked


@pytest.mark.parametrize(
    "make", [caidian_2024, lambda: synthetic_project(n_items=60, seed=2, variant="2020", layout="B")]
)
def test_every_part_keeps_schema_order(make):
    data = build_docx(make())
    checked = 0
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                checked += _check(etree.fromstring(z.read(name)))
    assert checked > 1000


def test_the_check_finds_a_misordered_element():
    bad = etree.fromstring(f"<w:style xmlns:w='{W}'><w:name w:val='x'/><w:tblPr/><w:rPr/></w:style>")
    with pytest.raises(AssertionError, match="out of order"):
        _check(bad)
