"""Date and time normalisers: ``parse_datetime``, ``parse_date``, ``parse_yearless_date`` and
``parse_duration_s`` (stdlib only).

They follow the rules of :mod:`app.importers.values` (which re-exports them): a raw cell in, a
naive ``datetime``/``date`` out, None for an empty cell or null token, ``BadValue`` when the cell
cannot be read. The text-level helpers below take text already cleaned by
:func:`app.importers.values.ascii_text` (trimmed, full-width digits in ASCII, not null).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from app.importers.errors import BadValue
from app.importers.values import Cell, ascii_text, cell_number, read_number

DATETIME_EXPECTED = "a date and time like 2026-08-03 14:05:00"
DURATION_EXPECTED = "a duration like 21.46秒, 1:05, 1:02:03 or 2分30秒"
YEARLESS_EXPECTED = "a date like August 9, 3月25日 or 2026-08-09"
AMBIGUOUS_EXPECTED = (
    "an unambiguous date like 2026-08-03 (in this date either number could be the day)"
)
EXCEL_EPOCH = datetime(1899, 12, 30)
SERIAL_MIN = 20000  # 1954-10-03
SERIAL_MAX = 80000  # 2119-01-11

_TIME = (
    r"(?:[ T]+|\s*,\s*)(?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})"
    r"(?::(?P<S>[0-9]{2})(?:[.,][0-9]+)?)?"
    r"(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|(?:UTC|GMT)?[+-][0-9]{1,2}(?::?[0-9]{2})?|UTC|GMT))?"
)
_YMD_RE = re.compile(
    rf"(?P<y>[0-9]{{4}})(?P<sep>[-/.])(?P<mo>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})(?:{_TIME})?",
    re.A,
)
_XXY_RE = re.compile(
    rf"(?P<a>[0-9]{{1,2}})(?P<sep>[-/.])(?P<b>[0-9]{{1,2}})(?P=sep)(?P<y>[0-9]{{4}})(?:{_TIME})?",
    re.A,
)
_CJK_RE = re.compile(
    r"(?P<y>[0-9]{4})\s*年\s*(?P<mo>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]"
    r"(?:\s*(?P<H>[0-9]{1,2})\s*[时時点點:]\s*(?P<M>[0-9]{1,2})\s*[分:]?"
    r"\s*(?:(?P<S>[0-9]{1,2})(?:\.[0-9]+)?\s*秒?)?)?",
    re.A,
)
_COMPACT_RE = re.compile(
    r"(?P<y>[0-9]{4})(?P<mo>[0-9]{2})(?P<d>[0-9]{2})"
    r"(?:[ T]?(?P<H>[0-9]{2})(?P<M>[0-9]{2})(?P<S>[0-9]{2}))?",
    re.A,
)
_SERIAL_RE = re.compile(r"[0-9]{5}(?:\.[0-9]+)?", re.A)

# One line per month: English, German, French, Spanish, Portuguese, Italian, Indonesian, Thai.
_MONTH_LINES = (
    "january jan januar jänner jän janvier janv enero ene janeiro gennaio gen januari มกราคม ม.ค.",
    "february feb februar feber février févr febrero fevereiro fev febbraio februari กุมภาพันธ์ ก.พ.",
    "march mar märz mär maerz mars marzo março maret มีนาคม มี.ค.",
    "april apr avril avr abril abr aprile เมษายน เม.ย.",
    "may mai mayo maio maggio mag mei พฤษภาคม พ.ค.",
    "june jun juni juin junio junho giugno giu มิถุนายน มิ.ย.",
    "july jul juli juillet juil julio julho luglio lug กรกฎาคม ก.ค.",
    "august aug août agosto ago agustus agu agt ags สิงหาคม ส.ค.",
    "september sep sept septembre septiembre setiembre set setembro settembre กันยายน ก.ย.",
    "october oct oktober okt octobre octubre outubro out ottobre ott ตุลาคม ต.ค.",
    "november nov novembre noviembre novembro พฤศจิกายน พ.ย.",
    "december dec dezember dez décembre déc diciembre dic dezembro dicembre desember des"
    " ธันวาคม ธ.ค.",
)
# Vietnamese month words after "tháng" (folded: no diacritics). Numbers 1-12 work too.
_VIETNAMESE_MONTHS = {
    "mot": 1, "gieng": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9, "muoi": 10, "muoi mot": 11, "muoi hai": 12, "chap": 12,
}  # fmt: skip

_YEAR_TAIL_RE = re.compile(
    r"(?P<rest>.+?)(?:(?<=[0-9])\s+nam\s+|\s+(?:de|del|tahun)\s+|\s*,\s*|\s+)(?P<y>[0-9]{4})\.?",
    re.A,
)
_CJK_MONTH_DAY_RE = re.compile(
    r"(?:(?P<y>[0-9]{4})\s*[年년]\s*)?(?P<m>[0-9]{1,2})\s*[月월]\s*(?P<d>[0-9]{1,2})\s*[日号號일]?",
    re.A,
)
_VIETNAMESE_RE = re.compile(r"(?:ngay\s+)?(?P<d>[0-9]{1,2})\s*(?:thang|thg)\s*(?P<m>.+?)\.?", re.A)
_DAY_MONTH_RE = re.compile(
    r"(?P<d>[0-9]{1,2})(?:\.|er|st|nd|rd|th|o)?[\s-]*(?:de\s+)?(?P<m>[^0-9\s][^0-9]*?)\.?", re.A
)
_MONTH_DAY_RE = re.compile(
    r"(?P<m>[^0-9\s][^0-9]*?)\.?[\s-]*(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?", re.A
)


def fold(text: str) -> str:
    """Lower-case text, drop Latin diacritics, single spaces: ``Tháng  Sáu`` → ``thang sau``.

    Args:
        text: any text.

    Returns:
        The folded text; Thai and CJK characters are kept as they are.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not "\u0300" <= ch <= "\u036f")
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for month, line in enumerate(_MONTH_LINES, start=1):
        for word in line.split():
            key = fold(word).rstrip(".")
            if table.setdefault(key, month) != month:  # pragma: no cover - guards the table
                raise AssertionError(f"month word {word!r} is listed twice")
    return table


