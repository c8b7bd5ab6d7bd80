"""build.spec as PyInstaller runs it, with PyInstaller's build steps recorded instead of performed.

What the spec decides — what goes in, what stays out, which programs come out — is checked
against the code it packages, in a second; test_packaging_build.py builds and runs it for real.
"""

from __future__ import annotations

import ast
import sys
import tomllib
import types
from pathlib import Path

import pytest

from tests.app_runs import CLI_NAME, NAME, ROOT, SPEC

APP_CODE = [ROOT / "main.py", *(p for d in ("model", "checks", "export", "ui") for p in (ROOT / d).rglob("*.py"))]

# A little Qt folder with made-up links: which libraries each binary loads.
LINKS = {
    "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
    "PySide6/Qt/lib/libQt6Gui.so.6": ["libQt6Core.so.6", "libQt6DBus.so.6"],
    "PySide6/Qt/lib/libQt6Core.so.6": ["libicuuc.so.73"],
    "PySide6/Qt/lib/libicuuc.so.73": [],
    "PySide6/Qt/lib/libQt6DBus.so.6": ["libQt6Core.so.6"],
    "PySide6/Qt/lib/libQt6XcbQpa.so.6": ["libQt6Gui.so.6", "libX11.so.6"],
    "libX11.so.6": [],
    "PySide6/Qt/lib/libQt6Network.so.6": ["libQt6Core.so.6", "libssl.so.3"],
    "libssl.so.3": [],
    "PySide6/Qt/lib/libQt6Svg.so.6": ["libQt6Gui.so.6"],
    "libcairo.so.2": ["libX11.so.6"],
    "libjpeg.so.62": [],
    "PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6XcbQpa.so.6"],
    "PySide6/Qt/plugins/platforms/libqoffscreen.so": ["libQt6Gui.so.6"],
    "PySide6/Qt/plugins/platforms/libqvnc.so": ["libQt6Gui.so.6", "libQt6Network.so.6"],
    "PySide6/Qt/plugins/platforms/libqeglfs.so": ["libQt6Gui.so.6"],
    "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so": ["libQt6Network.so.6"],
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so": ["libcairo.so.2", "libgtk-3.so.0"],
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so": ["libQt6DBus.so.6"],
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so": ["libQt6DBus.so.6"],
    "PySide6/Qt/plugins/imageformats/libqsvg.so": ["libQt6Svg.so.6"],
    "PySide6/Qt/plugins/imageformats/libqjpeg.so": ["libjpeg.so.62"],
    "PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll": ["libQt6Gui.so.6"],
    "PySide6/opengl32sw.dll": [],
}
KEPT = {
    "PySide6/QtGui.abi3.so",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libicuuc.so.73",
    "PySide6/Qt/lib/libQt6DBus.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "libX11.so.6",  # also linked by the dropped GTK theme's cairo, but xcb needs it
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",  # Chinese input methods
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll",
}
DATAS = [
    ("resources", str(ROOT / "resources"), "DATA"),
    ("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", "x", "DATA"),
    ("PySide6/Qt/translations/qt_help_ja.qm", "x", "DATA"),
    ("docx/templates/default.docx", "x", "DATA"),
    ("some/__pycache__/x.pyc", "x", "DATA"),
    ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
]


class Recorded:
    calls: list[tuple[str, tuple, dict]]

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        Recorded.calls.append((type(self).__name__, args, kwargs))


class Analysis(Recorded):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pure, self.scripts = ["pure"], ["scripts"]
        self.binaries = [(dest, dest, "EXTENSION" if dest.endswith(".abi3.so") else "BINARY") for dest in LINKS]
        self.datas = list(DATAS)


class PYZ(Recorded):
    pass


class EXE(Recorded):
    pass


class COLLECT(Recorded):
    pass


