"""The `render` subcommand's entry points: arguments, the run, the printed report."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from hitrecord_desktop import cli
from hitrecord_desktop.mixing import render_command
from hitrecord_desktop.mixing.audio_writers import RenderFormat
from hitrecord_desktop.mixing.mix_plan import FadeShape
from hitrecord_desktop.project.model import Clip, MediaOrigin, MediaRef, Project, Track
from hitrecord_desktop.project.project_store import ProjectStore
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


def _saved_project(folder: Path) -> Path:
    """A real project folder: a take-like WAV under takes/, referenced by a relative path."""
    t = np.arange(48_000 * 4) / 48_000
    (folder / "takes").mkdir(parents=True)
    sf.write(folder / "takes" / "tone.wav", 0.25 * np.sin(2 * np.pi * 440 * t), 48_000)
    media = MediaRef(MediaOrigin.TAKE, "takes/tone.wav", frames=len(t))
    clip = Clip(media, position=0, trim_in=0, trim_out=len(t))
    ProjectStore(folder).save(Project(title="p", tracks=[Track("a", clips=[clip])]))
    return folder


def test_the_cli_renders_a_saved_project(tmp_path: Path, isolated_home: Path, capsys) -> None:
    folder = _saved_project(tmp_path / "song")
    out = tmp_path / "part.wav"
    assert cli.main(["render", str(folder), str(out), "--start", "1", "--end", "2.5"]) == 0
    assert sf.info(out).frames == 72_000
    assert "0:01.500" in capsys.readouterr().err
    mixed, _ = sf.read(out)
    source, _ = sf.read(folder / "takes" / "tone.wav")
    # Centre pan of a mono source: -3 dB into each side.
    np.testing.assert_allclose(mixed[:, 0], source[48_000:120_000] * np.sqrt(0.5), atol=1e-6)


def test_the_cli_names_a_broken_project(tmp_path: Path, isolated_home: Path, capsys) -> None:
    broken = tmp_path / "song.json"
    broken.write_text('{"format": "hitrecord-project", "version": 2, "project": {"title": 3}}')
    assert cli.main(["render", str(broken), str(tmp_path / "x.wav")]) == 2
    err = capsys.readouterr().err
    assert "cannot open the project" in err and "project.title" in err
    assert "Traceback" not in err
    assert cli.main(["render", str(tmp_path / "nowhere"), str(tmp_path / "x.wav")]) == 2
    assert "no project there" in capsys.readouterr().err


def test_the_cli_names_missing_media(tmp_path: Path, isolated_home: Path, capsys) -> None:
    folder = _saved_project(tmp_path / "song")
    (folder / "takes" / "tone.wav").unlink()
    assert cli.main(["render", str(folder), str(tmp_path / "x.wav")]) == 1
    err = capsys.readouterr().err
    assert "tone.wav" in err and "no such file" in err
    assert not (tmp_path / "x.wav").exists()


def test_choices_match_the_enums() -> None:
    assert tuple(f.value for f in RenderFormat) == render_command.FORMAT_CHOICES
    assert tuple(s.value for s in FadeShape) == render_command.FADE_SHAPE_CHOICES
    assert set(render_command.FORMAT_NAMES) == set(render_command.FORMAT_CHOICES)


@pytest.mark.parametrize("start", ["nan", "inf", "-1", "soon"])
def test_a_bad_time_is_refused_by_the_parser(tmp_path: Path, isolated_home: Path, start) -> None:
    folder = _saved_project(tmp_path / "song")
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["render", str(folder), str(tmp_path / "x.wav"), f"--start={start}"])
    assert exit_info.value.code == 2


def _saved_video_project(folder: Path) -> Path:
    """A project folder with a 2-second coded video (relative path) on a video track."""
    from hitrecord_desktop.project.model import TrackKind
    from tests.support.video_clips import write_video

    write_video(folder / "media" / "film.mp4", 2, fps=25, size=(320, 180))
    media = MediaRef(MediaOrigin.FILE, "media/film.mp4", frames=96_000, has_video=True)
    clip = Clip(media, position=0, trim_in=0, trim_out=96_000)
    track = Track("picture", kind=TrackKind.VIDEO, clips=[clip])
    ProjectStore(folder).save(Project(title="film", tracks=[track]))
    return folder


def test_the_cli_renders_a_video(tmp_path: Path, isolated_home: Path, capsys) -> None:
    import av

    from tests.support.video_clips import read_code

    folder = _saved_video_project(tmp_path / "film")
    out = tmp_path / "film.mp4"
    args = ["render", str(folder), str(out), "--video", "--size", "640x360", "--start", "1"]
    assert cli.main(args) == 0
    err = capsys.readouterr().err
    assert f"rendered {out} (H.264/AAC video, 640x360 at 25 fps, 0:01.000, 25 frames)" in err
    assert "LUFS integrated" in err and "x real time" in err
    with av.open(str(out)) as container:
        pictures = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    assert len(pictures) == 25
    assert [read_code(p) for p in pictures[:3]] == [25, 26, 27]  # from the clip's second 1


def test_the_cli_video_needs_an_mp4_and_names_missing_video(
    tmp_path: Path, isolated_home: Path, capsys
) -> None:
    folder = _saved_video_project(tmp_path / "film")
    assert cli.main(["render", str(folder), str(tmp_path / "x.wav"), "--video"]) == 2
    assert "goes to an .mp4 file" in capsys.readouterr().err
    (folder / "media" / "film.mp4").unlink()
    assert cli.main(["render", str(folder), str(tmp_path / "x.mp4"), "--video"]) == 1
    err = capsys.readouterr().err
    assert "film.mp4: no such file" in err and not (tmp_path / "x.mp4").exists()
    with pytest.raises(SystemExit):
        cli.main(["render", str(folder), str(tmp_path / "x.mp4"), "--video", "--size", "big"])
