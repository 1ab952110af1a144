"""The words for upload situations, translated: shared by the uploads panel and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..sync.upload_jobs import UploadJob
from ..sync.upload_overview import Situation, situation


def _tr(text: str) -> str:
    return QCoreApplication.translate("UploadWords", text)


def situation_word(which: Situation) -> str:
    """A short label: "Uploading", "Waiting for network"."""
    return {
        Situation.WAITING_TURN: _tr("Waiting its turn"),
        Situation.WAITING_NETWORK: _tr("Waiting for network"),
        Situation.WAITING_SIGN_IN: _tr("Waiting to sign in"),
        Situation.RETRYING: _tr("Retrying later"),
        Situation.UPLOADING: _tr("Uploading"),
        Situation.VERIFYING: _tr("Verifying"),
        Situation.PAUSED: _tr("Paused"),
        Situation.DONE: _tr("Done"),
        Situation.FAILED: _tr("Failed"),
        Situation.CANCELLED: _tr("Cancelled"),
    }[which]


def count_phrase(which: Situation, count: int) -> str:
    """A piece of the status-bar summary: "2 uploading", "1 waiting for network"."""
    template = {
        Situation.WAITING_TURN: _tr("{0} queued"),
        Situation.WAITING_NETWORK: _tr("{0} waiting for network"),
        Situation.WAITING_SIGN_IN: _tr("{0} waiting to sign in"),
        Situation.RETRYING: _tr("{0} retrying later"),
        Situation.UPLOADING: _tr("{0} uploading"),
        Situation.VERIFYING: _tr("{0} verifying"),
        Situation.PAUSED: _tr("{0} paused"),
        Situation.FAILED: _tr("{0} failed"),
        Situation.DONE: _tr("{0} done"),
        Situation.CANCELLED: _tr("{0} cancelled"),
    }[which]
    return template.format(count)


def job_status_text(job: UploadJob) -> str:
    """The status column: the situation, and for a failure the server's own words."""
    which = situation(job)
    if which is Situation.FAILED and job.note:
        return _tr("Failed: {0}").format(job.note)
    if which is Situation.RETRYING and job.note:
        return _tr("Retrying later: {0}").format(job.note)
    return situation_word(which)


def format_duration(seconds: float) -> str:
    """ "42 s", "3 min", "1.5 h": time left, rounded as people say it."""
    if seconds < 60:
        return _tr("{0} s").format(max(1, round(seconds)))
    if seconds < 3600:
        return _tr("{0} min").format(round(seconds / 60))
    return _tr("{0} h").format(f"{seconds / 3600:.1f}")


def format_offset(seconds: float) -> str:
    """A place on the timeline: "1:02.5" (minutes:seconds), or "-0:01.0" before the start."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{sign}{int(minutes)}:{rest:04.1f}"
