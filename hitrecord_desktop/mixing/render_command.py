"""The `render` subcommand: mix a project down to a file and print its loudness and peaks.

    hitrecord-desktop render PROJECT OUT.wav [--start S] [--end S] [--format F]
    hitrecord-desktop render PROJECT OUT.mp4 --video [--size WxH] [--fps N]

`cli.py` registers it with `add_arguments` and calls `run`. Loading the project and its PCM
goes through `_load_project` and `_open_resolver`, the only two places that know the project
store and the PCM cache.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..paths import AppPaths

if TYPE_CHECKING:
    from ..project.model import Project
    from .mix_plan import FadeShape, Resolver
    from .offline_render import RenderReport

# The values of RenderFormat and FadeShape, spelled out so that building the command line does
# not load numpy and libsndfile (a test keeps them equal).
FORMAT_CHOICES = ("wav", "wav-float", "flac", "ogg", "opus", "mp3", "m4a")
FADE_SHAPE_CHOICES = ("linear", "equal-power")
FORMAT_NAMES = {
    "wav": "24-bit WAV",
    "wav-float": "32-bit float WAV",
    "flac": "24-bit FLAC",
    "ogg": "Ogg Vorbis preview",
    "opus": "Opus preview",
    "mp3": "MP3 preview",
    "m4a": "AAC preview",
}


def _seconds(text: str) -> float:
    """A time on the timeline: a finite, non-negative number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0 or value > 24 * 3600:
        raise argparse.ArgumentTypeError(f"{text} is not a time from 0 to 24 hours in seconds")
    return value


