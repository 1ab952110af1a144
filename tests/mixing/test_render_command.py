"""The `render` subcommand's entry points: arguments, the run, the printed report."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import numpy as np
import soundfile as sf

from hitrecord_desktop.mixing import render_command
from hitrecord_desktop.paths import AppPaths
from hitrecord_desktop.project.model import Project, Track
from tests.mixing.reference import clip, write_raw


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _project(tmp_path: Path, level: float = 0.25) -> tuple[Project, dict]:
    t = np.arange(48_000 * 4) / 48_000
    source = write_raw(tmp_path / "tone.raw", level * np.sin(2 * np.pi * 440 * t))
    project = Project(title="p", tracks=[Track("a", pan=1.0, clips=[clip("tone", 0, 0, len(t))])])
    return project, {"tone": source}


def test_report_is_printed(tmp_path: Path) -> None:
    project, sources = _project(tmp_path)
    stream = io.StringIO()
    out = tmp_path / "mix.flac"
    code = render_command.render_and_report(project, lambda r: sources[r.path], out, stream)
    text = stream.getvalue()
    assert code == 0 and out.exists()
    assert f"rendered {out} (24-bit FLAC, 0:04.000, 48000 Hz)" in text
    assert "LUFS integrated" in text and "dBTP true" in text and "x real time" in text
    assert "warning" not in text and "rendering" not in text  # no progress bar off a terminal


def test_clipping_warns_and_a_terminal_gets_a_progress_bar(tmp_path: Path) -> None:
    project, sources = _project(tmp_path, level=0.99)
    stream = Terminal()
    code = render_command.render_and_report(
        project, lambda r: sources[r.path], tmp_path / "mix.wav", stream
    )
    text = stream.getvalue()
    assert code == 0
    assert "rendering" in text  # tqdm
    assert "warning: the mix clips: true peak -0.1 dBTP is above -1 dBTP" in text


def test_errors_are_exit_codes(tmp_path: Path) -> None:
    project, sources = _project(tmp_path)
    stream = io.StringIO()
    code = render_command.render_and_report(
        project, lambda r: sources[r.path], tmp_path / "mix.doc", stream
    )
    assert code == 2 and "cannot render" in stream.getvalue()
    assert not (tmp_path / "mix.doc").exists()


def test_run_renders_the_loaded_project(tmp_path: Path, monkeypatch, capsys) -> None:
    project, sources = _project(tmp_path)
    loaded: list[Path] = []

    def load(path: Path) -> Project:
        loaded.append(path)
        return project

    monkeypatch.setattr(render_command, "_load_project", load)
    monkeypatch.setattr(
        render_command, "_open_resolver", lambda paths, rate: lambda r: sources[r.path]
    )
    parser = argparse.ArgumentParser()
    render_command.add_arguments(parser)
    out = tmp_path / "part.wav"
    args = parser.parse_args(["song.hitrecord", str(out), "--start", "1", "--end", "2.5"])
    paths = AppPaths(*(tmp_path / d for d in ("config", "data", "cache", "logs")))
    assert render_command.run(args, paths) == 0
    assert loaded == [Path("song.hitrecord")]
    assert sf.info(out).frames == 72_000
    assert "0:01.500" in capsys.readouterr().err


def test_run_reports_a_project_it_cannot_open(tmp_path: Path, monkeypatch, capsys) -> None:
    def load(path: Path) -> Project:
        raise FileNotFoundError(path)

    monkeypatch.setattr(render_command, "_load_project", load)
    parser = argparse.ArgumentParser()
    render_command.add_arguments(parser)
    args = parser.parse_args(["missing.hitrecord", str(tmp_path / "x.wav")])
    assert render_command.run(args, AppPaths(tmp_path, tmp_path, tmp_path, tmp_path)) == 2
    assert "cannot open missing.hitrecord" in capsys.readouterr().err
