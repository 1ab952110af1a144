"""Background sync: the upload queue and its engine, the media cache, offline challenges.

Qt-free: the app's Qt layer listens through `ui/sync_bridge.py`, the CLI directly.
"""
