"""Qt widgets, item models, the bridge of signals and the task module."""
