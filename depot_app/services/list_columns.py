"""Finding and checking the columns of a list someone else made.

The problem-list import and the tracking-export import read files whose
layout varies by head office: the header row may sit below a title, and
columns are named with synonyms. Both find the header row the same way and
check a mapping the clerk gives the same way; only their fields and words
differ, so those are passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from depot_app.domain.errors import ValidationError

#: How many leading rows may hold a title before the header row.
HEADER_SEARCH_ROWS = 10


def best_header_row(rows: Sequence[Sequence[Any]], detect: Callable[[Sequence[Any]], dict[str, int]],
                    required: Collection[str]) -> tuple[int | None, dict[str, int]]:
    """0-based index of the row naming most fields (required ones count thrice) and its mapping.

    ``None`` when no row among the first :data:`HEADER_SEARCH_ROWS` names any field.
    """
    best: int | None = None
    best_mapping: dict[str, int] = {}
    best_score = 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping = detect(row)
        if not mapping:
            continue
        score = len(mapping) + sum(2 for name in required if name in mapping)
        if score > best_score:
            best, best_mapping, best_score = index, mapping, score
    return best, best_mapping


def resolve_columns(mapping: Mapping[str, int | str], headers: Sequence[str], fields: Collection[str], *,
                    normalize: Callable[[Any], str], unknown: tuple[str, str],
                    source: tuple[str, str]) -> dict[str, int]:
    """A mapping given by the clerk (field → 0-based column or header text), checked against ``headers``.

    ``unknown`` names what a field is in messages (("import field", "导入字段")); ``source``
    what the file is (("list", "表")): "The list has no column “运单”."
    """
    unknown_en, unknown_zh = unknown
    source_en, source_zh = source
    resolved: dict[str, int] = {}
    for name, column in mapping.items():
        if name not in fields:
            raise ValidationError(f"Unknown {unknown_en} “{name}”.", f"未知的{unknown_zh}“{name}”。",
                                  field="mapping")
        if isinstance(column, str):
            wanted = normalize(column)
            matches = [i for i, h in enumerate(headers) if normalize(h) == wanted]
            if not matches:
                raise ValidationError(f"The {source_en} has no column “{column}”.",
                                      f"{source_zh}中没有“{column}”列。", field="mapping")
            column = matches[0]
        if not 0 <= column < max(len(headers), 1):
            raise ValidationError(f"Column {column + 1} does not exist in the {source_en}.",
                                  f"{source_zh}中没有第 {column + 1} 列。", field="mapping")
        resolved[name] = column
    return resolved
