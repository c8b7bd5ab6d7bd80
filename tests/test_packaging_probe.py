"""The start-up probe the benchmarks time the window with, and no network use from source.

Python's audit hooks see every socket the interpreter opens and every name it looks up; the app,
run through such a hook, must do neither while it opens the window, checks or exports. (The frozen
build is watched from outside, with strace, in test_packaging_build.py.)
"""

from __future__ import annotations

import importlib.util

from tests.app_runs import ROOT, app_env, run, source_command, start_window
from tests.seed_data import SAMPLE_2024, WORKBOOK_2024

WATCHED = r"""
import socket, sys
INET = (socket.AF_INET, socket.AF_INET6)
def hook(event, args):
    if event == "socket.__new__" and args[1] in INET:
        sys.stderr.write(f"NETWORK {event} {args[1:]}\n")
    elif event in ("socket.connect", "socket.sendto", "socket.sendmsg") and args[0].family in INET:
        sys.stderr.write(f"NETWORK {event} {args[1:]}\n")
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request"):
        sys.stderr.write(f"NETWORK {event} {args}\n")
sys.addaudithook(hook)
"""


def watched(code: str) -> list[str]:
    import sys

    return [sys.executable, "-c", WATCHED + code]


def app_main(args: list[str]) -> str:
    return f"sys.path.insert(0, {str(ROOT)!r}); import main; sys.exit(main.main({args!r}))"


def test_probe_reports_the_first_paint_then_closes_the_window(tmp_path):
    started = start_window(source_command(), env=app_env(tmp_path / "data"))
    assert started.result.returncode == 0
    assert "蔡甸区委办公室" in started.probe["title"]  # the bundled sample, opened when no file is given
    assert 0 < started.seconds < 60
    assert 30 < started.probe["rss_mb"] <= started.probe["peak_rss_mb"]


def test_probe_closes_a_project_file_normally(tmp_path):
    from ui.lock import lock_path

    project = tmp_path / "部门.jsgk"
    project.write_bytes(SAMPLE_2024.read_bytes())
    started = start_window(source_command(), project, env=app_env(tmp_path / "data"))
    assert started.probe["title"].startswith("部门.jsgk")
    assert not lock_path(project).exists()  # closed the way a user closes it: lock released
    assert not list((tmp_path / "data").rglob("*.jsgk"))  # and no recovery copy left behind


def test_the_audit_hook_sees_a_connection(tmp_path):
    # The control: without it, silence below could mean the hook sees nothing.
    code = "import socket\ntry: socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept OSError: pass"
    r = run(watched(code), env=app_env(tmp_path))
    assert "NETWORK socket.__new__" in r.stderr and "NETWORK socket.connect" in r.stderr


def test_window_check_and_export_use_no_network(tmp_path):
    env = app_env(tmp_path / "data")
    started = start_window(watched(app_main([])), env=env)
    assert "NETWORK" not in started.result.stderr

    r = run(watched(app_main(["check", str(WORKBOOK_2024)])), env=env)
    assert r.returncode == 0 and "错误 0" in r.stdout
    assert "NETWORK" not in r.stderr

    args = ["export", str(SAMPLE_2024), "--xlsx", str(tmp_path / "a.xlsx"), "--checklist", str(tmp_path / "a.pdf")]
    if importlib.util.find_spec("export.docx_document"):
        args += ["--docx", str(tmp_path / "a.docx")]
    r = run(watched(app_main(args)), env=env)
    assert r.returncode == 0, r.stderr
    assert "NETWORK" not in r.stderr
    assert (tmp_path / "a.xlsx").stat().st_size > 0 and (tmp_path / "a.pdf").stat().st_size > 0
