"""The Windows build made under Wine (installer/build-windows.sh) and the checks it relies on.

The script builds and tries everything once; CI runs it before the suite and points
JSGK_WINDOWS_BUILD at its folder, where the tests at the end read what it left: the app folder,
the installer's list of files, the sizes. Without a build they are skipped. The checks the script
makes (installer/windows_checks.py) are tried here first on cases made to pass and to fail.
"""

from __future__ import annotations

import json
import os
import struct
import tomllib
from pathlib import Path

import pytest

from installer import windows_checks as wc
from tests.app_runs import CLI_NAME, NAME, ROOT

APP_BUDGET, SETUP_BUDGET = 100 * 10**6, 40 * 10**6
WIZARD = ROOT / "installer" / "wizard-zh_CN.iss"


# --- the comparisons ------------------------------------------------------------------------------


def findings(path: str, value: str) -> dict:
    return {
        "input": path,
        "findings": [{"rule": "H202", "message": f"{path}: 合计 ≠ 各类之和", "actual": value}],
        "summary": {"error": 0},
    }


def test_findings_equal_once_the_input_paths_are_normalised(tmp_path):
    linux, windows = "/work/in/2024-蔡甸.xlsx", "Z:\\work\\in\\2024-蔡甸.xlsx"
    (tmp_path / "l.json").write_text(json.dumps(findings(linux, "1105.52")), encoding="utf-8")
    (tmp_path / "w.json").write_text(json.dumps(findings(windows, "1105.52")), encoding="utf-8")
    assert wc.compare_findings(tmp_path / "l.json", tmp_path / "w.json", linux, windows) == []

    (tmp_path / "w.json").write_text(json.dumps(findings(windows, "1105.51")), encoding="utf-8")
    [difference] = wc.compare_findings(tmp_path / "l.json", tmp_path / "w.json", linux, windows)
    assert "actual" in difference and "1105.51" in difference


def test_no_findings_is_not_a_comparison(tmp_path):
    (tmp_path / "l.json").write_text(json.dumps({"findings": []}), encoding="utf-8")
    assert wc.compare_findings(tmp_path / "l.json", tmp_path / "l.json", "", "")


def test_workbooks_compared_by_cell_values_not_by_timestamps(tmp_path):
    import openpyxl

    def book(path: Path, amount, created: str):
        wb = openpyxl.Workbook()
        wb.active.title = "公开01表"
        wb.active["A1"], wb.active["B2"] = "收入支出决算总表", amount
        wb.properties.created = __import__("datetime").datetime.fromisoformat(created)
        wb.save(path)

    book(tmp_path / "l.xlsx", 1105.52, "2024-01-01T08:00:00")
    book(tmp_path / "w.xlsx", 1105.52, "2025-06-30T17:30:00")
    assert wc.compare_files(tmp_path / "l.xlsx", tmp_path / "w.xlsx") == []
    book(tmp_path / "w.xlsx", 1105.51, "2024-01-01T08:00:00")
    assert any("1105.51" in d for d in wc.compare_files(tmp_path / "l.xlsx", tmp_path / "w.xlsx"))
    assert wc.compare_files(tmp_path / "l.xlsx", tmp_path / "missing.xlsx") == ["missing.xlsx: not written on Windows"]


def test_documents_compared_by_text_and_tables(tmp_path):
    import docx

    def document(path: Path, cell: str):
        d = docx.Document()
        d.add_paragraph("一、收入支出决算总体情况说明")
        d.add_table(rows=1, cols=2).rows[0].cells[1].text = cell
        d.core_properties.author = path.stem  # metadata, not content
        d.save(str(path))

    document(tmp_path / "l.docx", "859.36")
    document(tmp_path / "w.docx", "859.36")
    assert wc.compare_files(tmp_path / "l.docx", tmp_path / "w.docx") == []
    document(tmp_path / "w.docx", "859.63")
    assert any("859.63" in d for d in wc.compare_files(tmp_path / "l.docx", tmp_path / "w.docx"))


# --- the stand-ins never ship ---------------------------------------------------------------------


def test_standins_are_found_by_name_and_by_their_mark(tmp_path):
    clean = tmp_path / "app"
    (clean / "_internal" / "PySide6").mkdir(parents=True)
    (clean / "_internal" / "PySide6" / "Qt6Core.dll").write_bytes(b"MZ real Qt")
    assert wc.standins_in_folder(clean) == []

    (clean / "_internal" / "ICUUC.dll").write_bytes(b"MZ")
    (clean / "_internal" / "renamed.dll").write_bytes(b"MZ..." + wc.STANDIN_MARK + b"...")
    assert wc.standins_in_folder(clean) == ["_internal/ICUUC.dll", "_internal/renamed.dll"]