_MONTHS = _month_table()


def from_excel_serial(value: float) -> datetime:
    """Turn an Excel serial date (days since 1899-12-30, fraction = time) into a datetime.

    Args:
        value: the serial; only 20000-80000 (years 1954-2119) is taken for a date.

    Returns:
        The naive datetime, rounded to the second.

    Raises:
        BadValue: the number is outside the serial range.
    """
    if not SERIAL_MIN <= value <= SERIAL_MAX:
        raise BadValue(DATETIME_EXPECTED, f"{value!r} is not an Excel date serial (20000-80000)")
    days = math.floor(value)
    return EXCEL_EPOCH + timedelta(days=days, seconds=round((value - days) * 86400))


def _build(
    year: str | int,
    month: str | int,
    day: str | int,
    hour: str | None = None,
    minute: str | None = None,
    second: str | None = None,
    ampm: str | None = None,
) -> datetime:
    """Make a datetime from matched parts, or raise BadValue for an impossible date or time."""
    hour_number = int(hour or 0)
    if ampm:
        if not 1 <= hour_number <= 12:
            raise BadValue(DATETIME_EXPECTED, f"hour {hour_number} does not go with AM/PM")
        hour_number = hour_number % 12 + (12 if ampm in "Pp" else 0)
    try:
        return datetime(
            int(year), int(month), int(day), hour_number, int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise BadValue(DATETIME_EXPECTED, "no such date or time of day") from None


def _day_month(a: int, b: int, sep: str, day_first: bool | None, text: str) -> tuple[int, int]:
    """Decide which of ``a/b/yyyy`` is the day; returns (day, month)."""
    if day_first is None:
        if sep == "." or a > 12 or b > 12:
            day_first = sep == "." or a > 12
        elif a == b:
            day_first = True
        else:
            raise BadValue(AMBIGUOUS_EXPECTED, f"{text!r} could be day/month or month/day")
    return (a, b) if day_first else (b, a)


def datetime_from_text(text: str, *, day_first: bool | None = None) -> datetime:
    """Parse a cleaned, non-empty date or date-time text.

    Args:
        text: e.g. ``2026-08-03 05:30:33``, ``2026/8/3``, ``2026年05月19日15时39分28秒``,
            ``08/14/2026 3:05:09 PM``, ``14/08/2026 15:05:09``, ``20260803``, ``46233.5``,
            ``August 9, 2026``.
        day_first: how to read ``a/b/yyyy``; None decides by a number above 12 (``dd.mm.yyyy``
            with dots is always day first).

    Returns:
        The naive datetime; fractional seconds are dropped and a UTC offset is ignored.

    Raises:
        BadValue: not a date, an impossible date, or an ambiguous ``a/b/yyyy`` without day_first.
    """
    if _SERIAL_RE.fullmatch(text):
        return from_excel_serial(float(text))
    if m := _YMD_RE.fullmatch(text) or _CJK_RE.fullmatch(text) or _COMPACT_RE.fullmatch(text):
        parts = m.groupdict()
        return _build(m["y"], m["mo"], m["d"], m["H"], m["M"], m["S"], parts.get("ampm"))
    if m := _XXY_RE.fullmatch(text):
        day, month = _day_month(int(m["a"]), int(m["b"]), m["sep"], day_first, text)
        return _build(m["y"], month, day, m["H"], m["M"], m["S"], m["ampm"])
    found = month_day_from_text(text)
    if found is not None and found[2] is not None:
        return _build(found[2], found[0], found[1])
    raise BadValue(DATETIME_EXPECTED, f"{text!r} is not a date")


def _month_number(word: str, table: dict[str, int]) -> int | None:
    word = word.strip().rstrip(".").strip()
    if word.isdigit():
        return int(word)
    return table.get(word)


def month_day_from_text(text: str) -> tuple[int, int, int | None] | None:
    """Read a month-name or ``M月D日`` date, with or without a year.

    Args:
        text: e.g. ``August 9``, ``9 Aug``, ``8. Juli``, ``9 de agosto``, ``18 tháng Sáu``,
            ``18 thg 6``, ``3月25日``, ``9 ส.ค.``, ``August 9, 2026``.

    Returns:
        (month, day, year or None), not yet checked for being a real date; None when the text
        has no such form. Thai Buddhist-era years (above 2400) are turned into AD years.
    """
    folded = fold(text)
    if m := _CJK_MONTH_DAY_RE.fullmatch(folded):
        return int(m["m"]), int(m["d"]), int(m["y"]) if m["y"] else None
    year = None
    if m := _YEAR_TAIL_RE.fullmatch(folded):
        folded, year = m["rest"], int(m["y"])
        year = year - 543 if year > 2400 else year
    month = None
    if m := _VIETNAMESE_RE.fullmatch(folded):
        month = _month_number(m["m"], _VIETNAMESE_MONTHS)
    elif m := _DAY_MONTH_RE.fullmatch(folded) or _MONTH_DAY_RE.fullmatch(folded):
        month = _month_number(m["m"], _MONTHS)
    if m is None or month is None:
        return None
    return month, int(m["d"]), year


def make_date(year: int, month: int, day: int) -> date:
    """Build a date, raising BadValue (not ValueError) when there is no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue(YEARLESS_EXPECTED, f"{year}-{month}-{day} is not a real date") from None


def latest_on_or_before(month: int, day: int, not_after: date) -> date:
    """Give a year-less month and day the year that puts it on or before ``not_after``, closest.

    Args:
        month: 1-12.
        day: 1-31.
        not_after: the last day the date may fall on (e.g. the export date).

    Returns:
        The date; 29 February goes back to the latest leap year.

    Raises:
        BadValue: no year has this month and day (``February 30``, month 13).
    """
    for year in range(not_after.year, not_after.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= not_after:
            return candidate
    raise BadValue(YEARLESS_EXPECTED, f"month {month}, day {day} is not a real date")


# ------------------------------------------------------------------------------ cell level


def _round_second(value: datetime) -> datetime:
    """Drop tzinfo and round to the nearest second (Excel cells carry float noise)."""
    value = value.replace(tzinfo=None)
    rounded = value.replace(microsecond=0)
    return rounded + timedelta(seconds=1) if value.microsecond >= 500_000 else rounded


def parse_datetime(raw: Cell, *, day_first: bool | None = None) -> datetime | None:
    """Read a naive date-time, local time as printed.

    Text forms: ``2026-08-03 05:30:33``, ``2026-08-03 05:30``, ``2026-08-03T05:30:33``,
    ``2026/8/3``, ``2026/8/3 5:30``, ``2026-08-03``, ``2026年05月19日15时39分28秒``,
    ``2026年5月19日 15:39:28``, ``2026年05月19日``, ``08/14/2026 3:05:09 PM``,
    ``14/08/2026 15:05:09``, ``20260803``, ``August 9, 2026``, Excel serials ``46233.5``.

    Args:
        raw: the cell; datetime cells pass through (rounded to the second, tzinfo dropped), date
            cells give midnight, int/float cells are Excel serials.
        day_first: how ``a/b/yyyy`` reads; None decides by a number above 12 and rejects
            ``03/04/2026`` as ambiguous.

    Returns:
        The datetime (fractional seconds in text are truncated; a UTC offset is ignored), or None.

    Raises:
        BadValue: not a date, an impossible date, or an ambiguous day/month order.
    """
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return _round_second(raw)
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day)
    if isinstance(raw, str):
        text = ascii_text(raw)
        return None if text is None else datetime_from_text(text, day_first=day_first)
    value = cell_number(raw, DATETIME_EXPECTED)
    return None if value is None else from_excel_serial(float(value))


def parse_date(raw: Cell, *, day_first: bool | None = None) -> date | None:
    """Read a date: any :func:`parse_datetime` form, the time of day dropped; date cells pass.

    Args:
        raw: the cell.
        day_first: as for :func:`parse_datetime`.

    Returns:
        The date, or None when empty.

    Raises:
        BadValue: as for :func:`parse_datetime`.
    """
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    value = parse_datetime(raw, day_first=day_first)
    return None if value is None else value.date()


_HAS_YEAR_RE = re.compile(r"(?<![0-9])[0-9]{4,5}(?![0-9])|[0-9]{8}", re.A)


def parse_yearless_date(
    raw: Cell, *, reference: date, not_after: date | None = None
) -> date | None:
    """Read a TikTok Studio date that may lack a year: ``August 9``, ``Aug 9``, ``9 August``,
    ``3月25日``, ``8 Juli``, ``9 de agosto``, ``9 Agustus``, ``18 tháng Sáu``, ``18 tháng 6``,
    ``9 ส.ค.`` (English, Chinese, German, French, Spanish, Portuguese, Italian, Indonesian,
    Vietnamese, Thai); dates with a year pass through.

    Args:
        raw: the cell.
        reference: the export date; the default for ``not_after``.
        not_after: a year-less date gets the year that puts it on or before this day, as close
            to it as possible (``Dec 30`` read on 2027-01-02 is 2026-12-30).

    Returns:
        The date, or None when empty.

    Raises:
        BadValue: not a date, or no such day (``February 30``).
    """
    bound = reference if not_after is None else not_after
    bound = bound.date() if isinstance(bound, datetime) else bound
    if not isinstance(raw, str):
        return parse_date(raw)
    text = ascii_text(raw)
    if text is None:
        return None
    found = month_day_from_text(text)
    if found is None:
        try:
            return parse_date(text)
        except BadValue:
            if _HAS_YEAR_RE.search(text):
                raise
            raise BadValue(YEARLESS_EXPECTED, f"{text!r} is not a date") from None
    month, day, year = found
    if year is not None:
        return make_date(year, month, day)
    return latest_on_or_before(month, day, bound)


# ------------------------------------------------------------------------------------ durations

_UNIT_SECONDS = {
    "天": 86400, "d": 86400, "days": 86400, "day": 86400,
    "小时": 3600, "时": 3600, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "分钟": 60, "分": 60, "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "秒钟": 1, "秒": 1, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "毫秒": Decimal("0.001"), "ms": Decimal("0.001"),
}  # fmt: skip
_UNITS = "|".join(sorted(_UNIT_SECONDS, key=len, reverse=True))
_UNIT_PART_RE = re.compile(rf"\s*([0-9]+(?:\.[0-9]+)?)\s*({_UNITS})(?![a-z])\s*", re.I | re.A)
_CLOCK_RE = re.compile(r"(?:(?P<h>[0-9]+):)?(?P<m>[0-9]+):(?P<s>[0-9]{2}(?:\.[0-9]+)?)", re.A)


def _unit_seconds(text: str) -> Decimal | None:
    """``2分30秒``, ``1h 2m``, ``21.46s`` → seconds; None when the text is not such a duration."""
    total, pos = Decimal(0), 0
    while pos < len(text):
        m = _UNIT_PART_RE.match(text, pos)
        if not m:
            return None
        total += Decimal(m[1]) * _UNIT_SECONDS[m[2].lower()]
        pos = m.end()
    return total if pos else None


def _clock_seconds(text: str) -> Decimal | None:
    """``1:05`` (m:ss) or ``1:02:03`` (h:mm:ss) → seconds; None when not that form."""
    m = _CLOCK_RE.fullmatch(text)
    if not m:
        return None
    hours, minutes, seconds = int(m["h"] or 0), int(m["m"]), Decimal(m["s"])
    if seconds >= 60 or (m["h"] is not None and minutes >= 60):
        raise BadValue(DURATION_EXPECTED, f"{text!r} has more than 59 minutes or seconds")
    return hours * 3600 + minutes * 60 + seconds


def _text_seconds(text: str) -> Decimal:
    """Seconds from clock, unit or bare-number text; raises BadValue otherwise."""
    value = _clock_seconds(text)
    if value is None:
        value = _unit_seconds(text)
    if value is None:
        found = read_number(text, multipliers=False)
        value = None if found is None else found[0]
    if value is None:
        raise BadValue(DURATION_EXPECTED, f"{text!r} is not a duration")
    return value


def parse_duration_s(raw: Cell) -> float | None:
    """Read a duration in seconds: ``21.46秒``, ``21.46s``, ``6.5``, ``1:05``, ``1:02:03``,
    ``2分30秒``, ``1小时2分``, ``datetime.time`` and ``timedelta`` cells.

    Args:
        raw: the cell.

    Returns:
        Seconds (not negative), or None when empty.

    Raises:
        BadValue: not a duration, or negative.
    """
    if raw is None:
        return None
    if isinstance(raw, time):
        return raw.hour * 3600 + raw.minute * 60 + raw.second + raw.microsecond / 1e6
    if isinstance(raw, timedelta):
        value: Decimal | None = Decimal(repr(raw.total_seconds()))
    elif isinstance(raw, str):
        text = ascii_text(raw)
        if text is None:
            return None
        value = _text_seconds(text)
    else:
        value = cell_number(raw, DURATION_EXPECTED)
        if value is None:
            return None
    if value < 0:
        raise BadValue(DURATION_EXPECTED, f"{value} seconds is negative")
    return float(value)
