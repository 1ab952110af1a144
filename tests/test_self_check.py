"""`--self-check` run for real from the venv: it passes here, and a broken part fails it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from hitrecord_desktop.self_check import Check, CheckFailed, all_checks, run_checks

CHECK_NAMES = [check.name for check in all_checks(require_audio=False)]


def run_self_check(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    args = ["--self-check"]
    if os.environ.get("HITRECORD_TEST_PULSE") == "1":  # the null sink and vmic exist
        args.append("--require-audio-devices")
    return subprocess.run(
        [sys.executable, "-m", "hitrecord_desktop", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HITRECORD_HOME": str(home), **env},
        stdin=subprocess.DEVNULL,
    )


def verdicts(stdout: str) -> dict[str, str]:
    """{check name: "ok" or "FAILED"} from the report's lines."""
    found = {}
    for line in stdout.splitlines():
        verdict, _, rest = line.partition(" ")
        name = rest.strip().split(":", 1)[0]
        if verdict in ("ok", "FAILED") and name in CHECK_NAMES:
            found[name] = verdict
    return found


def test_every_check_passes_from_the_venv(tmp_path: Path) -> None:
    result = run_self_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert verdicts(result.stdout) == dict.fromkeys(CHECK_NAMES, "ok")
    assert result.stdout.rstrip().endswith("self-check: all checks passed")


def test_a_missing_libvlc_fails_only_its_check_and_the_exit_status(tmp_path: Path) -> None:
    # python-vlc loads exactly this file when the variable is set: a broken install of libVLC.
    result = run_self_check(tmp_path, PYTHON_VLC_LIB_PATH=str(tmp_path / "libvlc.so.5"))
    assert result.returncode == 1, result.stdout + result.stderr
    expected = dict.fromkeys(CHECK_NAMES, "ok") | {"libVLC": "FAILED"}
    assert verdicts(result.stdout) == expected
    assert f"1 of {len(CHECK_NAMES)} checks FAILED" in result.stdout


def test_failures_are_reported_and_the_rest_still_run() -> None:
    ran = []

    def broken() -> str:
        raise CheckFailed("the plugin folder is empty")

    def crashing() -> str:
        raise OSError("libportaudio.so.2: cannot open shared object file")

    def fine() -> str:
        ran.append("fine")
        return "all there"

    out = io.StringIO()
    status = run_checks(
        [Check("first", broken), Check("second", crashing), Check("third", fine)], out
    )
    lines = out.getvalue().splitlines()
    assert status == 1
    assert ran == ["fine"]
    assert lines[0].startswith("FAILED first: the plugin folder is empty (")
    assert lines[1].startswith("FAILED second: OSError: libportaudio.so.2: cannot open")
    assert lines[2].startswith("ok     third: all there (")
    assert lines[3] == "self-check: 2 of 3 checks FAILED"


def test_all_passing_checks_exit_zero() -> None:
    out = io.StringIO()
    assert run_checks([Check("one", lambda: "fine")], out) == 0
    assert out.getvalue().splitlines()[-1] == "self-check: all checks passed"
