"""Phone numbers are kept masked: ``138****5678``, the way 抖店 exports them.

Some exports (有赞 customer lists, WeCom lists, a mapped CRM sheet) carry full numbers; the
importer masks them as it reads them, so a full number never reaches the store. The masked form
is also the one the platforms use, so the same buyer matches across exports.
"""

from __future__ import annotations

import re

_MASK_CHARS = "*＊•xX"
_NOT_DIGITS = re.compile(r"\D")


def mask_phone(text: str | None) -> str | None:
    """``text`` with all but the first three and the last four digits hidden.

    A Chinese mobile number (with or without +86, spaces or dashes) becomes ``138****5678``;
    a number that is already masked is kept as it is; other numbers keep their first three and
    last four digits; a short one keeps only its last two.
    """
    if text is None:
        return None
    value = text.strip()
    if not value or any(c in value for c in _MASK_CHARS):
        return value or None
    digits = _NOT_DIGITS.sub("", value)
    if not digits:
        return value
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 9:
        return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
    return "*" * (len(digits) - 2) + digits[-2:]


def parse_phone(raw: object) -> str | None:
    """A phone cell as masked text (None when empty)."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a number cell: 13812345678.0
    return mask_phone(str(raw))