def run_spec(monkeypatch, *options: str) -> dict:
    fake = types.ModuleType("PyInstaller.depend.bindepend")
    fake.get_imports = lambda src, search_paths=None: {(name, f"/lib/{name}") for name in LINKS[src]}
    for name in ("PyInstaller", "PyInstaller.depend"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", fake)
    monkeypatch.setattr(sys, "argv", ["pyinstaller", *options])
    Recorded.calls = []
    namespace = {"SPECPATH": str(ROOT), "Analysis": Analysis, "PYZ": PYZ, "EXE": EXE, "COLLECT": COLLECT}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["calls"] = Recorded.calls
    return namespace


def calls_of(spec: dict, kind: str) -> list[tuple[tuple, dict]]:
    return [(args, kwargs) for name, args, kwargs in spec["calls"] if name == kind]


def imported_modules(paths: list[Path]) -> set[str]:
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_one_analysis_of_main_with_all_resources(monkeypatch):
    spec = run_spec(monkeypatch)
    [(args, kwargs)] = calls_of(spec, "Analysis")
    assert args[0] == [str(ROOT / "main.py")]
    # The whole tree, so what other branches add under resources/ (document texts, icons…) ships too.
    assert kwargs["datas"] == [(str(ROOT / "resources"), "resources")]


def test_exporters_imported_by_name_are_bundled(monkeypatch):
    from export.export_command import WRITERS

    spec = run_spec(monkeypatch)
    [(_args, kwargs)] = calls_of(spec, "Analysis")
    present = {
        module for module, _f in WRITERS.values() if (ROOT / Path(*module.split("."))).with_suffix(".py").exists()
    }
    assert "export.xlsx_workbook" in present and "export.checklist" in present
    assert present <= set(kwargs["hiddenimports"])


def test_nothing_the_app_imports_is_excluded(monkeypatch):
    spec = run_spec(monkeypatch)
    excluded = set(spec["EXCLUDES"])
    used = imported_modules(APP_CODE)
    assert "PySide6.QtWidgets" in used and "openpyxl" in used  # the scan sees imports, lazy ones too
    clashes = {m for m in used if any(m == x or m.startswith(x + ".") for x in excluded)}
    assert not clashes
    assert {"PySide6.QtNetwork", "ssl", "tkinter"} <= excluded


def test_two_programs_in_one_folder(monkeypatch):
    spec = run_spec(monkeypatch)
    exes = calls_of(spec, "EXE")
    assert [(kw["name"], kw["console"]) for _a, kw in exes] == [(NAME, False), (CLI_NAME, True)]
    for _args, kw in exes:
        assert kw["exclude_binaries"] is True
        assert Path(kw["icon"]) == ROOT / "installer" / "juesuan.ico" and Path(kw["icon"]).exists()
    [(args, kwargs)] = calls_of(spec, "COLLECT")
    assert kwargs["name"] == NAME
    assert sum(isinstance(a, EXE) for a in args) == 2


def test_one_file_variant_is_one_windowed_program(monkeypatch):
    spec = run_spec(monkeypatch, "--onefile")
    [(args, kwargs)] = calls_of(spec, "EXE")
    assert kwargs["name"] == NAME and kwargs["console"] is False
    assert spec["a"].binaries in args and spec["a"].datas in args  # everything inside the exe
    assert not calls_of(spec, "COLLECT")


def test_version_is_pyproject_s(monkeypatch):
    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    assert run_spec(monkeypatch)["VERSION"] == version


def test_unused_plugins_go_and_take_only_their_own_libraries(monkeypatch):
    spec = run_spec(monkeypatch)
    assert {dest for dest, _src, _kind in spec["a"].binaries} == KEPT


def test_translations_kept_in_chinese_only_and_no_dangling_links(monkeypatch):
    spec = run_spec(monkeypatch)
    assert [dest for dest, _src, _kind in spec["a"].datas] == [
        "resources",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "docx/templates/default.docx",
        "libQt6Gui.so.6",  # a link to a library kept; the link to libQt6Network went with it
        "resources/build-info.json",  # the version and build date 关于 shows
    ]


@pytest.mark.parametrize("size", [16, 32, 48, 256])
def test_icon_files_hold_every_size(size, qapp):
    from PySide6.QtGui import QImageReader

    from ui.icon import app_icon

    reader = QImageReader(str(ROOT / "installer" / "juesuan.ico"))
    sizes = set()
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        image = reader.read()
        assert not image.isNull()
        sizes.add(image.width())
    assert size in sizes
    assert any(s.width() == size for s in app_icon().availableSizes())
