"""installer/juesuan.iss, read: every name and path it uses is held to build.spec, pyproject.toml
and the app's own constants. (installer/build-windows.sh compiles it under Wine, installs and
uninstalls it; tests/test_packaging_windows.py reads what that left.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import PureWindowsPath

import pytest

from model.fileio import SUFFIX
from tests.app_runs import CLI_NAME, NAME, ROOT
from ui.paths import APP_ID, APP_NAME

ISS = ROOT / "installer" / "juesuan.iss"


@pytest.fixture(scope="module")
def script() -> str:
    raw = ISS.read_bytes()
    # Inno Setup reads a script as UTF-8 only when it starts with a BOM; otherwise the Chinese
    # names come out garbled in the Start menu and the registry.
    assert raw.startswith(b"\xef\xbb\xbf")
    return raw.decode("utf-8-sig")


@pytest.fixture(scope="module")
def defines(script) -> dict[str, str]:
    return dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', script, re.M))


def section(script: str, name: str) -> list[str]:
    found = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", script, re.M | re.S)
    body = found.group(1) if found else ""
    return [line for line in body.splitlines() if line.strip() and not line.startswith((";", "#"))]


def setup(script: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in section(script, "Setup"))


def expand(text: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], text)


# Given by the build on ISCC's command line (/D), not written in the script.
FROM_THE_BUILD = {"AppVersion"}


def test_every_define_used_is_defined(script, defines):
    used = set(re.findall(r"\{#(\w+)\}", script))
    assert used and used <= defines.keys() | FROM_THE_BUILD
    assert defines.keys() <= used  # and none is left over to drift


def test_names_match_the_spec_and_the_app(defines):
    assert defines["ExeName"] == f"{NAME}.exe"
    assert defines["CliExeName"] == f"{CLI_NAME}.exe"
    assert PureWindowsPath(defines["DistDir"]) == PureWindowsPath("..", "dist", NAME)
    assert defines["FileExt"] == SUFFIX
    assert defines["AppName"] == APP_NAME
    assert defines["AppFolder"] == APP_ID


def test_the_version_is_only_in_pyproject(script, defines):
    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    assert "AppVersion" not in defines and version not in script
    # Compiled without the version, the script stops instead of making a setup without one.
    assert re.search(r"^#ifndef AppVersion\n\s*#error ", script, re.M)
    build = (ROOT / "installer" / "build-windows.sh").read_text(encoding="utf-8")
    assert '"/DAppVersion=$VERSION"' in build and "VERSION=$(" in build
    assert 'windows_checks.py" version)' in build  # read from pyproject.toml


def test_per_user_install_from_the_built_folder(script, defines):
    s = setup(script)
    assert s["PrivilegesRequired"] == "lowest"
    # {userpf} names the same folder on Windows 10, but Wine cannot expand it.
    assert expand(s["DefaultDirName"], defines) == "{localappdata}\\Programs\\JuesuanGongkai"
    assert (ISS.parent / s["SetupIconFile"]).exists()
    assert s["ChangesAssociations"] == "yes"
    [files] = section(script, "Files")
    assert files.startswith('Source: "{#DistDir}\\*"; DestDir: "{app}"')
    assert PureWindowsPath(defines["DistDir"]) == PureWindowsPath("..", "dist", NAME)  # unless the build says
    assert "recursesubdirs" in files  # _internal\ and everything below it
    assert not section(script, "UninstallDelete")  # nothing of the user's is removed


def test_the_wizard_speaks_chinese_from_the_scripts_own_texts(script):
    [language] = section(script, "Languages")
    assert 'MessagesFile: "compiler:Default.isl"' in language  # the only file every compiler has
    assert "ChineseSimplified" not in script
    assert re.search(r'^#include "wizard-zh_CN.iss"$', script, re.M)
    assert (ISS.parent / "wizard-zh_CN.iss").read_bytes().startswith(b"\xef\xbb\xbf")


def test_start_menu_and_desktop_shortcuts_open_the_window(script, defines):
    icons = [expand(line, defines) for line in section(script, "Icons")]
    for place in ("{userprograms}", "{userdesktop}"):
        [shortcut] = [line for line in icons if line.startswith(f'Name: "{place}\\{APP_NAME}"')]
        assert f'Filename: "{{app}}\\{NAME}.exe"' in shortcut
    desktop_task = next(line for line in section(script, "Tasks") if line.startswith('Name: "desktopicon"'))
    assert "unchecked" not in desktop_task  # a silent install creates it too


def test_project_files_open_in_the_window_for_this_user_only(script, defines):
    registry = [expand(line, defines) for line in section(script, "Registry")]
    assert registry and all(line.startswith('Root: HKCU; Subkey: "Software\\Classes\\') for line in registry)
    ext = next(line for line in registry if f'Subkey: "Software\\Classes\\{SUFFIX}";' in line)
    prog_id = re.search(r'ValueData: "([^"]+)"', ext).group(1)
    assert "uninsdeletevalue" in ext
    command = next(line for line in registry if f"Classes\\{prog_id}\\shell\\open\\command" in line)
    assert f'ValueData: """{{app}}\\{NAME}.exe"" ""%1"""' in command
    assert any(f'Subkey: "Software\\Classes\\{prog_id}";' in line and "uninsdeletekey" in line for line in registry)


def test_every_registry_key_goes_on_uninstall(script, defines):
    registry = [expand(line, defines) for line in section(script, "Registry")]
    subkey = {line: re.search(r'Subkey: "([^"]+)"', line).group(1) for line in registry}
    removed = [subkey[line] for line in registry if "uninsdeletekey" in line]
    for line in registry:
        own = "uninsdeletekey" in line or ("uninsdeletevalue" in line and "uninsdeletekeyifempty" in line)
        under = any(subkey[line].startswith(key + "\\") for key in removed)
        assert own or under, line