def test_the_standin_sources_carry_the_mark():
    for source in (ROOT / "installer" / "wine").glob("*.c"):
        assert wc.STANDIN_MARK.decode() in source.read_text(encoding="utf-8"), source.name
    assert {p.name for p in (ROOT / "installer" / "wine").glob("*.c")} == {"bcryptprimitives.c", "icuuc-head.c"}


def test_standins_in_the_installers_file_list(tmp_path):
    manifest = tmp_path / "files.txt"
    rows = [
        "Index\tSourceFilename\tTimeStamp",
        "0\tZ:\\b\\dist\\juesuan\\juesuan.exe\t2026",
        "1\tZ:\\b\\x\\BCryptPrimitives.dll\t2026",
    ]
    manifest.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode())
    files = wc.manifest_files(manifest)
    assert files == ["Z:\\b\\dist\\juesuan\\juesuan.exe", "Z:\\b\\x\\BCryptPrimitives.dll"]
    assert wc.standins_in_manifest(files) == ["Z:\\b\\x\\BCryptPrimitives.dll"]
    assert wc.standins_in_manifest(files[:1]) == []


# --- the wizard's Chinese ---------------------------------------------------------------------------

DEFAULT_ISL = """\ufeff[LangOptions]
LanguageName=English
[Messages]
ButtonNext=&Next >
SetupWindowTitle=Setup - %1
WelcomeLabel2=This will install [name/ver] on your computer.%n%nIt is recommended…
ComponentSize2=%1 MB
[CustomMessages]
CreateDesktopIcon=Create a &desktop shortcut
"""


def test_every_default_text_is_given_in_chinese_with_its_placeholders():
    ours = WIZARD.read_bytes()
    assert ours.startswith(b"\xef\xbb\xbf")  # how Inno Setup knows the file is UTF-8
    assert wc.untranslated(DEFAULT_ISL, ours.decode("utf-8-sig")) == []
    langs = wc.isl_sections(ours.decode("utf-8-sig"))["LangOptions"]
    assert langs["LanguageID"] == "$0804" and langs["LanguageName"] == "简体中文"


def test_a_missing_english_or_garbled_text_is_reported():
    ours = "[Messages]\nButtonNext=&Next >\nSetupWindowTitle=安装\nComponentSize2=%1 MB\n[CustomMessages]\n"
    problems = wc.untranslated(DEFAULT_ISL, ours)
    assert problems == [
        "[Messages] ButtonNext: not Chinese: &Next >",
        "[Messages] SetupWindowTitle: placeholders ['%1'] ≠ 安装",
        "[Messages] WelcomeLabel2: missing",
        "[CustomMessages] CreateDesktopIcon: missing",
    ]


# --- screens, the registry, leftovers -----------------------------------------------------------


def xwd(path: Path, width: int, height: int, pixels: list[tuple[int, int, int]], lsb: bool = True):
    name = b"Xvfb\0"
    header = [100 + len(name), 7, 2, 24, width, height, 0, 0 if lsb else 1, 32, 0 if lsb else 1, 32, 32]
    header += [width * 4, 5, 0xFF0000, 0xFF00, 0xFF, 8, 256, 0, width, height, 0, 0, 0]
    body = b"".join(bytes((b, g, r, 0)) if lsb else bytes((0, r, g, b)) for r, g, b in pixels)
    path.write_bytes(struct.pack(">25I", *header) + name + body)


@pytest.mark.parametrize("lsb", [True, False])
def test_xvfb_screen_becomes_the_same_picture(tmp_path, qapp, lsb):
    from PySide6.QtGui import QImage

    pixels = [(255, 0, 0), (0, 128, 0), (0, 0, 255), (250, 250, 250), (1, 2, 3), (40, 50, 60)]
    xwd(tmp_path / "s.xwd", 3, 2, pixels, lsb)
    width, height, rgb = wc.read_xwd(tmp_path / "s.xwd")
    (tmp_path / "s.png").write_bytes(wc.png_bytes(width, height, rgb))
    image = QImage(str(tmp_path / "s.png"))
    assert (image.width(), image.height()) == (3, 2)
    seen = [image.pixelColor(x, y).getRgb()[:3] for y in range(2) for x in range(3)]
    assert seen == pixels
    assert wc.colours(rgb, step=1) == 6 and wc.colours(bytes(18), step=1) == 1
    caret = bytearray(rgb)
    caret[10] ^= 0xFF  # one pixel of the second row
    assert wc.changed_rows(3, rgb, rgb) == 0 and wc.changed_rows(3, rgb, bytes(caret)) == 1


