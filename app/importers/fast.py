"""Fast paths for the cells that make up nearly every row: plain digits, plain text, plain times.

Each function gives exactly what its ``app.importers.values`` counterpart gives (a test holds
them to it) and hands anything unusual to that counterpart. A 200,000-row order export has
about four million cells; the general parsers alone would take most of the import's time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from app.importers import values
from app.importers.errors import BadValue

_MONEY = re.compile(r"[0-9]{1,13}(?:\.[0-9]{2})?", re.A)
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}", re.A)


def parse_text(raw: Any) -> str | None:
    """values.parse_text, fast for printable text with no edge whitespace."""
    if type(raw) is str:
        if not raw:
            return None
        if raw.isprintable() and raw[0] not in "'= " and raw[-1] != " ":
            return None if values.is_null(raw) else raw
    return values.parse_text(raw)


def parse_id(raw: Any) -> str | None:
    """values.parse_id, fast for digit strings (a TAB or spaces around them allowed)."""
    if type(raw) is str:
        text = raw.strip()
        if text.isascii() and text.isdigit():
            return text
    return values.parse_id(raw)


def parse_int(raw: Any) -> int | None:
    """values.parse_int, fast for plain digit strings."""
    if type(raw) is str:
        text = raw.strip()
        if text.isascii() and text.isdigit() and len(text) < 16:
            return int(text)
    return values.parse_int(raw)


def parse_money_cents(raw: Any) -> tuple[int, str | None] | None:
    """values.parse_money_cents, fast for ``129`` and ``129.90``."""
    if type(raw) is str:
        text = raw.strip()
        if _MONEY.fullmatch(text):
            if "." in text:
                return int(text.replace(".", "")), None
            return int(text) * 100, None
    return values.parse_money_cents(raw)


def parse_datetime(raw: Any) -> datetime | None:
    """values.parse_datetime, fast for ``2026-08-03 05:30:33``."""
    if type(raw) is str:
        text = raw.strip()
        if _DATETIME.fullmatch(text):
            try:
                return datetime(
                    int(text[0:4]),
                    int(text[5:7]),
                    int(text[8:10]),
                    int(text[11:13]),
                    int(text[14:16]),
                    int(text[17:19]),
                )
            except ValueError:
                pass
    return values.parse_datetime(raw)


FAILED = object()  # marks a cell whose parser raised, in ``parse_column``'s output
_TEXT_TYPES = frozenset({str, type(None)})


def parse_column(
    parse: Callable[[Any], Any], cells: list[Any]
) -> tuple[list[Any], tuple[int, BadValue] | None]:
    """``[parse(cell) for cell in cells]``, parsing each distinct text only once.

    Returns the values and the first failure (its index and error), if any; a cell whose parser
    raised is ``FAILED`` in the values. Columns of text and empty cells (nearly every column of an
    export) parse each distinct value once: status, province or product columns repeat a handful
    of values over thousands of rows, and the parsed values are shared. Other types go cell by
    cell (``1``, ``1.0`` and ``True`` are equal keys, so they must not share a result).
    """
    first: tuple[int, BadValue] | None = None
    types = set(map(type, cells))
    whole = _WHOLE_COLUMN.get(parse)
    if whole is not None and types <= _TEXT_TYPES and (done := whole(cells)) is not None:
        return done, None
    if types <= _TEXT_TYPES:
        parsed: dict[Any, Any] = {}
        # dict.fromkeys keeps first-seen order: the first value that fails has the earliest cell.
        for value in dict.fromkeys(cells):
            try:
                parsed[value] = parse(value)
            except BadValue as exc:
                parsed[value] = FAILED
                if first is None:
                    first = (cells.index(value), exc)
        return list(map(parsed.__getitem__, cells)), first
    out: list[Any] = []
    append = out.append
    for index, value in enumerate(cells):
        try:
            append(parse(value))
        except BadValue as exc:
            append(FAILED)
            if first is None:
                first = (index, exc)
    return out, first


# Whole-column fast paths: C-level maps prove every cell has the plain shape the cell parser's
# fast path takes, then parse the column at once; None when any cell does not (the caller then
# parses cell by cell). Each gives exactly the cell parser's values (a test holds them to it).


def _id_column(cells: list[str | None]) -> list[Any] | None:
    if None in cells:
        return None
    stripped = list(map(str.strip, cells))
    if all(map(str.isdigit, stripped)) and all(map(str.isascii, stripped)):
        return stripped
    return None


def _datetime_column(cells: list[str | None]) -> list[Any] | None:
    raws = dict.fromkeys(cells)
    raws.pop(None, None)
    texts = list(map(str.strip, raws))
    blanks = [raw for raw, text in zip(raws, texts, strict=True) if not text]
    if blanks:
        texts = [text for text in texts if text]
    if not all(map(_DATETIME.fullmatch, texts)):
        return None
    try:
        moments = list(map(datetime.fromisoformat, texts))
    except ValueError:  # 2026-02-30: the cell parser words the error
        return None
    parsed: dict[str | None, Any] = dict(
        zip([raw for raw in raws if raw.strip()] if blanks else raws, moments, strict=True)
    )
    parsed[None] = None
    for raw in blanks:  # spaces, a tab …: whatever the cell parser makes of them (None)
        parsed[raw] = parse_datetime(raw)
    return list(map(parsed.__getitem__, cells))


_WHOLE_COLUMN: dict[Callable[[Any], Any], Callable[[list[Any]], list[Any] | None]] = {
    parse_id: _id_column,
    parse_datetime: _datetime_column,
}
