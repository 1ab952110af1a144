"""Mixing a project's audio tracks: a compiled plan, a block mixer and the offline render.

No Qt and no audio device here: the live engine and the `render` command both build on it.
"""
