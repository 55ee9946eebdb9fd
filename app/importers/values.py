"""Pure value normalisers for imported cells (stdlib only: no Qt, no pandas).

Every ``parse_*`` function takes a raw cell as a reader hands it over: ``str`` from CSV or HTML, and
from xlsx possibly ``int``, ``float``, ``bool``, ``datetime``, ``date``, ``time`` or ``None``. It
returns the normalised value, or ``None`` for an empty cell or a null token (see :func:`is_null`),
and raises :class:`~app.importers.errors.BadValue` when the cell cannot be read. Nothing is guessed
silently: an unreadable or ambiguous value is an error, never a wrong number.

``parse_datetime``, ``parse_date``, ``parse_yearless_date`` and ``parse_duration_s`` live in
:mod:`app.importers.dates` and can be imported from here too.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Literal, TypeAlias

from app.importers.errors import BadValue

if TYPE_CHECKING:  # at run time they come lazily through __getattr__ (dates imports this module)
    from app.importers.dates import (
        parse_date,
        parse_datetime,
        parse_duration_s,
        parse_yearless_date,
    )

__all__ = [
    "Cell", "BadValue", "clean_text", "is_null", "parse_text", "parse_id", "parse_int",
    "parse_float", "parse_money_cents", "parse_rate", "parse_bool", "parse_datetime", "parse_date",
    "parse_yearless_date", "parse_duration_s",
]  # fmt: skip

Cell: TypeAlias = str | int | float | Decimal | datetime | date | time | timedelta | None

ID_EXPECTED = "an ID (letters and digits, no spaces)"
ID_LOST_EXPECTED = (
    "the full ID as text: Excel turned this ID into a number and its last digits are lost; "
    "re-export the file from the platform, and do not open and re-save it in Excel"
)
ID_GROUPED_EXPECTED = (
    "the ID as plain digits: Excel shows it as a number with thousands separators; "
    "re-export the file from the platform, and do not open and re-save it in Excel"
)
WHOLE_EXPECTED = "a whole number"
NUMBER_EXPECTED = "a number like 1,234.5"
MONEY_EXPECTED = "an amount of money like ¥1,299.00, 12.50元 or BRL 35,91"
RATE_EXPECTED = "a percentage like 35.2% or a ratio like 0.352"
RATIO_EXPECTED = "a ratio between 0 and 1"
PERCENT_EXPECTED = "a percentage between 0 and 100"
BOOL_EXPECTED = "yes or no (是/否)"

# ---------------------------------------------------------------------------------------- text

_NULL_TOKENS = frozenset({"", "-", "--", "—", "——", "/", "数据将于第二天更新"})
_NULL_WORDS = frozenset({"null", "none", "nan", "undefined", "n/a", "#n/a"})
_EDGE_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# Inside a value only the invisible characters that never carry meaning go (ZWJ/ZWNJ stay: emoji).
_INNER = str.maketrans({"\u200b": None, "\u2060": None, "\ufeff": None, "\xa0": " "})
# For numbers, IDs and dates: full-width ASCII (０-９，．％－ …) to ASCII and odd spaces to " ".
_ASCII = str.maketrans(
    {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
    | {0x3000: " ", 0x2212: "-", 0x202F: " ", 0x2009: " ", 0x200C: None, 0x200D: None}
)


def _trim(text: str) -> str:
    while True:
        trimmed = text.strip().strip(_EDGE_INVISIBLE)
        if trimmed == text:
            return text
        text = trimmed


def clean_text(raw: Cell) -> str:
    """Turn a cell into trimmed text (never raises).

    Removes surrounding whitespace including tabs and line breaks, zero-width characters and BOMs
    (ZWJ/ZWNJ only at the ends, so emoji stay whole), an Excel ``="…"`` wrapper and one leading
    apostrophe; turns NBSP into a space and CR/CRLF inside into LF. Inner newlines are kept.

    Args:
        raw: the cell; None gives ``""``.

    Returns:
        The cleaned text (NFKC is not applied).
    """
    text = _trim("" if raw is None else str(raw).translate(_INNER))
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
        text = _trim(text[2:-1].replace('""', '"'))
    if text.startswith("'"):
        text = _trim(text[1:])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_null(text: str) -> bool:
    """Tell whether cleaned text is empty or a placeholder such as ``-``, ``undefined``, ``N/A``.

    Args:
        text: text from :func:`clean_text`.

    Returns:
        True for empty, ``-``, ``--``, ``—``, ``——``, ``/``, ``数据将于第二天更新`` and (any case)
        ``null``, ``None``, ``nan``, ``undefined``, ``N/A``, ``#N/A``.
    """
    text = text.strip()
    return text in _NULL_TOKENS or text.casefold() in _NULL_WORDS


def parse_text(raw: Cell) -> str | None:
    """Clean a text cell; None when it is empty or a null token."""
    text = clean_text(raw)
    return None if is_null(text) else text


def ascii_text(raw: str) -> str | None:
    """Clean text for numbers, IDs and dates (full-width ASCII to ASCII); None when null."""
    text = clean_text(raw).translate(_ASCII).strip()
    return None if is_null(text) else text


# ------------------------------------------------------------------------------------------ IDs

_SCIENTIFIC_RE = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+[eE][+-]?|[eE][+-])[0-9]+", re.A)
_DOT_ZERO_RE = re.compile(r"([0-9]+)\.0+", re.A)
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+", re.A)


def parse_id(raw: Cell) -> str | None:
    """Read an ID as text: digits (``6945…``), ``P123…``, ``export/UzFf…``, user names.

    A trailing ``.0`` on digits and a ``#`` before digits are dropped. Numbers are accepted only
    while exact: an int cell, or an integral float cell below 1e15.

    Args:
        raw: the cell.

    Returns:
        The ID text, or None when empty.

    Raises:
        BadValue: the ID went through Excel as a number (a float of 1e15 or more, a non-integral
            float, ``6.94512E+18``, a 16+ digit ``….0``, ``1,234,567``) or holds spaces.
    """
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
        raise BadValue(ID_EXPECTED, f"{raw!r} is not an ID")
    if isinstance(raw, int):
        if raw < 0:
            raise BadValue(ID_EXPECTED, f"{raw} is negative")
        return str(raw)
    if isinstance(raw, float | Decimal):
        if math.isnan(raw):
            return None
        if not math.isfinite(raw) or raw != int(raw) or abs(raw) >= 10**15:
            raise BadValue(ID_LOST_EXPECTED, f"the ID is the number {raw!r}")
        return parse_id(int(raw))
    text = ascii_text(raw)
    return None if text is None else _text_id(text)


def _text_id(text: str) -> str:
    if text.startswith("#") and text[1:].isascii() and text[1:].isdigit():
        text = text[1:]
    if _SCIENTIFIC_RE.fullmatch(text):
        raise BadValue(ID_LOST_EXPECTED, f"{text!r} is an ID in scientific notation")
    if m := _DOT_ZERO_RE.fullmatch(text):
        if len(m[1].lstrip("0")) > 15:
            raise BadValue(ID_LOST_EXPECTED, f"{text!r} went through a float")
        return m[1]
    if _GROUPED_RE.fullmatch(text):
        raise BadValue(ID_GROUPED_EXPECTED, f"{text!r} has thousands separators")
    if any(ch.isspace() for ch in text):
        raise BadValue(ID_EXPECTED, f"{text!r} contains spaces")
    return text


# -------------------------------------------------------------------------------------- numbers

_MULTIPLIERS = {
    "w": 10**4, "W": 10**4, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
    "k": 10**3, "K": 10**3, "千": 10**3, "M": 10**6,
}  # fmt: skip
_MULT_CLASS = "(?-i:[wW万萬亿億kK千M])"
_NUMBER = rf"[-+]?\s*\.?[0-9][0-9.,\s]*?\s*{_MULT_CLASS}?"
_NUMBER_RE = re.compile(
    rf"(?P<sign>[-+]?)\s*(?P<body>\.?[0-9][0-9.,\s]*?)\s*(?P<mult>{_MULT_CLASS})?", re.A
)
_GROUPS = {sep: re.compile(rf"[0-9]{{1,3}}(?:{re.escape(sep)}[0-9]{{3}})+", re.A) for sep in ",."}
_DIGITS_RE = re.compile(r"[0-9]+", re.A)
_SPACED_RE = re.compile(r"([0-9]{1,3}(?: [0-9]{3})+)([.,][0-9]+)?", re.A)


def _separators(
    body: str, decimal_comma: bool | None, dot_groups: bool, comma_hint: bool
) -> tuple[str, str]:
    """Return (decimal point, thousands separator) for a number body."""
    if decimal_comma is not None:
        return (",", ".") if decimal_comma else (".", ",")
    if "," in body and "." in body:
        return (",", ".") if body.rfind(",") > body.rfind(".") else (".", ",")
    if "," in body:
        two_decimals = re.fullmatch(r"[0-9]+,[0-9]{2}", body, re.A)
        if two_decimals or (comma_hint and not _GROUPS[","].fullmatch(body)):
            return ",", "."
        return ".", ","
    if dot_groups and _GROUPS["."].fullmatch(body):
        return ",", "."
    return ".", ","


def _unsigned(body: str, decimal_comma: bool | None, dot_groups: bool, comma_hint: bool) -> Decimal:
    """Read digits with separators; raises ValueError when they do not form one number."""
    body = body.strip()
    if " " in body:
        spaced = _SPACED_RE.fullmatch(body)
        if not spaced:
            raise ValueError(body)
        body = spaced[1].replace(" ", "") + (spaced[2] or "")
    point, thousands = _separators(body, decimal_comma, dot_groups, comma_hint)
    whole, has_point, frac = body.partition(point)
    if thousands in whole:
        if not _GROUPS[thousands].fullmatch(whole):
            raise ValueError(body)
        whole = whole.replace(thousands, "")
    if not _DIGITS_RE.fullmatch(whole or "0") or (has_point and not _DIGITS_RE.fullmatch(frac)):
        raise ValueError(body)
    return Decimal(f"{whole or '0'}.{frac or '0'}")


def read_number(
    text: str,
    *,
    decimal_comma: bool | None = None,
    dot_groups: bool = False,
    comma_hint: bool = False,
    multipliers: bool = True,
) -> tuple[Decimal, bool] | None:
    """Read a signed number with an optional 万/w/亿/K/M multiplier.

    Args:
        text: ASCII text (see :func:`ascii_text`), e.g. ``-1,234.5`` or ``1.2万``.
        decimal_comma: as for :func:`parse_money_cents`; None infers it.
        dot_groups: take ``10.000`` (dots in groups of three) as thousands.
        comma_hint: take a lone comma not in groups of three (``1,5``) as a decimal comma.
        multipliers: allow the multiplier suffixes.

    Returns:
        (value, whether a multiplier was applied), or None when the text is not such a number.
    """
    m = _NUMBER_RE.fullmatch(text)
    if not m or (m["mult"] and not multipliers):
        return None
    try:
        value = _unsigned(m["body"], decimal_comma, dot_groups, comma_hint)
    except ValueError:
        return None
    if m["mult"]:
        value *= _MULTIPLIERS[m["mult"]]
    return (-value if m["sign"] == "-" else value), bool(m["mult"])


def cell_number(raw: Cell, expected: str) -> Decimal | None:
    """A numeric (non-text) cell as an exact Decimal (floats via repr); None for NaN.

    Raises:
        BadValue: with ``expected`` when the cell is not a finite number (bools are not numbers).
    """
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise BadValue(expected, f"{raw!r} is not a number")
    if isinstance(raw, int):
        return Decimal(raw)
    if math.isnan(raw):
        return None
    if not math.isfinite(raw):
        raise BadValue(expected, f"{raw!r} is not a finite number")
    return Decimal(repr(raw)) if isinstance(raw, float) else raw


def parse_int(raw: Cell) -> int | None:
    """Read a whole number: ``1,234``, ``1234.0``, ``-3``, ``10.000``, ``1.2w``, ``3.5万``, ``2亿``,
    ``1.2K``, ``1.5M``, ``１２３``.

    Multiplier forms are rounded half up (``1.25w`` → 12500); dots make thousands only in exact
    groups of three (``10.000`` → 10000, TikTok locales).

    Args:
        raw: the cell; a float cell must be integral.

    Returns:
        The integer, or None when empty.

    Raises:
        BadValue: not a number, or a plain non-whole number such as ``12.5`` or ``35,91``.
    """
    if raw is None:
        return None
    if isinstance(raw, str):
        text = ascii_text(raw)
        if text is None:
            return None
        found = read_number(text, dot_groups=True)
        if found is None:
            raise BadValue(WHOLE_EXPECTED, f"{text!r} is not a number")
        value, scaled = found
        if scaled:
            value = value.to_integral_value(ROUND_HALF_UP)
    else:
        value = cell_number(raw, WHOLE_EXPECTED)
        if value is None:
            return None
    if value != value.to_integral_value():
        raise BadValue(WHOLE_EXPECTED, f"{value} is not a whole number")
    return int(value)


def parse_float(raw: Cell) -> float | None:
    """Read a decimal number: ``1,234.56``, ``-0.5``, ``6.5``, ``1.2万`` (multipliers allowed).

    Args:
        raw: the cell.

    Returns:
        The float, or None when empty.

    Raises:
        BadValue: not a number.
    """
    if raw is None:
        return None
    if not isinstance(raw, str):
        value = cell_number(raw, NUMBER_EXPECTED)
        return None if value is None else float(value)
    text = ascii_text(raw)
    if text is None:
        return None
    found = read_number(text)
    if found is None:
        raise BadValue(NUMBER_EXPECTED, f"{text!r} is not a number")
    return float(found[0])


# ---------------------------------------------------------------------------------------- money

_CURRENCY_WORDS = {
    "CNY": "¥ ￥ 元 RMB CNY", "USD": "$ US$ USD", "BRL": "R$ BRL", "IDR": "Rp Rp. IDR",
    "EUR": "€ EUR", "GBP": "£ GBP", "MYR": "RM MYR", "THB": "฿ THB", "VND": "₫ đ VND",
    "PHP": "₱ PHP", "SGD": "S$ SGD",
}  # fmt: skip
_CURRENCIES = {w.casefold(): code for code, ws in _CURRENCY_WORDS.items() for w in ws.split()}
_CUR = "|".join(re.escape(word) for word in sorted(_CURRENCIES, key=len, reverse=True))
_MONEY_RE = re.compile(
    rf"(?P<sign>[-+]?)\s*(?P<pre>{_CUR})?\s*(?P<num>{_NUMBER})\s*(?P<post>{_CUR})?", re.I
)
# Currencies whose locales write 1.234,56: dots in groups of three are thousands, "1,5" is 1.50.
_COMMA_LOCALES = frozenset({"BRL", "IDR", "VND", "EUR"})
_CENT = Decimal("0.01")


def parse_money_cents(
    raw: Cell, *, decimal_comma: bool | None = None
) -> tuple[int, str | None] | None:
    """Read an amount of money as exact integer cents and its currency.

    Handles ``¥1,299.00``, ``￥12``, ``12.50元``, ``$1,299.00``, ``US$5``, ``BRL 35,91``,
    ``IDR 125.000``, ``€3,50``, ``-12.3``, ``(12.30)`` and numeric cells (via their repr).

    Args:
        raw: the cell.
        decimal_comma: True for ``1.234,56``, False for ``1,234.56``; None infers it: the last of
            ``,``/``.`` is the decimal point when both occur, a lone ``,dd`` at the end is a decimal
            comma, ``1,234`` is thousands, and for BRL/IDR/VND/EUR ``125.000`` is thousands.

    Returns:
        (cents rounded half away from zero, ISO currency code or None), or None when empty. Cents
        are the amount × 100 whatever the currency's minor unit (IDR 125.000 → 12500000).

    Raises:
        BadValue: not an amount, badly grouped digits, or two different currencies.
    """
    if raw is None:
        return None
    if not isinstance(raw, str):
        value = cell_number(raw, MONEY_EXPECTED)
        return None if value is None else (_cents(value), None)
    text = ascii_text(raw)
    if text is None:
        return None
    negative = text.startswith("(") and text.endswith(")")
    m = _MONEY_RE.fullmatch(text[1:-1].strip() if negative else text)
    if not m:
        raise BadValue(MONEY_EXPECTED, f"{text!r} is not an amount")
    codes = {_CURRENCIES[w.casefold()] for w in (m["pre"], m["post"]) if w}
    if len(codes) > 1:
        raise BadValue(MONEY_EXPECTED, f"{text!r} names two currencies")
    code = codes.pop() if codes else None
    hint = code in _COMMA_LOCALES
    found = read_number(m["num"], decimal_comma=decimal_comma, dot_groups=hint, comma_hint=hint)
    signs = m["sign"] + m["num"].lstrip()[:1]
    if found is None or signs.count("-") + signs.count("+") > 1 or (negative and "-" in signs):
        raise BadValue(MONEY_EXPECTED, f"{text!r} is not an amount")
    value = -found[0] if negative or m["sign"] == "-" else found[0]
    return _cents(value), code


def _cents(value: Decimal) -> int:
    try:
        return int(value.quantize(_CENT, ROUND_HALF_UP).scaleb(2))
    except InvalidOperation:
        raise BadValue(MONEY_EXPECTED, f"{value} is too large an amount") from None


# ---------------------------------------------------------------------------------------- rates


def parse_rate(raw: Cell, *, bare: Literal["ratio", "percent"] = "ratio") -> float | None:
    """Read a rate as a ratio: ``35.2%`` → 0.352, ``<0.1%`` → 0.001, ``>99.9%`` → 0.999.

    Args:
        raw: the cell. ``%`` values may be negative or above 100% (growth rates).
        bare: how a number without ``%`` (and a numeric cell) reads: ``"ratio"`` takes ``0.213``
            as is and must be within 0-1; ``"percent"`` takes ``41.93`` as 0.4193 and must be
            within 0-100.

    Returns:
        The ratio, or None when empty. A ``<``/``>`` bound gives the bound itself.

    Raises:
        BadValue: not a number, or a bare number outside its range.
        ValueError: ``bare`` is neither "ratio" nor "percent" (a programming error).
    """
    if bare not in ("ratio", "percent"):
        raise ValueError(f"bare must be 'ratio' or 'percent', not {bare!r}")
    if raw is None:
        return None
    percent = False
    if isinstance(raw, str):
        text = ascii_text(raw)
        if text is None:
            return None
        text = text.lstrip("<>≤≥").lstrip("=").strip()
        percent = text.endswith(("%", "‰"))
        digits = text.rstrip("%‰").strip() if percent else text
        found = read_number(digits, multipliers=False)
        if found is None:
            raise BadValue(RATE_EXPECTED, f"{text!r} is not a rate")
        value = found[0] / (1000 if text.endswith("‰") else 100) if percent else found[0]
    else:
        value = cell_number(raw, RATE_EXPECTED)
        if value is None:
            return None
    if not percent and bare == "percent":
        if not 0 <= value <= 100:
            raise BadValue(PERCENT_EXPECTED, f"{value} is not between 0 and 100")
        value /= 100
    elif not percent and not 0 <= value <= 1:
        raise BadValue(RATIO_EXPECTED, f"{value} is not between 0 and 1")
    return float(value)


# ----------------------------------------------------------------------------------------- bool

_TRUE = frozenset({"是", "已回复", "yes", "y", "true", "t", "1", "1.0", "对"})
_FALSE = frozenset({"否", "未回复", "no", "n", "false", "f", "0", "0.0", "不是"})


def parse_bool(raw: Cell) -> bool | None:
    """Read yes/no: 是/否, 已回复/未回复, yes/no, true/false, Y/N, 1/0 (any case).

    Args:
        raw: the cell; bool cells pass through, numeric cells must be 1 or 0.

    Returns:
        The boolean, or None when empty.

    Raises:
        BadValue: anything else.
    """
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float | Decimal) and raw in (0, 1):
        return bool(raw)
    if not isinstance(raw, str):
        raise BadValue(BOOL_EXPECTED, f"{raw!r} is not yes or no")
    text = parse_text(raw)
    if text is None:
        return None
    word = text.casefold()
    if word not in _TRUE and word not in _FALSE:
        raise BadValue(BOOL_EXPECTED, f"{text!r} is not yes or no")
    return word in _TRUE


_FROM_DATES = frozenset(
    {"parse_datetime", "parse_date", "parse_yearless_date", "parse_duration_s"}
    | {"DATETIME_EXPECTED", "YEARLESS_EXPECTED", "AMBIGUOUS_EXPECTED", "DURATION_EXPECTED"}
)


def __getattr__(name: str) -> object:
    """Re-export the date and duration parsers of :mod:`app.importers.dates`.

    Lazily, because :mod:`app.importers.dates` imports this module.
    """
    if name in _FROM_DATES:
        from app.importers import dates

        return getattr(dates, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
