"""HitRecord Desktop: record, layer and upload contributions to community challenges."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hitrecord-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
