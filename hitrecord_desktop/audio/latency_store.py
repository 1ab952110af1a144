"""Measured round trips, kept per (host API, input, output, sample rate, block size).

A device change is a different key, so `lookup` returns None and the app asks to measure again.
Saved atomically as JSON in the config folder; a broken file is set aside, not fatal.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

from ..paths import AppPaths
from .calibration import CalibrationResult, LatencyKey

log = logging.getLogger(__name__)

FILE_NAME = "latency.json"
FORMAT_VERSION = 1


class LatencyStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_paths(cls, paths: AppPaths) -> LatencyStore:
        return cls(paths.config_dir / FILE_NAME)

    def load(self) -> list[CalibrationResult]:
        """Every stored result; none if the file is missing or broken (then it is set aside)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise ValueError("the file does not hold an object with a list of results")
            return [CalibrationResult.from_json(item) for item in data["results"]]
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            kept = self.path.with_suffix(".broken.json")
            os.replace(self.path, kept)
            log.warning("latency file %s is broken (%s); kept it as %s", self.path, exc, kept)
            return []

    def lookup(self, key: LatencyKey) -> CalibrationResult | None:
        return next((r for r in self.load() if r.key == key), None)

    def save(self, result: CalibrationResult) -> None:
        """Stores `result`, replacing an older one of the same key."""
        results = [r for r in self.load() if r.key != result.key] + [result]
        payload = {"version": FORMAT_VERSION, "results": [r.to_json() for r in results]}
        _write_atomically(self.path, json.dumps(payload, indent=2, sort_keys=True) + "\n")


def _write_atomically(path: Path, text: str) -> None:
    """A temp file in the same folder, fsync, rename: a crash leaves the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def stored_round_trip(
    paths_or_store: AppPaths | LatencyStore,
    host_api: str,
    input_name: str,
    output_name: str,
    sample_rate: int,
    block_size: int,
) -> int | None:
    """The measured round trip in samples for this device setup, or None if it was never measured
    (or the devices changed): then ask the user to run the calibration."""
    store = (
        paths_or_store
        if isinstance(paths_or_store, LatencyStore)
        else LatencyStore.for_paths(paths_or_store)
    )
    result = store.lookup(LatencyKey(host_api, input_name, output_name, sample_rate, block_size))
    return None if result is None else result.round_trip_samples
