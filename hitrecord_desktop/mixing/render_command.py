"""The `render` subcommand: mix a project down to a file and print its loudness and peaks.

    hitrecord-desktop render PROJECT OUT.wav [--start S] [--end S] [--format F]

`cli.py` registers it with `add_arguments` and calls `run`. Loading the project and its PCM
goes through `_load_project` and `_open_resolver`, the only two places that know the project
store and the PCM cache.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..paths import AppPaths
from ..project.model import Project
from .audio_writers import RenderFormat
from .mix_plan import FadeShape, Resolver
from .offline_render import TRUE_PEAK_LIMIT_DBTP, RenderCancelled, RenderReport, render_project

FORMAT_NAMES = {
    RenderFormat.WAV: "24-bit WAV",
    RenderFormat.WAV_FLOAT: "32-bit float WAV",
    RenderFormat.FLAC: "24-bit FLAC",
    RenderFormat.OGG: "Ogg Vorbis preview",
    RenderFormat.OPUS: "Opus preview",
    RenderFormat.MP3: "MP3 preview",
    RenderFormat.M4A: "AAC preview",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help="the project file")
    parser.add_argument(
        "out",
        type=Path,
        help="the file to write: .wav or .flac (24-bit), or a .ogg, .opus, .mp3 or .m4a preview",
    )
    parser.add_argument(
        "--format",
        choices=[f.value for f in RenderFormat],
        help="the format, when not the one the suffix says (wav-float: 32-bit float WAV)",
    )
    parser.add_argument("--start", type=float, default=0.0, help="from this second (default 0)")
    parser.add_argument("--end", type=float, help="to this second (default: the project's end)")
    parser.add_argument(
        "--fade-shape",
        choices=[s.value for s in FadeShape],
        default=FadeShape.LINEAR.value,
        help="curve of clip fades (default linear)",
    )


def _load_project(path: Path) -> Project:
    from ..project.project_store import load_project  # lands with the project file format

    return load_project(path)


def _open_resolver(paths: AppPaths, sample_rate: int) -> Resolver:
    from ..media.pcm_cache import PcmCache  # lands with the media decoder

    cache = PcmCache(paths.cache_dir / "pcm")
    return lambda ref: cache.pcm_for(ref, sample_rate)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        project = _load_project(args.project)
        resolver = _open_resolver(paths, project.sample_rate)
    except (OSError, ValueError) as exc:
        print(f"hitrecord-desktop: cannot open {args.project}: {exc}", file=sys.stderr)
        return 2
    rate = project.sample_rate
    try:
        return render_and_report(
            project,
            resolver,
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
    fade_shape: FadeShape = FadeShape.LINEAR,
) -> int:
    """Renders with a progress bar on a terminal, then prints the report; the exit code."""
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
            fade_shape=fade_shape,
        )
    except RenderCancelled:
        print("render cancelled; no file written", file=stream)
        return 130
    except ValueError as exc:
        print(f"cannot render: {exc}", file=stream)
        return 2
    except (OSError, RuntimeError) as exc:  # disk full, encoder errors (libsndfile, FFmpeg)
        print(f"render failed: {exc}", file=stream)
        return 1
    finally:
        if bar is not None:
            bar.close()
    for line in format_report(report):
        print(line, file=stream)
    return 0
