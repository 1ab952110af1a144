"""Logging to a rotating file in the user log folder, and warnings to stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from .api.redaction import RedactSecrets

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"


def configure_logging(log_dir: Path, *, verbose: bool = False, name: str = "hitrecord") -> Path:
    """Sends INFO and up to log_dir/<name>.log (rotated at 2 MB, 5 kept); returns the file."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / f"{name}.log"
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_hitrecord", False):
            root.removeHandler(handler)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2 * 1024 * 1024, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter(_FORMAT))
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for handler in (file_handler, console):
        handler.addFilter(RedactSecrets())
        handler._hitrecord = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # urllib3 logs every request line at DEBUG; keep it at INFO even when verbose.
    logging.getLogger("urllib3").setLevel(logging.INFO)
    return log_file