USER_REG = r"""WINE REGISTRY Version 2

[Software\\Classes\\.jsgk] 1796405081
#time=1dd841458d75e5e
@="JuesuanGongkai.Project"

[Software\\Classes\\JuesuanGongkai.Project] 1796405081
@="\x51b3\x7b97\x516c\x5f00\x9879\x76ee"

[Software\\Classes\\JuesuanGongkai.Project\\shell\\open\\command] 1796405081
@="\"C:\\users\\u\\AppData\\Local\\Programs\\JuesuanGongkai\\juesuan.exe\" \"%1\""

[Software\\Wine\\Explorer] 1796405081
"Desktop"="Default"
"""


def test_a_double_click_runs_the_registered_command(tmp_path):
    reg = tmp_path / "user.reg"
    reg.write_text(USER_REG, encoding="utf-8")
    assert wc.open_command(reg, ".jsgk", "C:\\文档\\双击.jsgk") == [
        "C:\\users\\u\\AppData\\Local\\Programs\\JuesuanGongkai\\juesuan.exe",
        "C:\\文档\\双击.jsgk",
    ]
    assert wc._reg_default(USER_REG, "Software\\Classes\\JuesuanGongkai.Project") == "决算公开项目"
    assert wc.open_command(reg, ".xlsx", "x") == []
    assert "Software\\Wine\\Explorer" not in wc.registry_keys(reg)  # Wine's own bookkeeping
    assert "Software\\Classes\\.jsgk" in wc.registry_keys(reg)


def test_leftovers_are_whatever_is_new_but_the_users_data():
    before = {"files": ["users/u/Desktop/old.lnk"], "keys": ["Software\\Classes\\.txt"]}
    after = {
        "files": [
            "users/u/Desktop/old.lnk",
            "users/u/AppData/Local/JuesuanGongkai/recovery/x.jsgk",
            "users/u/AppData/Local/Programs/JuesuanGongkai/juesuan.exe",
        ],
        "keys": ["Software\\Classes\\.txt", "Software\\Classes\\.jsgk"],
    }
    assert wc.leftovers(before, after, ["users/u/AppData/Local/JuesuanGongkai"]) == [
        "file users/u/AppData/Local/Programs/JuesuanGongkai/juesuan.exe",
        "registry Software\\Classes\\.jsgk",
    ]
    assert wc.leftovers(before, before, []) == []


def test_windows_python_gets_the_apps_dependencies_and_pyinstallers_windows_ones():
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    needed = wc.requirements()
    assert set(project["dependencies"]) <= set(needed)
    assert {"pefile", "pywin32-ctypes"} <= set(needed)
    assert any(r.lower().startswith("pyinstaller") for r in needed)
    assert wc.version() == project["version"]


# --- what the script built (CI runs it once, before the suite) -----------------------------------


@pytest.fixture(scope="module")
def built() -> Path:
    folder = Path(os.environ.get("JSGK_WINDOWS_BUILD", ROOT / "build" / "windows"))
    if not (folder / "report" / "sizes.txt").exists():
        pytest.skip("no Windows build: bash installer/build-windows.sh (CI runs it)")
    return folder


def test_the_app_folder_holds_both_programs_and_no_standin(built):
    app = built / "dist" / NAME
    assert (app / f"{NAME}.exe").is_file() and (app / f"{CLI_NAME}.exe").is_file()
    assert (app / "_internal" / "resources").is_dir()
    assert wc.standins_in_folder(app) == []
    assert [p for p in (built / "standins").glob("*.dll") if wc.STANDIN_MARK in p.read_bytes()]  # they exist…
    size = sum(p.stat().st_size for p in app.rglob("*") if p.is_file())
    assert size <= APP_BUDGET, f"{size / 1e6:.1f} MB"


def test_the_installer_carries_exactly_the_app_folder_and_no_standin(built):
    version = wc.version()
    setup = built / "setup" / f"juesuan-setup-{version}.exe"  # the version from pyproject.toml
    assert setup.is_file() and setup.stat().st_size <= SETUP_BUDGET, setup.stat().st_size
    files = wc.manifest_files(built / "setup" / f"juesuan-setup-{version}.files.txt")
    assert wc.standins_in_manifest(files) == []
    dist = built / "dist" / NAME
    prefix = "Z:" + str(dist).replace("/", "\\") + "\\"
    assert all(f.startswith(prefix) for f in files)
    assert {f.removeprefix(prefix).replace("\\", "/") for f in files} == {
        p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()
    }


def test_every_wizard_text_of_the_compiler_in_use_is_chinese(built):
    default = (built / "cache" / "innosetup" / "bin" / "Default.isl").read_bytes().decode("utf-8-sig")
    assert len(wc.isl_sections(default)["Messages"]) > 200
    assert wc.untranslated(default, WIZARD.read_bytes().decode("utf-8-sig")) == []
