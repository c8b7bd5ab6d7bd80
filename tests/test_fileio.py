"""The project file: round trip, refusals that leave the file untouched, atomic saves."""

import json
import os
from decimal import Decimal as D

import pytest

from model import fileio
from model.fileio import ProjectFileError, load_project, save_project
from model.layout import T
from model.project import set_cell_text
from tests.support.synthetic import synthetic_project


def test_round_trip_keeps_values_empties_and_typed_text(tmp_path):
    p = synthetic_project(n_items=10, seed=2)
    row = p.tables[T.GENERAL].subject_rows()[2]
    set_cell_text(row, 3, "12.3.4")
    row.values[2] = D("0.00")
    p.acceptances["W401|basic|30108|1"] = "单位缴费基数不同"
    path = tmp_path / "a.jsgk"
    save_project(p, path)
    q = load_project(path)
    assert q.model_dump() == p.model_dump()
    r = q.tables[T.GENERAL].row(row.key)
    assert r.invalid[3] == "12.3.4" and 3 not in r.values and r.values[2] == D("0.00")


def _refused(path, match):
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(ProjectFileError, match=match):
        load_project(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_truncated_file_is_refused(tmp_path):
    path = tmp_path / "a.jsgk"
    save_project(synthetic_project(n_items=5), path)
    path.write_bytes(path.read_bytes()[:500])
    _refused(path, "损坏或不完整")


def test_foreign_json_is_refused(tmp_path):
    path = tmp_path / "a.jsgk"
    path.write_text(json.dumps({"name": "something else"}), encoding="utf-8")
    _refused(path, "不是决算公开编报助手的项目文件")


def test_newer_version_is_refused(tmp_path):
    path = tmp_path / "a.jsgk"
    doc = json.loads(fileio.dumps(synthetic_project(n_items=5)))
    doc["schema_version"] = fileio.SCHEMA_VERSION + 1
    path.write_text(json.dumps(doc), encoding="utf-8")
    _refused(path, "更新版本")


def test_wrong_content_is_refused(tmp_path):
    path = tmp_path / "a.jsgk"
    doc = json.loads(fileio.dumps(synthetic_project(n_items=5)))
    doc["project"]["tables"]["general"]["rows"][0]["values"]["1"] = "12.345"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _refused(path, "内容不完整或已损坏")


def test_binary_garbage_is_refused(tmp_path):
    path = tmp_path / "a.jsgk"
    path.write_bytes(os.urandom(2000))
    _refused(path, "不是|损坏")


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.jsgk"
    save_project(synthetic_project(n_items=5, seed=1), path)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        save_project(synthetic_project(n_items=5, seed=2), path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["a.jsgk"]


def test_save_keeps_the_file_mode(tmp_path):
    path = tmp_path / "a.jsgk"
    save_project(synthetic_project(n_items=5), path)
    os.chmod(path, 0o640)
    save_project(synthetic_project(n_items=5), path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    "path,value,said",
    [
        (("tables", "general", "rows", 0, "values", "1"), "NaN", "不是有效数字"),
        (("meta", "year"), "abc", "不是整数"),
        (("meta", "variant"), "2019", "取值不在允许的范围内"),
    ],
)
def test_a_refused_file_says_why_in_chinese(tmp_path, path, value, said):
    doc = json.loads(fileio.dumps(synthetic_project(n_items=5)))
    node = doc["project"]
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    f = tmp_path / "a.jsgk"
    f.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ProjectFileError) as e:
        load_project(f)
    assert said in str(e.value) and not any("a" <= ch <= "z" for ch in str(e.value).split("（")[1].split("：")[1])
