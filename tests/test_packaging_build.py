"""Build the app with PyInstaller from build.spec and use the result as an accountant would.

The one-folder build must answer `check` and `export` exactly as the source does, open its window
(offscreen, and on X11 when Xvfb is here), carry all of resources/ and none of what it must not
(QtNetwork, OpenSSL), stay within 150 MB, and never open a network socket (watched with strace).
The one-file variant is built too and started once.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.app_runs import NAME, ROOT, app_env, build, frozen_command, run, source_command, start_window
from tests.seed_data import SAMPLE_2024, SEED_2024, WORKBOOK_2023, WORKBOOK_2024

pytestmark = pytest.mark.slow
SIZE_BUDGET = 150 * 10**6
HAS_DOCX = importlib.util.find_spec("export.docx_document") is not None


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller", reason="pip install -e '.[build]' (CI does)")
    out = tmp_path_factory.mktemp("pyinstaller")
    return build(out / "dist", out / "work")


@pytest.fixture
def env(tmp_path):
    return app_env(tmp_path / "data")


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_folder_has_both_programs_all_resources_and_no_network_code(frozen):
    for cli in (False, True):
        assert os.access(frozen_command(frozen, cli)[0], os.X_OK)
    internal = frozen / "_internal"
    # every resource, and the version and build date 关于 shows (written by build.spec)
    assert files_under(internal / "resources") == files_under(ROOT / "resources") | {"build-info.json"}
    info = json.loads((internal / "resources" / "build-info.json").read_text(encoding="utf-8"))
    assert info["version"] == tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    names = {p.name for p in internal.rglob("*")}
    platforms = {p.name for p in (internal / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so", "libqwayland.so"} <= platforms
    assert "libibusplatforminputcontextplugin.so" in names  # typing Chinese with IBus
    import PySide6

    printing = Path(PySide6.__file__).parent / "Qt" / "plugins" / "printsupport"  # 打印审核清单 finds printers
    if printing.is_dir():
        assert {p.name for p in printing.iterdir()} <= names
    unwanted = re.compile(
        r"Qt6(Network|Qml|Quick|WebEngine|Pdf|Multimedia|3D)|libssl|libcrypto|_ssl\.|tkinter|_tkinter"
    )
    assert not sorted(n for n in names if unwanted.search(n))
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    size = sum(p.stat().st_size for p in frozen.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= SIZE_BUDGET, f"{size / 1e6:.1f} MB"


def test_check_answers_as_the_source_does(frozen, env, tmp_path):
    from model.fileio import save_project
    from model.layout import T
    from tests.seed_data import caidian_2024

    cli = frozen_command(frozen, cli=True)
    assert run(cli, "--help", env=env).stdout.startswith("usage: juesuan-cli ")  # as the user types it
    r = run(cli, "check", WORKBOOK_2024, env=env)
    assert r.returncode == 0, r.stderr
    assert "错误 0 · 尾数差异 13 · 警告 1 · 提示 3" in r.stdout
    assert "【01表 收入支出决算总表】" in r.stdout
    assert r.stdout == run(source_command(), "check", WORKBOOK_2024, env=env).stdout

    as_json = run(cli, "check", SAMPLE_2024, "--json", env=env)
    assert json.loads(as_json.stdout) == json.loads(
        run(source_command(), "check", SAMPLE_2024, "--json", env=env).stdout
    )

    # The 情况说明 of a published document, checked against the tables (python-docx reads a .docx).
    text = tmp_path / "说明.docx" if HAS_DOCX else SEED_2024
    if HAS_DOCX:
        from export.docx_document import write_docx
        from model.fileio import load_project

        write_docx(load_project(SAMPLE_2024), text)
    r = run(cli, "check", SAMPLE_2024, "--text", text, env=env)
    source = run(source_command(), "check", SAMPLE_2024, "--text", text, env=env)
    assert "情况说明" in r.stdout
    assert (r.returncode, r.stdout) == (source.returncode, source.stdout)

    bad = caidian_2024()
    bad.tables[T.GENERAL].row("total").values[1] += 100
    save_project(bad, tmp_path / "bad.jsgk")
    r = run(cli, "check", tmp_path / "bad.jsgk", env=env)
    assert r.returncode == 1 and "错误 " in r.stdout

    damaged = tmp_path / "坏.xlsx"
    damaged.write_bytes(WORKBOOK_2023.read_bytes()[:3000])
    r = run(cli, "check", damaged, env=env)
    assert r.returncode == 2 and "无法读取" in r.stderr + r.stdout
    assert damaged.stat().st_size == 3000

    # A folder: the batch runs its workers from the frozen program itself.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in (WORKBOOK_2023, WORKBOOK_2024, tmp_path / "bad.jsgk"):
        shutil.copy(path, inbox)
    r = run(frozen_command(frozen), "check", inbox, "--jobs", "2", env=env)
    assert r.returncode == 1
    assert r.stdout == run(source_command(), "check", inbox, "--jobs", "2", env=env).stdout


def test_export_writes_the_same_workbook_and_a_check_list(frozen, env, tmp_path):
    import openpyxl

    from export.xlsx_workbook import write_xlsx
    from model.fileio import load_project

    targets = ["--xlsx", tmp_path / "a.xlsx", "--checklist", tmp_path / "a.pdf"]
    if HAS_DOCX:
        targets += ["--docx", tmp_path / "a.docx"]
    r = run(frozen_command(frozen, cli=True), "export", SAMPLE_2024, *targets, env=env)
    assert r.returncode == 0, r.stderr

    write_xlsx(load_project(SAMPLE_2024), tmp_path / "source.xlsx")
    frozen_book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    source_book = openpyxl.load_workbook(tmp_path / "source.xlsx")
    assert len(frozen_book.sheetnames) == 9 and frozen_book.sheetnames == source_book.sheetnames
    for name in source_book.sheetnames:
        cells = [[c.value for c in row] for row in frozen_book[name].iter_rows()]
        assert cells == [[c.value for c in row] for row in source_book[name].iter_rows()], name

    pdf = (tmp_path / "a.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True).stdout
        assert "审核清单" in text and "蔡甸区委员会办公室" in text

    if HAS_DOCX:
        import docx

        document = docx.Document(str(tmp_path / "a.docx"))
        assert any("蔡甸" in p.text for p in document.paragraphs)
        assert document.inline_shapes  # the charts, painted by Qt in the frozen program


def test_window_starts_offscreen_and_closes(frozen, env, tmp_path):
    started = start_window(frozen_command(frozen), env=env)
    assert "蔡甸区委办公室" in started.probe["title"]
    project = tmp_path / "双击打开.jsgk"  # as the file association starts it: the file as the argument
    shutil.copy(SAMPLE_2024, project)
    assert start_window(frozen_command(frozen), project, env=env).probe["title"].startswith(project.name)


def test_window_starts_on_x11(frozen, env, tmp_path):
    # The X11 plugin and the libraries it loads are what a Linux desktop uses; offscreen needs none.
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb not installed")
    display = next(f":{n}" for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        x11 = {**env, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        try:
            start_window(source_command(), env=x11)
        except AssertionError as e:  # the machine lacks X11 libraries Qt needs; nothing to compare with
            pytest.skip(f"the window does not start on X11 from source either: {str(e)[:300]}")
        started = start_window(frozen_command(frozen), env=x11)
        assert "蔡甸区委办公室" in started.probe["title"]
        assert "Could not load the Qt platform plugin" not in started.result.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_no_network_socket_is_ever_opened(frozen, env, tmp_path):
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace not installed")
    logs = []

    def watch(tag: str) -> list[str]:
        log = tmp_path / f"{tag}.strace"
        logs.append(log)
        return [strace, "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg", "-o", str(log)]

    control = run([sys.executable, "-c", "import socket; socket.socket()"], env=env, wrap=watch("control"))
    assert control.returncode == 0 and "AF_INET" in logs.pop().read_text()  # strace sees what we look for

    start_window(frozen_command(frozen), env=env, wrap=watch("window"))
    assert run(frozen_command(frozen, cli=True), "check", WORKBOOK_2024, env=env, wrap=watch("check")).returncode == 0
    out = ["--xlsx", tmp_path / "a.xlsx", "--checklist", tmp_path / "a.pdf"]
    assert (
        run(frozen_command(frozen, cli=True), "export", SAMPLE_2024, *out, env=env, wrap=watch("export")).returncode
        == 0
    )
    calls = [line for log in logs for line in log.read_text().splitlines()]
    assert not [line for line in calls if "AF_INET" in line]  # AF_INET and AF_INET6; local AF_UNIX is fine


def test_one_file_variant_checks_and_opens_the_window(frozen, env, tmp_path):
    exe = build(tmp_path / "dist", tmp_path / "work", onefile=True)
    assert exe.is_file() and exe.name.startswith(NAME)
    r = run([str(exe)], "check", WORKBOOK_2024, env=env)
    assert r.returncode == 0 and "错误 0 · 尾数差异 13 · 警告 1 · 提示 3" in r.stdout
    assert "蔡甸区委办公室" in start_window([str(exe)], env=env).probe["title"]
