"""Fast paths for the cells that make up nearly every row: plain digits, plain text, plain times.

Each function gives exactly what its ``app.importers.values`` counterpart gives (a test holds
them to it) and hands anything unusual to that counterpart. A 200,000-row order export has
about four million cells; the general parsers alone would take most of the import's time.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from app.importers import values

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
