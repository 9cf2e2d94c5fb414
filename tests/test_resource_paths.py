"""A resource path in the descriptor that could read something else than a data file inside data/.

A symbolic link to a file outside, a path that climbs out (``../../../../etc/passwd``), an
absolute path, a URL or an unsafe text each get one line from ``make validate`` and from the
loader, naming the resource and the rule; nothing is read from where the path points, so
the target's contents never appear.
"""

import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import data, datapackage, paths
from helpers.cli import validate as validate_cli
from helpers.datapackage.descriptor import path_problem

SECRET = "root:x:0:0:SECRET-CONTENTS:/root:/bin/bash"


def _set_path(folder, resource, path):
    desc_path = folder / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["name"] == resource:
            res["path"] = path
    desc_path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


def _one_line_everywhere(folder, rule, capsys):
    """make validate prints one problem line; the loader raises with that same line; both name the
    resource and the rule and show nothing of the target."""
    assert validate_cli.main([str(folder)]) == 1
    out, err = capsys.readouterr()
    [line] = out.splitlines()
    assert f": {rule}: resource 'gaps':" in line and line.startswith("datapackage.json, field 'path'")
    assert err.strip() == f"1 problem found in {paths.display_path(folder)}/"
    with pytest.raises(datapackage.DataValidationError) as info:
        data.load(folder)
    assert line in str(info.value).splitlines()[1]
    assert len(info.value.problems) == 1
    for shown in (out, err, str(info.value)):
        assert "SECRET" not in shown and "root:x" not in shown
    return line


@pytest.fixture
def outside(tmp_path):
    """A file outside the data folder, with contents that must never be shown."""
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET + "\n" * 3 + "daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n", encoding="utf-8")
    return path


def test_a_symlink_to_a_file_outside_is_named_without_its_contents(data_copy, outside, capsys):
    (data_copy / "gaps.csv").unlink()
    os.symlink(outside, data_copy / "gaps.csv")
    line = _one_line_everywhere(data_copy, "path-is-symlink", capsys)
    assert "'gaps.csv'" in line and str(outside) not in line  # no path of the machine either


def test_a_symlink_even_to_the_very_same_data_is_refused(data_copy, tmp_path):
    # A link can be changed to point elsewhere without the data folder changing: refused as such.
    kept = tmp_path / "gaps-elsewhere.csv"
    (data_copy / "gaps.csv").rename(kept)
    os.symlink(kept, data_copy / "gaps.csv")
    [problem] = datapackage.validate(data_copy)
    assert problem.rule == "path-is-symlink"


def test_a_folder_on_the_way_that_is_a_symlink_is_refused(data_copy, outside, capsys):
    (data_copy / "sub").mkdir()
    os.symlink(outside.parent, data_copy / "sub" / "link")
    _set_path(data_copy, "gaps", "sub/link/passwd")
    _one_line_everywhere(data_copy, "path-is-symlink", capsys)


@pytest.mark.parametrize(
    "path, rule",
    [
        ("../../../../etc/passwd", "path-outside-data"),
        ("/etc/passwd", "path-outside-data"),
        ("C:\\Windows\\win.ini", "path-outside-data"),
        ("~/gaps.csv", "path-outside-data"),
        ("https://example.org/gaps.csv", "path-is-url"),
        ("file:///etc/passwd", "path-is-url"),
        ("gaps.csv\n", "unsafe-path"),
        (".hidden.csv", "unsafe-path"),
        ("gaps .csv", "unsafe-path"),
        (["gaps.csv", "more.csv"], "unsafe-path"),
        (None, "unsafe-path"),
    ],
)
def test_an_unsafe_path_in_the_descriptor_is_one_line(data_copy, capsys, path, rule):
    _set_path(data_copy, "gaps", path)
    line = _one_line_everywhere(data_copy, rule, capsys)
    assert "\n" not in line


def test_reading_a_table_checks_its_path_too(data_copy):
    _set_path(data_copy, "gaps", "../../../../etc/passwd")
    with pytest.raises(datapackage.UnsafePathError, match="resource 'gaps', field 'path': path-outside-data"):
        datapackage.read_table("gaps", data_copy)
    with pytest.raises(datapackage.DataValidationError, match="path-outside-data"):
        data.load(data_copy, validate=False)


def test_the_real_descriptors_paths_are_safe():
    assert datapackage.descriptor.path_problems() == []


@given(st.text(max_size=40))
def test_any_path_text_is_accepted_only_if_it_is_a_plain_relative_name(text):
    folder = paths.data_dir()
    found = path_problem({"name": "gaps", "path": text}, folder)
    if found is None:
        assert datapackage.descriptor.SAFE_PATH.fullmatch(text) and ".." not in text.split("/")
        assert (folder / text).resolve().is_relative_to(folder)
    else:
        assert "\n" not in str(found) and found.rule in (
            "unsafe-path",
            "path-outside-data",
            "path-is-url",
            "path-is-symlink",
        )
