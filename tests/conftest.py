import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory):
    """The damaged and hostile files of tests/hostile.py, made once for every test that reads them."""
    from tests.hostile import make_all

    folder = tmp_path_factory.mktemp("hostile")
    for _h, _path in make_all(folder):
        pass
    return folder
