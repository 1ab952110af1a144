"""`hitrecord-desktop sync [status|run|pause|resume|retry ID|cancel ID]`: the upload queue from a
terminal. Controls act on the queue file, so they reach an engine running in the app too."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from hitrecord_desktop.paths import AppPaths

if TYPE_CHECKING:
    from hitrecord_desktop.sync.queue_watch import QueueRunner
    from hitrecord_desktop.sync.upload_jobs import UploadJob

ACTIONS = ("status", "run", "pause", "resume", "retry", "cancel")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action", nargs="?", default="status", choices=ACTIONS, help="what to do (default: status)"
    )
    parser.add_argument(
        "job", nargs="?", help="an upload id, or its first characters (pause/resume: all if none)"
    )
    parser.add_argument("--json", action="store_true", help="status as JSON lines")
    parser.add_argument("--all", action="store_true", help="status: also finished uploads")
    parser.add_argument("--limit-rate", type=float, help="run: at most this many bytes/s")


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    from hitrecord_desktop.sync.queue_watch import QueueRunner, print_error
    from hitrecord_desktop.sync.upload_queue import QueueError

    if args.action in ("retry", "cancel") and not args.job:
        print_error(f"say which upload to {args.action}: `hitrecord-desktop sync {args.action} ID`")
        return 2
    try:
        with QueueRunner(paths, rate_limit=args.limit_rate) as runner:
            if args.action == "status":
                return _status(runner, args)
            if args.action == "run":
                return runner.wait_for(None)
            return _control(runner, args.action, args.job)
    except QueueError as exc:
        print_error(str(exc))
        return 1


def _control(runner: QueueRunner, action: str, job_prefix: str | None) -> int:
    from hitrecord_desktop.sync.queue_watch import print_error

    engine = runner.engine
    if job_prefix is None:
        (engine.pause_all if action == "pause" else engine.resume_all)()
        print(f"{'Paused' if action == 'pause' else 'Resumed'} every upload.")
        return 0
    job = runner.queue.find(job_prefix)
    changed = {
        "pause": engine.pause,
        "resume": engine.resume,
        "retry": engine.retry,
        "cancel": engine.cancel,
    }[action](job.id)
    if changed is None:
        print_error(f"upload {job.id[:8]} is {job.state.value}; it cannot be {action}d now.")
        return 1
    if action == "cancel":
        deleted = engine.terminate_cancelled_now(job.id)
        print(
            f"Cancelled {job.path.name}."
            + (" Its partial upload on the server is deleted." if deleted else
               " Its partial upload on the server is deleted when the server answers.")
        )  # fmt: skip
    else:
        print(f"{job.path.name}: {changed.state.value}.")
    return 0


def _status(runner: QueueRunner, args: argparse.Namespace) -> int:
    from hitrecord_desktop.sync.transfer_rate import format_bytes
    from hitrecord_desktop.sync.upload_jobs import JobState

    unfinished = [state for state in JobState if state not in (JobState.DONE, JobState.CANCELLED)]
    jobs = runner.queue.jobs() if args.all else runner.queue.jobs(unfinished)
    if args.json:
        for job in jobs:
            print(json.dumps(_as_json(job)))
        return 0
    if not jobs:
        print("No uploads waiting." + ("" if args.all else " (--all shows finished ones.)"))
        return 0
    for job in jobs:
        percent = 100.0 * job.confirmed / job.size if job.size else 100.0
        print(
            f"{job.id[:8]}  {job.state.value:<9}  {percent:5.1f}%  {format_bytes(job.size):>8}  "
            f"{job.title[:32]:<32}  {job.note}".rstrip()
        )
    return 0


def _as_json(job: UploadJob) -> dict:
    return {
        "id": job.id,
        "state": job.state.value,
        "file": str(job.path),
        "size": job.size,
        "confirmed": job.confirmed,
        "sha256": job.sha256,
        "server": job.server,
        "challenge_id": job.challenge_id,
        "title": job.title,
        "role": job.role,
        "built_on": [ref.to_json() for ref in job.lineage],
        "contribution_id": job.contribution_id,
        "note": job.note,
    }
