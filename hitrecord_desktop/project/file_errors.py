"""Why a project file could not be read, in words that name the file, the field and the problem.

A person who hand-edited a file, or support reading a log, should be able to go straight to the
line: "project.json: project.tracks[1].clips[0].trim_out: trim_out (10) must be after trim_in".
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

MAX_LISTED = 5


@dataclass(frozen=True)
class FieldProblem:
    path: str  # JSON path such as "project.tracks[1].clips[0].trim_out"; "" for the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ProjectFileError(ValueError):
    """A project file that can't be opened. `problems` lists each field that is wrong."""

    def __init__(self, source: str, problems: Sequence[FieldProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"… and {len(self.problems) - MAX_LISTED} more problems")
        super().__init__(f"{source}: " + "; ".join(lines))

    @classmethod
    def single(cls, source: str, message: str, path: str = "") -> ProjectFileError:
        return cls(source, [FieldProblem(path, message)])


def json_path(loc: Sequence[str | int]) -> str:
    """("project", "tracks", 1, "name") → "project.tracks[1].name"."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_PLAIN_WORDS = {
    "missing": "required field is missing",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "bool_type": "must be true or false",
    "string_type": "must be a text string",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "dict_type": "must be an object",
    "finite_number": "must be a finite number",
}


def _describe(error: dict) -> str:
    kind = error["type"]
    if kind in ("value_error", "assertion_error"):
        return str(error["ctx"]["error"])
    words = _PLAIN_WORDS.get(kind)
    if words is None:
        return str(error["msg"])
    if kind == "missing":
        return words
    shown = repr(error["input"])
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return f"{words} (got {shown})"


def problems_from_validation(exc: ValidationError) -> list[FieldProblem]:
    """Pydantic's errors in plain words; an unknown field gets a "did you mean" when a required
    field next to it is missing (the usual shape of a typo in a hand-edited file)."""
    errors = exc.errors()
    missing: dict[tuple, list[str]] = {}
    for error in errors:
        if error["type"] == "missing":
            parent, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
            missing.setdefault(parent, []).append(name)
    problems = []
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            message = "unknown field"
            guess = difflib.get_close_matches(str(loc[-1]), missing.get(loc[:-1], []), n=1)
            if guess:
                message += f" (did you mean {guess[0]!r}?)"
        else:
            message = _describe(error)
        problems.append(FieldProblem(json_path(loc), message))
    return problems
