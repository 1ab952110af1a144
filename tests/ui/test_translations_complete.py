"""German and Italian cover every string the windows show: the committed .ts files hold each
source string lupdate finds in the UI code, each translated, and the .qm files are compiled
from them. A new string without its translations fails here (run `make translations`, then
translate what it marks unfinished)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de", "it")


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    tool = shutil.which(name)
    if tool is None:
        pytest.skip(f"{name} is not installed (it comes with the PySide6 wheel)")
    return tool


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = (
                translation.text or "",
                translation.get("type"),
            )
    return found


@pytest.fixture(scope="module")
def source_strings(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    out = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "hitrecord_desktop" / "ui").rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(out)], check=True, capture_output=True
    )
    return set(_messages(out))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_ui_is_translated(
    language: str, source_strings: set, tmp_path: Path
) -> None:
    ts = TRANSLATIONS / f"hitrecord_{language}.ts"
    messages = _messages(ts)
    missing = sorted(source_strings - set(messages))
    assert not missing, f"{len(missing)} strings not in {ts.name}: {missing[:10]}"
    unfinished = [key for key in source_strings if messages[key][1] or not messages[key][0]]
    assert not unfinished, f"{len(unfinished)} unfinished in {ts.name}: {unfinished[:10]}"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(fresh)], check=True,
                   capture_output=True)  # fmt: skip
    qm = ts.with_suffix(".qm")
    assert qm.read_bytes() == fresh.read_bytes(), f"{qm.name} is not compiled from {ts.name}"
