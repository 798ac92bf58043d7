"""Shared fixtures for the Python tests: the built `rehab` program (REHAB_CLI, set by ctest), the
source tree, a work folder, and one Engine on the bundled data for the whole session."""
import os
import pathlib
import subprocess

import pytest

import rehab

SOURCE = pathlib.Path(os.environ.get("REHAB_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("REHAB_CLI", str(SOURCE / "build" / "dev" / "src" / "rehab"))


def run_cli(*args, input=None, check=True):
    """Runs the CLI on the bundled data; returns (exit code, stdout bytes, stderr text)."""
    p = subprocess.run([CLI, "-q", *map(str, args)], input=input, capture_output=True)
    if check and p.returncode not in (0, 1, 2):
        raise AssertionError(f"rehab {' '.join(map(str, args))} exited {p.returncode}: {p.stderr.decode()}")
    return p.returncode, p.stdout, p.stderr.decode()


@pytest.fixture(scope="session")
def engine():
    return rehab.Engine()


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE


@pytest.fixture()
def work(tmp_path):
    return tmp_path
