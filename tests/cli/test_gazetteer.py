"""`hodo gazetteer add` / `path`: files merged into the user gazetteer, idempotently."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from hodo.cli import main
from hodo.extract.gazetteer import load_gazetteer

DUMP = Path(__file__).parents[1] / "extract" / "data" / "wikidata.json"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    r = CliRunner(env=env).invoke(main, ["gazetteer", *args])
    return r.exit_code, r.stdout, r.stderr


def test_add_twice_writes_once(tmp_path: Path) -> None:
    into = tmp_path / "user.toml"
    code, _, err = run("add", str(DUMP), "--into", str(into))
    assert code == 0, err
    assert "4 added, 1 built-in extended" in err and f'--gazetteer "{into}"' in err
    assert "skipped Q999000050" in err
    first, mtime = into.read_bytes(), into.stat().st_mtime_ns
    code, _, err = run("add", str(DUMP), "--into", str(into))
    assert code == 0 and "0 added, 0 built-in extended, 0 updated, 5 unchanged" in err
    assert into.read_bytes() == first and into.stat().st_mtime_ns == mtime
    assert load_gazetteer([into]).lookup("清津市") is not None


def test_default_location_comes_from_the_environment(tmp_path: Path) -> None:
    env = {"HODO_GAZETTEER": str(tmp_path / "g.toml")}
    assert run("path", env=env)[1].strip() == str(tmp_path / "g.toml")
    env = {"HODO_GAZETTEER": "", "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    default = tmp_path / "cfg" / "hodo" / "gazetteer.toml"
    assert run("path", env=env)[1].strip() == str(default)
    code, _, err = run("add", str(DUMP), env=env)
    assert code == 0, err
    assert "park-min-jun" in {e["id"] for e in tomllib.loads(default.read_text(encoding="utf-8"))["entity"]}


def test_own_format_and_verbose_notes(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text(
        '[[entity]]\nid = "test-city"\ntype = "GPE"\nname = "試験市"\naliases = ["試験市"]\n',
        encoding="utf-8",
    )
    into = tmp_path / "user.toml"
    assert run("add", str(extra), "--into", str(into))[0] == 0
    code, _, err = run("add", str(DUMP), "--into", str(into), "-v")
    assert code == 0 and "alias '朴長官' left out" in err
    ids = [e["id"] for e in tomllib.loads(into.read_text(encoding="utf-8"))["entity"]]
    assert ids[0] == "test-city" and "park-min-jun" in ids


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("[[entity]]\nid = 1\n", "bad.toml", "needs id, type and name"),
        ('{"entities": 3}', "bad.json", "not Wikidata entities"),
        (b"\xff\xfe\x00", "bad.json", "cannot read"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path: Path, content: str | bytes, name: str, message: str) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    into = tmp_path / "user.toml"
    code, _, err = run("add", str(path), "--into", str(into))
    assert code != 0 and message in err
    assert not into.exists()
