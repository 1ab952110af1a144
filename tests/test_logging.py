"""Logs go to a rotating file in the log folder and never carry a token."""

from __future__ import annotations

import logging
from pathlib import Path

from hitrecord_desktop.logging_setup import configure_logging


def test_rotating_file_without_secrets(tmp_path: Path) -> None:
    log_file = configure_logging(tmp_path / "logs", name="unit")
    try:
        logger = logging.getLogger("hitrecord.test")
        logger.info("GET /me with Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123")
        logger.info('answer {"access_token": "zyxwvutsrqponmlkjihgfedcba9876"}')
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = log_file.read_text()
        assert "Bearer [redacted]" in text
        assert "abcdefghijklmnopqrstuvwxyz0123" not in text
        assert "zyxwvutsrqponmlkjihgfedcba9876" not in text
        ours = [h for h in logging.getLogger().handlers if getattr(h, "_hitrecord", False)]
        handler = next(h for h in ours if getattr(h, "baseFilename", None))
        assert handler.maxBytes > 0 and handler.backupCount > 0  # type: ignore[attr-defined]
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_hitrecord", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
