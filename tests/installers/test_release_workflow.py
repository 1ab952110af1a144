"""The release workflow, as far as it can be checked without GitHub: its shape, and its bash
steps pass shellcheck (with each `${{ ... }}` expression replaced by a plain word)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
NODE24_MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
}


def _workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> list[tuple[str, dict[str, Any]]]:
    return [
        (job_id, step)
        for job_id, job in _workflow()["jobs"].items()
        for step in job.get("steps", [])
    ]


def test_triggers_and_platforms() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers
    jobs = workflow["jobs"]
    assert jobs["linux"]["container"] == "python:3.11-bookworm"  # Debian 12, as the Makefile
    assert jobs["windows"]["runs-on"] == "windows-latest"
    assert jobs["macos"]["runs-on"].startswith("macos-")
    for job in ("windows", "macos"):
        setup = next(s for s in jobs[job]["steps"] if "setup-python" in s.get("uses", ""))
        assert setup["with"]["python-version"] == "3.11"
    release = jobs["release"]
    assert release["needs"] == ["linux", "windows", "macos"]
    assert release["if"] == "github.ref_type == 'tag'"
    assert release["permissions"] == {"contents": "write"}
    assert workflow["permissions"] == {"contents": "read"}  # only the release job may write


def test_actions_are_pinned_to_a_major_version() -> None:
    for _job, step in _steps():
        if "uses" in step:
            assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), step["uses"]
            # Node 20 left the runners in September 2026: these majors are the Node 24 ones.
            action, major = step["uses"].split("@v")
            assert int(major) >= NODE24_MAJORS[action], step["uses"]


def test_secrets_reach_scripts_only_through_env() -> None:
    """A secret written into a script's text could end up in the log; through env it is masked."""
    for _job, step in _steps():
        assert "secrets." not in step.get("run", ""), step.get("name")
        assert "secrets." not in str(step.get("if", "")), step.get("name")


def test_step_ids_used_in_conditions_exist() -> None:
    ids = {step["id"] for _job, step in _steps() if "id" in step}
    for _job, step in _steps():
        for used in re.findall(r"steps\.(\w+)\.", str(step.get("if", "")) + step.get("run", "")):
            assert used in ids, f"{step.get('name')}: no step with id {used}"


def test_artifacts_match_what_the_scripts_make() -> None:
    uploaded = {
        job: step["with"]["path"].split()
        for job, step in _steps()
        if step.get("uses", "").startswith("actions/upload-artifact")
    }
    assert uploaded == {
        "linux": ["dist/*.tar.gz", "dist/*.AppImage"],
        "windows": ["dist/*-setup.exe"],
        "macos": ["dist/*.dmg"],
    }
    iss = (ROOT / "installers" / "windows" / "hitrecord-desktop.iss").read_text(encoding="utf-8")
    assert "OutputBaseFilename=hitrecord-desktop-{#AppVersion}-windows-x64-setup" in iss
    assert ".AppImage" in (ROOT / "installers" / "linux" / "make_appimage.sh").read_text()
    assert ".dmg" in (ROOT / "installers" / "macos" / "make_dmg.sh").read_text()


def _bash_steps() -> list[tuple[str, str]]:
    default = _workflow()["defaults"]["run"]["shell"]
    found = []
    for job, step in _steps():
        if "run" in step and step.get("shell", default) == "bash":
            found.append((f"{job}: {step.get('name', step['run'][:30])}", step["run"]))
    return found


@pytest.mark.parametrize(("name", "script"), _bash_steps(), ids=[n for n, _ in _bash_steps()])
def test_bash_step_passes_shellcheck(name: str, script: str, tmp_path: Path) -> None:
    tool = shutil.which("shellcheck")
    if tool is None:
        pytest.fail("shellcheck is missing: Debian's shellcheck (make test-packages installs it)")
    # GitHub runs these with `bash -e {0}`; an expression is text pasted in before bash runs.
    text = "#!/bin/bash\nset -e\n" + re.sub(r"\$\{\{.*?\}\}", "EXPRESSION", script)
    path = tmp_path / "step.sh"
    path.write_text(text)
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{name}\n{result.stdout}"
