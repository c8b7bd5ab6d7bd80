"""installer/juesuan.iss cannot be compiled here (Inno Setup is Windows-only); it is read instead,
and every name and path it uses is held to build.spec, pyproject.toml and the app's own constants."""

from __future__ import annotations

import re
import tomllib
from pathlib import PureWindowsPath

import pytest

from model.fileio import SUFFIX
from tests.app_runs import CLI_NAME, NAME, ROOT

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
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', script, re.M))


def section(script: str, name: str) -> list[str]:
    body = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", script, re.M | re.S).group(1)
    return [line for line in body.splitlines() if line.strip() and not line.startswith(";")]


def setup(script: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in section(script, "Setup"))


def expand(text: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], text)


def test_every_define_used_is_defined(script, defines):
    used = set(re.findall(r"\{#(\w+)\}", script))
    assert used and used <= defines.keys()
    assert defines.keys() <= used  # and none is left over to drift


def test_names_match_the_spec_and_the_app(defines):
    from ui.paths import APP_ID, APP_NAME

    assert defines["ExeName"] == f"{NAME}.exe"
    assert defines["CliExeName"] == f"{CLI_NAME}.exe"
    assert PureWindowsPath(defines["DistDir"]) == PureWindowsPath("..", "dist", NAME)
    assert defines["FileExt"] == SUFFIX
    assert defines["AppName"] == APP_NAME
    assert defines["AppFolder"] == APP_ID


def test_version_matches_pyproject(defines):
    with open(ROOT / "pyproject.toml", "rb") as f:
        assert defines["AppVersion"] == tomllib.load(f)["project"]["version"]


def test_per_user_install_from_the_built_folder(script, defines):
    s = setup(script)
    assert s["PrivilegesRequired"] == "lowest"
    assert expand(s["DefaultDirName"], defines).startswith(("{userpf}\\", "{localappdata}\\"))
    assert (ISS.parent / s["SetupIconFile"]).exists()
    assert s["ChangesAssociations"] == "yes"
    [files] = section(script, "Files")
    assert expand(files, defines).startswith(f'Source: "..\\dist\\{NAME}\\*"; DestDir: "{{app}}"')
    assert "recursesubdirs" in files  # _internal\ and everything below it


def test_start_menu_entry_opens_the_window(script, defines):
    icons = [expand(line, defines) for line in section(script, "Icons")]
    menu = [line for line in icons if line.startswith('Name: "{userprograms}\\')]
    assert any(f'Filename: "{{app}}\\{NAME}.exe"' in line for line in menu)


def test_project_files_open_in_the_window_for_this_user_only(script, defines):
    registry = [expand(line, defines) for line in section(script, "Registry")]
    assert registry and all(line.startswith('Root: HKCU; Subkey: "Software\\Classes\\') for line in registry)
    ext = next(line for line in registry if f'Subkey: "Software\\Classes\\{SUFFIX}";' in line)
    prog_id = re.search(r'ValueData: "([^"]+)"', ext).group(1)
    assert "uninsdeletevalue" in ext
    command = next(line for line in registry if f"Classes\\{prog_id}\\shell\\open\\command" in line)
    assert f'ValueData: """{{app}}\\{NAME}.exe"" ""%1"""' in command
    assert any(f'Subkey: "Software\\Classes\\{prog_id}";' in line and "uninsdeletekey" in line for line in registry)
