"""bin/dev, bin/test and .ci/run explain themselves and check before they act."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return subprocess.run(
        list(args), cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=20
    )


@pytest.mark.parametrize("script", ["bin/test", "bin/dev"])
def test_help_prints_usage_and_runs_nothing(script):
    result = _run(script, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: {script}")
    assert "==>" not in result.stdout + result.stderr
    for variable in ("PYTHON", "VENV"):
        assert variable in result.stdout


def test_bin_test_documents_the_flag_that_installs_system_packages():
    assert "--install-system-deps" in _run("bin/test", "--help").stdout
    assert "--install-system-deps" in (ROOT / ".ci/run").read_text()


def test_bin_dev_documents_port_and_host():
    usage = _run("bin/dev", "--help").stdout
    assert "PORT=8000" in usage
    assert "HOST=127.0.0.1" in usage


def test_an_unsupported_python_is_refused_first_with_how_to_fix_it(tmp_path):
    fake = tmp_path / "python3"
    fake.write_text("#!/bin/sh\necho 'Python 3.10.13'\nexit 1\n")
    fake.chmod(0o755)
    result = _run("bin/dev", PYTHON=str(fake), VENV=str(tmp_path / "venv"))
    assert result.returncode == 1
    assert "Python 3.11, 3.12 or 3.13" in result.stderr
    assert not (tmp_path / "venv").exists()
