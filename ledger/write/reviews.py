"""A reviewer's verdict on a conflict, recorded in the ``reviews:`` section (``ledger review``):
checked against the model, appended, or written over the conflict's earlier verdict in place.
"""

from __future__ import annotations

import difflib

from pydantic import TypeAdapter, ValidationError

from ledger.core.model import Review
from ledger.read.yaml_reader import DEFAULT_LIMITS, Limits, read_yaml
from ledger.write.edit import Edit, append_item, replace_item


def near_conflict_ids(query: str, ids) -> list[str]:
    """Conflict ids ``query`` may have meant: those it begins (with or without the rule code,
    from 4 characters on), then those close to it."""
    ids = list(ids)
    lowered = query.strip().lower()
    near = [c for c in ids if len(lowered) >= 4 and (c.lower().startswith(lowered) or
                                                     c.split("-", 1)[1].startswith(lowered))]
    near += [c for c in difflib.get_close_matches(query, ids, n=3, cutoff=0.6) if c not in near]
    return near


def validate_review(record: dict) -> list[tuple[str, str]]:
    """The model's complaints about a review, as (field, message); the field is "" for one
    about the whole review."""
    try:
        TypeAdapter(Review).validate_python(record)
    except ValidationError as error:
        return [(str(item["loc"][0]) if item["loc"] else "", item["msg"].removeprefix("Value error, "))
                for item in error.errors(include_url=False)]
    return []


def review_edit(text: str, record: dict, *, replace: bool, path: str = "claims.yaml",
                limits: Limits = DEFAULT_LIMITS) -> Edit:
    """``text`` with the review ``record`` appended to ``reviews:``, or, with ``replace``,
    written over the review of the same conflict."""
    if not replace:
        return append_item(text, "reviews", record, path=path, limits=limits)
    document, _ = read_yaml(text, path, limits)
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    reviews = data.get("reviews") or []
    index = next(i for i, r in enumerate(reviews) if isinstance(r, dict) and r.get("conflict") == record["conflict"])
    return replace_item(text, "reviews", index, record, path=path, limits=limits)
