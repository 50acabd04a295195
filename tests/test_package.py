"""The package as a user gets it: a built wheel installed in a fresh virtual environment, the
public API under mypy --strict, and the formats reference that cannot drift from the code."""
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from newsevents.formats.docs import formats_reference

ROOT = Path(__file__).parents[1]


def test_the_checked_in_format_reference_matches_the_code():
    stale = "out of date: run `python -m newsevents.formats.docs` and commit docs/formats.md"
    assert (ROOT / "docs" / "formats.md").read_text(encoding="utf-8") == formats_reference(), stale


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return env


def test_a_built_wheel_installs_and_runs_in_a_fresh_venv(tmp_path):
    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(wheels.glob("newsevents-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True, timeout=300, env=_clean_env())
    assert done.returncode == 0, done.stderr[-2000:]
    # the dependencies come from this environment (no downloads in a test); newsevents from the wheel
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    check = textwrap.dedent("""
        import newsevents, newsevents.codebooks as cb
        from importlib import resources
        assert newsevents.__file__.startswith(%r), newsevents.__file__
        assert cb.goldstein("190") == -10.0 and resources.files("newsevents").joinpath("py.typed").is_file()
        assert resources.files("newsevents").joinpath("serve", "static", "index.html").is_file()
    """ % str(venv))
    done = subprocess.run([str(python), "-c", check], capture_output=True, text=True, cwd=tmp_path,
                          env=_clean_env(), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    done = subprocess.run([str(venv / "bin" / "newsevents"), "demo", "--db", str(tmp_path / "d.duckdb")],
                          capture_output=True, text=True, cwd=tmp_path, env=_clean_env(), timeout=300)
    assert done.returncode == 0 and "PROTEST" in done.stdout, done.stderr[-2000:]
    meta = subprocess.run([str(python), "-c", "from importlib.metadata import metadata; "
                           "m = metadata('newsevents'); print(m['License-Expression'])"],
                          capture_output=True, text=True, env=_clean_env())
    assert meta.stdout.strip() == "Apache-2.0"


def test_the_public_api_passes_mypy_strict(tmp_path):
    pytest.importorskip("mypy")
    script = tmp_path / "user.py"
    script.write_text(textwrap.dedent("""
        import newsevents
        from newsevents.model import Event


        def main(path: str) -> int:
            with newsevents.open(path) as db:
                found = db.events(type="PROTEST", country="KEN", since="2023-01-01")
                for record in found:
                    print(record["date"], record["actor1"])
                print(found.to_arrow().num_rows, len(found), db.event("0" * 16)["type"])
            events: list[Event] = newsevents.extract("Police arrested 40 protesters.", published="2023-03-08")
            return len(events)
    """))
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                           "--no-incremental", str(script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MYPYPATH": str(ROOT / "src")}, cwd=tmp_path)
    assert done.returncode == 0, done.stdout
