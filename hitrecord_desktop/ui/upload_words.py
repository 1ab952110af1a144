"""The words for upload situations, translated: shared by the uploads panel and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..sync.upload_jobs import UploadJob
from ..sync.upload_overview import Situation, situation

# lupdate finds only literal translate() calls, so each string is spelled out in one.
translate = QCoreApplication.translate


def situation_word(which: Situation) -> str:
    """A short label: "Uploading", "Waiting for network"."""
    return {
        Situation.WAITING_TURN: translate("UploadWords", "Waiting its turn"),
        Situation.WAITING_NETWORK: translate("UploadWords", "Waiting for network"),
        Situation.WAITING_SIGN_IN: translate("UploadWords", "Waiting to sign in"),
        Situation.RETRYING: translate("UploadWords", "Retrying later"),
        Situation.UPLOADING: translate("UploadWords", "Uploading"),
        Situation.VERIFYING: translate("UploadWords", "Verifying"),
        Situation.PAUSED: translate("UploadWords", "Paused"),
        Situation.DONE: translate("UploadWords", "Done"),
        Situation.FAILED: translate("UploadWords", "Failed"),
        Situation.CANCELLED: translate("UploadWords", "Cancelled"),
    }[which]


def count_phrase(which: Situation, count: int) -> str:
    """A piece of the status-bar summary: "2 uploading", "1 waiting for network"."""
    template = {
        Situation.WAITING_TURN: translate("UploadWords", "{0} queued"),
        Situation.WAITING_NETWORK: translate("UploadWords", "{0} waiting for network"),
        Situation.WAITING_SIGN_IN: translate("UploadWords", "{0} waiting to sign in"),
        Situation.RETRYING: translate("UploadWords", "{0} retrying later"),
        Situation.UPLOADING: translate("UploadWords", "{0} uploading"),
        Situation.VERIFYING: translate("UploadWords", "{0} verifying"),
        Situation.PAUSED: translate("UploadWords", "{0} paused"),
        Situation.FAILED: translate("UploadWords", "{0} failed"),
        Situation.DONE: translate("UploadWords", "{0} done"),
        Situation.CANCELLED: translate("UploadWords", "{0} cancelled"),
    }[which]
    return template.format(count)


def job_status_text(job: UploadJob) -> str:
    """The status column: the situation, and for a failure the server's own words."""
    which = situation(job)
    if which is Situation.FAILED and job.note:
        return translate("UploadWords", "Failed: {0}").format(job.note)
    if which is Situation.RETRYING and job.note:
        return translate("UploadWords", "Retrying later: {0}").format(job.note)
    return situation_word(which)


def format_duration(seconds: float) -> str:
    """ "42 s", "3 min", "1.5 h": time left, rounded as people say it."""
    if seconds < 60:
        return translate("UploadWords", "{0} s").format(max(1, round(seconds)))
    if seconds < 3600:
        return translate("UploadWords", "{0} min").format(round(seconds / 60))
    return translate("UploadWords", "{0} h").format(f"{seconds / 3600:.1f}")


def format_offset(seconds: float) -> str:
    """A place on the timeline: "1:02.5" (minutes:seconds), or "-0:01.0" before the start."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{sign}{int(minutes)}:{rest:04.1f}"