def _size(text: str) -> tuple[int, int]:
    """A picture size such as 1280x720."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size like 1280x720: {text!r}") from None
    if not (16 <= width <= 4096 and 16 <= height <= 4096):
        raise argparse.ArgumentTypeError(f"{text} is not a size from 16x16 to 4096x4096")
    return width, height


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help="the project: its folder, or its project file")
    parser.add_argument(
        "out",
        type=Path,
        help="the file to write: .wav or .flac (24-bit), or a .ogg, .opus, .mp3 or .m4a preview",
    )
    parser.add_argument(
        "--format",
        choices=FORMAT_CHOICES,
        help="the format, when not the one the suffix says (wav-float: 32-bit float WAV)",
    )
    parser.add_argument("--start", type=_seconds, default=0.0, help="from this second (default 0)")
    parser.add_argument("--end", type=_seconds, help="to this second (default: the project's end)")
    parser.add_argument(
        "--fade-shape",
        choices=FADE_SHAPE_CHOICES,
        default="linear",
        help="curve of clip fades (default linear)",
    )
    parser.add_argument(
        "--video",
        action="store_true",
        help="render a preview video (H.264/AAC MP4) of the video tracks with the mix",
    )
    parser.add_argument(
        "--size", type=_size, help="the video's size, e.g. 1280x720 (default: the first clip's)"
    )
    parser.add_argument(
        "--fps", type=int, help="the video's frame rate (default: the first clip's)"
    )


def load_project(path: Path, stream: TextIO) -> tuple[Project, Path]:
    """The project at `path` (a project folder or a project file) and the folder its relative
    media paths start from. Notices (opened from the backup, upgraded) go to `stream`."""
    from ..project.file_format import decode_project
    from ..project.project_store import PROJECT_FILE, ProjectStore

    if path.is_dir() or path.name == PROJECT_FILE:
        store = ProjectStore(path if path.is_dir() else path.parent)
        loaded = store.load(read_only=True)
        for notice in loaded.notices:
            print(f"note: {notice}", file=stream)
        return loaded.project, store.folder
    project, _version = decode_project(path.read_bytes(), str(path))
    return project, path.parent


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from ..media.pcm_cache import PcmCache
    from ..project.file_errors import ProjectFileError
    from .mix_plan import FadeShape

    try:
        project, folder = load_project(args.project, sys.stderr)
    except FileNotFoundError:
        print(f"hitrecord-desktop render: {args.project}: no project there", file=sys.stderr)
        return 2
    except (OSError, ProjectFileError) as exc:
        print(f"hitrecord-desktop render: cannot open the project: {exc}", file=sys.stderr)
        return 2
    cache = PcmCache(paths.cache_dir / "pcm")
    rate = project.sample_rate
    try:
        if args.video:
            return video_and_report(
                project,
                lambda ref: cache.pcm_for(ref, rate, folder),
                args.out,
                folder,
                sys.stderr,
                start=round(args.start * rate),
                end=None if args.end is None else round(args.end * rate),
                size=args.size,
                fps=args.fps,
                fade_shape=FadeShape(args.fade_shape),
            )
        return render_and_report(
            project,
            lambda ref: cache.pcm_for(ref, rate, folder),
            args.out,
            sys.stderr,
            format=args.format,
            start=round(args.start * rate),
            end=None if args.end is None else round(args.end * rate),
            fade_shape=FadeShape(args.fade_shape),
        )
    except KeyboardInterrupt:
        print("render interrupted; no file written", file=sys.stderr)
        return 130


def _duration(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60.0)
    return f"{int(minutes)}:{rest:06.3f}"


def _db(value: float, unit: str) -> str:
    return f"-inf {unit}" if value == float("-inf") else f"{value:.1f} {unit}"


def format_report(report: RenderReport) -> list[str]:
    from .offline_render import TRUE_PEAK_LIMIT_DBTP

    lra = report.loudness_range_lu
    lines = [
        f"rendered {report.path} ({FORMAT_NAMES[report.format]}, {_duration(report.seconds)}, "
        f"{report.sample_rate} Hz)",
        f"loudness {_db(report.integrated_lufs, 'LUFS')} integrated"
        + ("" if lra is None else f", range {lra:.1f} LU"),
        f"peaks {_db(report.true_peak_dbtp, 'dBTP')} true, "
        f"{_db(report.sample_peak_dbfs, 'dBFS')} sample",
        f"took {report.elapsed:.2f} s ({report.realtime_factor:.0f}x real time)",
    ]
    if report.clipped:
        overs = (
            f"; {report.clipped_samples} samples over full scale were clipped"
            if report.clipped_samples
            else ""
        )
        lines.append(
            f"warning: the mix clips: true peak {_db(report.true_peak_dbtp, 'dBTP')} is above "
            f"{TRUE_PEAK_LIMIT_DBTP:.0f} dBTP{overs}. Lower the track gains and render again."
        )
    return lines


def render_and_report(
    project: Project,
    resolver: Resolver,
    out_path: Path,
    stream: TextIO,
    *,
    format: str | None = None,
    start: int = 0,
    end: int | None = None,
    fade_shape: FadeShape | None = None,
) -> int:
    """Renders with a progress bar on a terminal, then prints the report; the exit code."""
    from ..media.probe import MediaError
    from .mix_plan import FadeShape
    from .offline_render import RenderCancelled, render_project

    bar = None
    if stream.isatty():
        from tqdm import tqdm

        bar = tqdm(total=1000, file=stream, desc="rendering", unit="‰", leave=False)

    def progress(fraction: float) -> None:
        if bar is not None:
            bar.update(round(fraction * 1000) - bar.n)

    try:
        report = render_project(
            project,
            resolver,
            out_path,
            format=format,
            start=start,
            end=end,
            progress=progress,
            fade_shape=fade_shape or FadeShape.LINEAR,
        )
    except RenderCancelled:
        print("render cancelled; no file written", file=stream)
        return 130
    except ValueError as exc:
        print(f"cannot render: {exc}", file=stream)
        return 2
    except MediaError as exc:  # a clip's media is missing, changed or unreadable
        print(f"cannot render: a clip's media: {exc}", file=stream)
        return 1
    except (OSError, RuntimeError) as exc:  # disk full, encoder errors (libsndfile, FFmpeg)
        print(f"render failed: {exc}", file=stream)
        return 1
    finally:
        if bar is not None:
            bar.close()
    for line in format_report(report):
        print(line, file=stream)
    return 0


def video_and_report(
    project: Project,
    resolver: Resolver,
    out_path: Path,
    folder: Path,
    stream: TextIO,
    *,
    start: int = 0,
    end: int | None = None,
    size: tuple[int, int] | None = None,
    fps: int | None = None,
    fade_shape: FadeShape | None = None,
) -> int:
    """Renders the preview video, then prints what it holds and the mix's loudness."""
    from ..media.probe import MediaError
    from .mix_plan import FadeShape
    from .offline_render import RenderCancelled
    from .video_render import render_video

    if out_path.suffix.lower() not in (".mp4", ".m4v"):
        print(f"cannot render: a video goes to an .mp4 file, not {out_path.name!r}", file=stream)
        return 2
    try:
        report = render_video(
            project, resolver, out_path, media_folder=folder, size=size, fps=fps,
            start=start, end=end, fade_shape=fade_shape or FadeShape.LINEAR,
        )  # fmt: skip
    except RenderCancelled:
        print("render cancelled; no file written", file=stream)
        return 130
    except ValueError as exc:
        print(f"cannot render: {exc}", file=stream)
        return 2
    except MediaError as exc:
        print(f"cannot render: a clip's media: {exc}", file=stream)
        return 1
    except (OSError, RuntimeError) as exc:
        print(f"render failed: {exc}", file=stream)
        return 1
    print(
        f"rendered {report.path} (H.264/AAC video, {report.width}x{report.height} at "
        f"{report.fps} fps, {_duration(report.seconds)}, {report.frames} frames)",
        file=stream,
    )
    for line in format_report(report.audio)[1:]:  # the mix's loudness, peaks and warnings
        if not line.startswith("took "):
            print(line, file=stream)
    print(f"took {report.elapsed:.2f} s ({report.realtime_factor:.1f}x real time)", file=stream)
    return 0
