"""Full-text search over challenge titles and briefs, in each database's own engine."""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, func, literal_column, select, text

from .tables import Challenge

_MAX_TERMS = 8
# Letters and digits: '_' is in \w, but both databases' tokenizers split words at it.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# PostgreSQL's parser reads 'foo@example.com', 'example.org/path' or 'v1.5' as one email, host
# or version token, so none of the words inside could be found, while SQLite's tokenizer splits
# them. Punctuation becomes space first, so both databases see the same words. The index in
# database.py is built on this same expression, so that the planner uses it.
POSTGRES_DOCUMENT = (
    "to_tsvector('simple', regexp_replace({table}title || ' ' || {table}brief, "
    "'[[:punct:]]+', ' ', 'g'))"
)


def search_terms(q: str) -> list[str]:
    """The words of a query; punctuation and operators are dropped so no input is a syntax error."""
    return [word.lower() for word in _WORD.findall(q)][:_MAX_TERMS]


def search_clause(dialect: str, q: str) -> ColumnElement[bool] | None:
    """A WHERE clause matching challenges that contain every word of q (as a prefix)."""
    terms = search_terms(q)
    if not terms:
        return None
    if dialect == "sqlite":
        # FTS5 syntax: each term quoted (so words like AND/NEAR stay words) and prefix-matched.
        match = " AND ".join('"' + term.replace('"', '""') + '"*' for term in terms)
        ids = (
            select(literal_column("rowid"))
            .select_from(text("challenges_fts"))
            .where(text("challenges_fts MATCH :fts_query").bindparams(fts_query=match))
        )
        return Challenge.id.in_(ids)
    if dialect == "postgresql":
        query = " & ".join(term.replace("'", "") + ":*" for term in terms)
        document = literal_column(POSTGRES_DOCUMENT.format(table="challenges."))
        return document.op("@@")(func.to_tsquery("simple", query))
    # Any other database: a plain case-insensitive substring match per word.
    clauses = [func.lower(Challenge.title + " " + Challenge.brief).contains(term) for term in terms]
    return and_(*clauses)
