"""Benchmarks: each module `bench_*.py` has `run() -> list[dict]`; `python -m benchmarks` runs them.

A row is a dict with `name`, `value`, `unit`, `baseline`, `ratio` and `target`; `ratio` may be left
out (or None) when it is simply value / baseline.
"""
