"""Where the app keeps its files, per platform conventions (platformdirs).

HITRECORD_HOME puts all of them under one folder: for tests, and for a portable install.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "HitRecordDesktop"
APP_AUTHOR = "HitRecord"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def local_server_dir(self) -> Path:
        """Data of the embedded local community."""
        return self.data_dir / "local-community"

    def ensure(self) -> AppPaths:
        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    home = os.environ.get("HITRECORD_HOME")
    if home:
        root = Path(home)
        return AppPaths(root / "config", root / "data", root / "cache", root / "logs")
    dirs = PlatformDirs(APP_NAME, APP_AUTHOR)
    return AppPaths(
        Path(dirs.user_config_dir),
        Path(dirs.user_data_dir),
        Path(dirs.user_cache_dir),
        Path(dirs.user_log_dir),
    )
