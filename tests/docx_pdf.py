"""Converting an exported .docx to PDF with LibreOffice, as the tests and a reviewer do.

A private LibreOffice profile per call lets conversions run in parallel. A fontconfig file maps
the 公文 fonts, absent on Linux, to Noto CJK (serif for 仿宋/宋体/楷体/小标宋, sans for 黑体) and
Times New Roman to Noto Serif CJK's Latin, so the pages look like the document and not like
DejaVu fallback glyphs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SERIF = ("仿宋_GB2312", "仿宋", "宋体", "楷体_GB2312", "楷体", "方正小标宋简体", "Times New Roman")
SANS = ("黑体",)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fontconfig(folder: Path) -> Path:
    def alias(family: str, target: str) -> str:
        return f"<alias binding='same'><family>{family}</family><prefer><family>{target}</family></prefer></alias>"

    aliases = [alias(f, "Noto Serif CJK SC") for f in SERIF] + [alias(f, "Noto Sans CJK SC") for f in SANS]
    conf = folder / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>" + "".join(aliases) + "</fontconfig>",
        encoding="utf-8",
    )
    return conf


def to_pdf(docx: Path, outdir: Path, timeout: int = 180) -> Path:
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(Path(profile))))
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}/user",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx.name}")
    return pdf


def pdf_text(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -layout, split at form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    pages = out.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _x, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return sizes
