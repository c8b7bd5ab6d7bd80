"""Start-up check that XML from foreign files cannot declare entities anywhere we parse it.

Workbooks and documents are read through ``model.inputs`` (expat, DTD refused); openpyxl and python-docx
parse XML too (templates, files written back). openpyxl defends itself only when defusedxml is
installed and not switched off (``OPENPYXL_DEFUSEDXML``), which a packaging slip would undo
silently. So each parser is tried, at start-up, on a document that declares an entity: each must
refuse it or leave it unexpanded. ``main.py`` calls this before reading any file.
"""

from __future__ import annotations

import functools
import io

_PROBE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY probe "EXPANDED">]><x>&probe;</x>'


class UnsafeXmlError(RuntimeError):
    """The XML parsers would expand entities from foreign files; the message is for the user."""


def _expanded(parse) -> bool:
    """Whether ``parse`` expanded the probe's entity (an exception is a refusal: safe)."""
    try:
        result = parse(_PROBE)
    except Exception:
        return False
    return b"EXPANDED" in result


@functools.cache
def assert_xml_safety() -> None:
    try:
        import defusedxml.ElementTree  # noqa: F401
    except ImportError:
        raise UnsafeXmlError(
            "缺少安全组件 defusedxml，为防止恶意构造的工作簿，本程序不能运行。请重新安装本软件。"
        ) from None
    import openpyxl
    from openpyxl.xml import functions

    from model.inputs import parses_entities

    problems = []
    if not openpyxl.DEFUSEDXML:
        problems.append("openpyxl 未启用 defusedxml（可能设置了 OPENPYXL_DEFUSEDXML=False）")
    if _expanded(lambda data: b"".join((el.text or "").encode() for _e, el in functions.iterparse(io.BytesIO(data)))):
        problems.append("openpyxl 的 iterparse 会展开实体")
    if _expanded(lambda data: (functions.fromstring(data).text or "").encode()):
        problems.append("openpyxl 的 fromstring 会展开实体")
    if parses_entities(_PROBE):
        problems.append("工作簿读取器接受实体声明")
    if problems:
        raise UnsafeXmlError(
            "XML 安全检查未通过：" + "；".join(problems) + "。为防止恶意构造的工作簿，本程序不能运行。"
        )
