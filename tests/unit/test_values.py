"""The value normalisers: every cell form and quirk the platform exports show, and their errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.importers import dates, values
from app.importers.errors import BadValue
from app.importers.values import (
    clean_text,
    is_null,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_duration_s,
    parse_float,
    parse_id,
    parse_int,
    parse_money_cents,
    parse_rate,
    parse_text,
    parse_yearless_date,
)

FAST = settings(database=None, deadline=None, max_examples=100)
ROOT = Path(__file__).resolve().parents[2]
FULL_WIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


def bad(func, *args, **kwargs) -> BadValue:
    """Call ``func`` and return the BadValue it must raise."""
    with pytest.raises(BadValue) as caught:
        func(*args, **kwargs)
    assert caught.value.expected, "BadValue must say what was expected"
    return caught.value


# ------------------------------------------------------------------------------------------ text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  abc  ", "abc"),
        ("\t6945123456789012345", "6945123456789012345"),  # 抖店 / TikTok leading tab
        ("6945123456789012345\t", "6945123456789012345"),  # TikTok trailing tab
        ("\t", ""),  # a lone tab is empty
        ("\r\nabc\r\n", "abc"),
        ("\ufeff订单号", "订单号"),  # BOM
        ("\u200babc\u200b", "abc"),
        ("a\u200bb", "ab"),  # zero-width space inside goes too
        ("\u200cabc\u200d", "abc"),  # ZWNJ / ZWJ at the ends
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # ZWJ inside an emoji stays
        ("a\xa0b", "a b"),  # NBSP
        ("\xa0abc\xa0", "abc"),
        ("\u3000abc\u3000", "abc"),  # ideographic space
        ('="00123"', "00123"),  # Excel text wrapper
        ('="say ""hi"""', 'say "hi"'),
        ('=""', ""),
        ("'6945123456789012345", "6945123456789012345"),  # 抖店 commission file apostrophe
        ("''abc", "'abc"),  # only one apostrophe goes
        ("第一行\n第二行", "第一行\n第二行"),  # titles keep their newlines
        ("line1\r\nline2\rline3", "line1\nline2\nline3"),
        ("１２３", "１２３"),  # no NFKC on text
        (123, "123"),
        (1.5, "1.5"),
        (True, "True"),
        (datetime(2026, 8, 3, 5, 30), "2026-08-03 05:30:00"),
    ],
)
def test_clean_text(raw: object, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["", "  ", "-", "--", "—", "——", "/", "null", "NULL", "None", "nan", "NaN", "undefined"]
    + ["N/A", "n/a", "#N/A", "数据将于第二天更新", " - "],
)
def test_is_null_tokens(text: str) -> None:
    assert is_null(text)


@pytest.mark.parametrize("text", ["0", "-1", "---", "abc", "none of it", "直播", "—1", "0.0"])
def test_is_null_rejects_values(text: str) -> None:
    assert not is_null(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("\t", None),
        ("undefined", None),
        ("数据将于第二天更新", None),
        (" 直播 ", "直播"),
        ("标题\n#tag", "标题\n#tag"),
        ("'平台老朋友惊喜券", "平台老朋友惊喜券"),
    ],
)
def test_parse_text(raw: object, expected: str | None) -> None:
    assert parse_text(raw) == expected


# ------------------------------------------------------------------------------------------- IDs


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("\t", None),
        ("-", None),
        ("6945123456789012345", "6945123456789012345"),
        ("\t6945123456789012345\t", "6945123456789012345"),
        ("'6945123456789012345", "6945123456789012345"),
        ('="6945123456789012345"', "6945123456789012345"),
        ("0012345", "0012345"),  # leading zeros stay
        ("P123456789012345678", "P123456789012345678"),  # 小红书 order
        ("export/UzFfAbC123", "export/UzFfAbC123"),
        ("shop.owner_01", "shop.owner_01"),
        ("123456.0", "123456"),  # trailing .0 from a float conversion
        ("123456.00", "123456"),
        ("123456789012345.0", "123456789012345"),  # 15 digits still exact
        ("#123456", "123456"),  # merchant-made files
        ("#A12", "#A12"),
        ("12E34", "12E34"),  # no decimals, no exponent sign: an alphanumeric code
        ("123.5", "123.5"),
        ("１２３", "123"),
        (123, "123"),
        (0, "0"),
        (6945123456789012345, "6945123456789012345"),  # an int cell is exact
        (123456.0, "123456"),
        (999999999999999.0, "999999999999999"),
        (Decimal("42"), "42"),
        (float("nan"), None),
    ],
)
def test_parse_id(raw: object, expected: str | None) -> None:
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "6.94512E+18",
        "6.9E18",
        "1.23e+17",
        "1E+18",
        "-6.9E+18",
        "\t6.94512E+18\t",
        "6945123456789012480.0",  # digits past float precision
        "1000000000000000.0",
        1e15,
        6.945123456789012e18,
        12.5,
        float("inf"),
    ],
)
def test_parse_id_lost_digits(raw: object) -> None:
    error = bad(parse_id, raw)
    assert "Excel" in error.expected
    assert "re-export" in error.expected
    assert "re-save" in error.expected


@pytest.mark.parametrize(
    "raw", ["1,234,567", "a b", "123 456", "line\nbreak", -5, True, date.today()]
)
def test_parse_id_rejects(raw: object) -> None:
    bad(parse_id, raw)


@FAST
@given(st.floats(min_value=1e15, allow_nan=False) | st.floats(max_value=-1e15, allow_nan=False))
def test_parse_id_never_returns_for_large_floats(value: float) -> None:
    with pytest.raises(BadValue):
        parse_id(value)


@FAST
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False).filter(lambda f: f % 1))
def test_parse_id_never_returns_for_fractional_floats(value: float) -> None:
    with pytest.raises(BadValue):
        parse_id(value)


@FAST
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_parse_id_exact_floats_round_trip(number: int) -> None:
    assert parse_id(float(number)) == str(number)


@FAST
@given(st.from_regex(r"[0-9]{1,19}|P[0-9]{18}|[A-Za-z][A-Za-z0-9_./]{0,30}", fullmatch=True))
def test_parse_id_keeps_text_ids(text: str) -> None:
    assert parse_id(text) == text
    assert parse_id(f"\t{text}\t") == text


# --------------------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("-", None),
        ("--", None),
        ("undefined", None),
        ("0", 0),
        ("1234", 1234),
        ("1,234", 1234),
        ("1,234,567", 1234567),
        ("1234.0", 1234),
        ("1,234.00", 1234),
        (" 12 ", 12),
        ("\t12\t", 12),
        ("-3", -3),
        ("+3", 3),
        ("−3", -3),  # Unicode minus
        ("1.2w", 12000),
        ("1.2W", 12000),
        ("3.5万", 35000),
        ("3.5 万", 35000),
        ("2亿", 200000000),
        ("1.2K", 1200),
        ("1.2k", 1200),
        ("1.5M", 1500000),
        ("1.25w", 12500),
        ("1.23456w", 12346),  # half up
        ("1.00005w", 10001),
        ("-1.2w", -12000),
        ("１２３", 123),
        ("１，２３４", 1234),
        ("10.000", 10000),  # TikTok locale thousands
        ("1.234.567", 1234567),
        ("10 000", 10000),  # French locale thousands (NBSP / narrow NBSP)
        ("10\xa0000", 10000),
        ("10\u202f000", 10000),
        (12, 12),
        (-4, -4),
        (12.0, 12),
        (1e20, 10**20),
        (Decimal("7"), 7),
        (float("nan"), None),
    ],
)
def test_parse_int(raw: object, expected: int | None) -> None:
    result = parse_int(raw)
    assert result == expected
    assert result is None or type(result) is int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.5", "a whole number"),
        ("35,91", "a whole number"),  # a decimal comma, not thirty-five hundred
        ("1.234,5", "a whole number"),
        ("12,34", "a whole number"),
        ("1,2345", "a whole number"),
        ("1.2.3", "a whole number"),
        ("abc", "a whole number"),
        ("12abc", "a whole number"),
        ("1e5", "a whole number"),
        ("12%", "a whole number"),
        ("--5", "a whole number"),
        ("1 23", "a whole number"),
        (12.5, "a whole number"),
        (float("inf"), "a whole number"),
        (True, "a whole number"),
        (datetime(2026, 1, 1), "a whole number"),
    ],
)
def test_parse_int_rejects(raw: object, expected: str) -> None:
    assert bad(parse_int, raw).expected == expected


@FAST
@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_parse_int_round_trips(number: int) -> None:
    assert parse_int(f"{number:,}") == number
    assert parse_int(str(number)) == number
    assert parse_int(f"{number}.0") == number
    assert parse_int(f"{number:,}".replace(",", ".")) == number
    assert parse_int(str(number).translate(FULL_WIDTH)) == number
    assert parse_int(f"\t{number}\t") == number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("-", None),
        ("1,234.56", 1234.56),
        ("1234.56", 1234.56),
        ("-0.5", -0.5),
        (".5", 0.5),
        ("6.5", 6.5),
        ("10.000", 10.0),  # a float column reads a dot as a decimal point
        ("1.2万", 12000.0),
        ("０．５", 0.5),
        (3, 3.0),
        (2.25, 2.25),
        (float("nan"), None),
    ],
)
def test_parse_float(raw: object, expected: float | None) -> None:
    assert parse_float(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1.2.3", "1,23,4", "5%", "1e5", True, time(1, 2)])
def test_parse_float_rejects(raw: object) -> None:
    bad(parse_float, raw)


# ----------------------------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("-", None),
        ("¥1,299.00", (129900, "CNY")),
        ("￥12", (1200, "CNY")),
        ("12.50元", (1250, "CNY")),
        ("¥12元", (1200, "CNY")),
        ("RMB 12.5", (1250, "CNY")),
        ("CNY 12.5", (1250, "CNY")),
        ("$1,299.00", (129900, "USD")),
        ("US$5", (500, "USD")),
        ("USD 5.99", (599, "USD")),
        ("5.99 USD", (599, "USD")),
        ("BRL 35,91", (3591, "BRL")),
        ("R$ 1.234,56", (123456, "BRL")),
        ("BRL 1.234", (123400, "BRL")),
        ("BRL 1,5", (150, "BRL")),
        ("IDR 125.000", (12500000, "IDR")),
        ("Rp 125.000", (12500000, "IDR")),
        ("Rp.1.250.000,00", (125000000, "IDR")),
        ("IDR 125000", (12500000, "IDR")),
        ("€3,50", (350, "EUR")),
        ("EUR 1.234,50", (123450, "EUR")),
        ("£4.20", (420, "GBP")),
        ("RM12.90", (1290, "MYR")),
        ("12 MYR", (1200, "MYR")),
        ("฿99", (9900, "THB")),
        ("125.000₫", (12500000, "VND")),
        ("₱50", (5000, "PHP")),
        ("S$3.50", (350, "SGD")),
        ("-12.3", (-1230, None)),
        ("(12.30)", (-1230, None)),
        ("(¥12.30)", (-1230, "CNY")),
        ("-¥12.30", (-1230, "CNY")),
        ("¥-12.30", (-1230, "CNY")),
        ("1,234", (123400, None)),  # thousands
        ("1,234.56", (123456, None)),
        ("1.234,56", (123456, None)),  # decimal comma: the last separator is the point
        ("35,91", (3591, None)),  # a lone ,dd is a decimal comma
        ("125.000", (12500, None)),  # without a currency a dot is a decimal point
        ("0.125", (13, None)),  # half up to cents
        ("0.135", (14, None)),
        ("-0.125", (-13, None)),
        ("12.345", (1235, None)),
        ("3.5万元", (3500000, "CNY")),
        ("￥１，２９９．００", (129900, "CNY")),  # full-width digits
        ("\t¥ 1,299.00\t", (129900, "CNY")),
        (12, (1200, None)),
        (12.345, (1235, None)),
        (0.1 + 0.2, (30, None)),
        (1299.99, (129999, None)),
        (-2.5, (-250, None)),
        (Decimal("1.005"), (101, None)),
        (float("nan"), None),
    ],
)
def test_parse_money_cents(raw: object, expected: tuple[int, str | None] | None) -> None:
    assert parse_money_cents(raw) == expected


@pytest.mark.parametrize(
    ("raw", "decimal_comma", "expected"),
    [
        ("125.000", True, (12500000, None)),
        ("1.234,56", True, (123456, None)),
        ("35,9", True, (3590, None)),
        ("1 234,56", True, (123456, None)),
        ("1,234", False, (123400, None)),
        ("35.91", False, (3591, None)),
        ("BRL 35,91", True, (3591, "BRL")),
        ("IDR 125.000", False, (12500, "IDR")),  # the caller's word wins
    ],
)
def test_parse_money_cents_decimal_comma(
    raw: str, decimal_comma: bool, expected: tuple[int, str | None]
) -> None:
    assert parse_money_cents(raw, decimal_comma=decimal_comma) == expected


@pytest.mark.parametrize(
    ("raw", "decimal_comma"),
    [
        ("abc", None),
        ("¥", None),
        ("¥12 USD", None),  # two currencies
        ("12 XYZ", None),
        ("1,2345", None),
        ("1,23,456", None),
        ("35,9", None),  # neither a decimal comma of cents nor thousands
        ("1.234.56", None),
        ("--12", None),
        ("-(12)", None),
        ("(-12)", None),
        ("12.50", True),  # with decimal commas a dot must group thousands
        ("35,91", False),
        ("1e5", None),
        ("1" + "0" * 30, None),  # beyond exact Decimal arithmetic
        (True, None),
        (date(2026, 1, 1), None),
    ],
)
def test_parse_money_cents_rejects(raw: object, decimal_comma: bool | None) -> None:
    assert "money" in bad(parse_money_cents, raw, decimal_comma=decimal_comma).expected


CENTS = st.integers(min_value=-(10**13), max_value=10**13)


def _amount(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@FAST
@given(CENTS)
def test_money_round_trips_yuan_with_thousands(cents: int) -> None:
    amount = _amount(cents)
    assert parse_money_cents(f"¥{amount:,.2f}") == (cents, "CNY")
    assert parse_money_cents(f"{amount:,.2f}元") == (cents, "CNY")
    assert parse_money_cents(f"${amount:,.2f}") == (cents, "USD")


@FAST
@given(CENTS)
def test_money_round_trips_brl_decimal_comma(cents: int) -> None:
    sign = "-" if cents < 0 else ""
    text = f"{abs(_amount(cents)):,.2f}".translate(str.maketrans(",.", ".,"))
    assert parse_money_cents(f"BRL {sign}{text}") == (cents, "BRL")
    assert parse_money_cents(f"{sign}R$ {text}") == (cents, "BRL")
    assert parse_money_cents(f"{sign}{text}", decimal_comma=True) == (cents, None)


@FAST
@given(CENTS)
def test_money_round_trips_plain_and_cells(cents: int) -> None:
    amount = _amount(cents)
    assert parse_money_cents(f"{amount:.2f}") == (cents, None)
    assert parse_money_cents(f"{amount}") == (cents, None)
    assert parse_money_cents(float(amount)) == (cents, None)
    if cents < 0:
        assert parse_money_cents(f"({-amount:,.2f})") == (cents, None)


@FAST
@given(st.integers(min_value=0, max_value=10**12))
def test_money_round_trips_idr_dot_thousands(rupiah: int) -> None:
    assert parse_money_cents(f"IDR {rupiah:,}".replace(",", ".")) == (rupiah * 100, "IDR")


# ----------------------------------------------------------------------------------------- rates


@pytest.mark.parametrize(
    ("raw", "bare", "expected"),
    [
        (None, "ratio", None),
        ("-", "ratio", None),
        ("undefined", "ratio", None),
        ("35.2%", "ratio", 0.352),
        ("12.24%", "ratio", 0.1224),
        ("12.24 %", "ratio", 0.1224),
        ("<0.1%", "ratio", 0.001),
        (">99.9%", "ratio", 0.999),
        ("≤5%", "ratio", 0.05),
        ("100%", "ratio", 1.0),
        ("0%", "ratio", 0.0),
        ("-5%", "ratio", -0.05),  # growth rates may be negative
        ("150%", "ratio", 1.5),
        ("35.2％", "ratio", 0.352),  # full-width percent sign
        ("5‰", "ratio", 0.005),
        ("0.213456", "ratio", 0.213456),
        ("0", "ratio", 0.0),
        ("1", "ratio", 1.0),
        ("<0.01", "ratio", 0.01),
        ("41.93", "percent", 0.4193),
        ("100", "percent", 1.0),
        ("35.2%", "percent", 0.352),  # an explicit % reads the same either way
        (0.55, "ratio", 0.55),
        (1, "ratio", 1.0),
        (41.93, "percent", 0.4193),
        (float("nan"), "ratio", None),
    ],
)
def test_parse_rate(raw: object, bare: str, expected: float | None) -> None:
    assert parse_rate(raw, bare=bare) == expected


@pytest.mark.parametrize(
    ("raw", "bare", "expected"),
    [
        ("41.93", "ratio", "a ratio between 0 and 1"),
        ("-0.1", "ratio", "a ratio between 0 and 1"),
        (1.5, "ratio", "a ratio between 0 and 1"),
        ("141", "percent", "a percentage between 0 and 100"),
        (-1, "percent", "a percentage between 0 and 100"),
        ("abc", "ratio", values.RATE_EXPECTED),
        ("12.2.1%", "ratio", values.RATE_EXPECTED),
        ("1.2w%", "ratio", values.RATE_EXPECTED),
        (True, "ratio", values.RATE_EXPECTED),
    ],
)
def test_parse_rate_rejects(raw: object, bare: str, expected: str) -> None:
    assert bad(parse_rate, raw, bare=bare).expected == expected


def test_parse_rate_bare_mode_is_checked() -> None:
    with pytest.raises(ValueError, match="bare"):
        parse_rate("0.5", bare="fraction")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("-", None),
        ("21.46秒", 21.46),
        ("21.46 秒", 21.46),
        ("21.46s", 21.46),
        ("21.46 S", 21.46),
        ("21.46 sec", 21.46),
        ("6.5", 6.5),
        ("0", 0.0),
        ("1:05", 65.0),
        ("75:10", 4510.0),  # minutes may pass 59 without hours
        ("0:00", 0.0),
        ("1:02:03", 3723.0),
        ("00:01:05", 65.0),
        ("1:05.5", 65.5),
        ("2分30秒", 150.0),
        ("2分钟", 120.0),
        ("1小时2分", 3720.0),
        ("1小时2分3秒", 3723.0),
        ("1h 2m 3s", 3723.0),
        ("1.5min", 90.0),
        ("350ms", 0.35),
        ("２１．４６秒", 21.46),
        (6.5, 6.5),
        (12, 12.0),
        (time(0, 1, 5), 65.0),
        (time(1, 2, 3, 500000), 3723.5),
        (timedelta(minutes=2, seconds=3), 123.0),
        (float("nan"), None),
    ],
)
def test_parse_duration_s(raw: object, expected: float | None) -> None:
    assert parse_duration_s(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["abc", "1:60", "1:60:00", "1:2:3:4", "-5", "-5秒", "5 years", "1:5", -1.0, True],
)
def test_parse_duration_s_rejects(raw: object) -> None:
    assert bad(parse_duration_s, raw).expected == values.DURATION_EXPECTED


# ----------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("-", None),
        ("\t", None),
        ("2026-08-03 05:30:33", datetime(2026, 8, 3, 5, 30, 33)),
        ("\t2026-08-03 05:30:33\t", datetime(2026, 8, 3, 5, 30, 33)),
        ("2026-08-03 05:30", datetime(2026, 8, 3, 5, 30)),
        ("2026-08-03T05:30:33", datetime(2026, 8, 3, 5, 30, 33)),
        ("2026-08-03T05:30:33Z", datetime(2026, 8, 3, 5, 30, 33)),  # offset ignored
        ("2026-08-03T05:30:33+08:00", datetime(2026, 8, 3, 5, 30, 33)),
        ("2026-08-03 05:30:33.999999", datetime(2026, 8, 3, 5, 30, 33)),  # truncated
        ("2026/8/3", datetime(2026, 8, 3)),
        ("2026/8/3 5:30", datetime(2026, 8, 3, 5, 30)),
        ("2026/08/03 05:30:33", datetime(2026, 8, 3, 5, 30, 33)),
        ("2026-08-03", datetime(2026, 8, 3)),
        ("2026.08.03", datetime(2026, 8, 3)),
        ("2026年05月19日15时39分28秒", datetime(2026, 5, 19, 15, 39, 28)),
        ("2026年05月19日15时39分", datetime(2026, 5, 19, 15, 39)),
        ("2026年5月19日 15:39:28", datetime(2026, 5, 19, 15, 39, 28)),
        ("2026年5月19日 15:39", datetime(2026, 5, 19, 15, 39)),
        ("2026年05月19日", datetime(2026, 5, 19)),
        ("２０２６－０８－０３", datetime(2026, 8, 3)),
        ("08/14/2026 3:05:09 PM", datetime(2026, 8, 14, 15, 5, 9)),
        ("08/14/2026 3:05:09 pm", datetime(2026, 8, 14, 15, 5, 9)),
        ("08/14/2026 12:05:09 AM", datetime(2026, 8, 14, 0, 5, 9)),
        ("08/14/2026 12:05:09 PM", datetime(2026, 8, 14, 12, 5, 9)),
        ("14/08/2026 15:05:09", datetime(2026, 8, 14, 15, 5, 9)),
        ("14/08/2026", datetime(2026, 8, 14)),
        ("8/14/2026", datetime(2026, 8, 14)),
        ("05/05/2026", datetime(2026, 5, 5)),  # the same either way
        ("03.04.2026", datetime(2026, 4, 3)),  # dotted dates are day first
        ("20260803", datetime(2026, 8, 3)),
        ("20260803153000", datetime(2026, 8, 3, 15, 30)),
        ("46233", datetime(2026, 7, 30)),  # Excel serial (视频号 after a re-save)
        ("46233.5", datetime(2026, 7, 30, 12)),
        ("August 9, 2026", datetime(2026, 8, 9)),
        ("9 de agosto de 2026", datetime(2026, 8, 9)),
        (46233, datetime(2026, 7, 30)),
        (46233.25, datetime(2026, 7, 30, 6)),
        (46233 + 1 / 86400 - 1e-9, datetime(2026, 7, 30, 0, 0, 1)),  # rounded to the second
        (20000, datetime(1954, 10, 3)),
        (80000, datetime(2119, 1, 11)),
        (datetime(2026, 8, 3, 5, 30, 33), datetime(2026, 8, 3, 5, 30, 33)),
        (datetime(2026, 8, 3, 5, 30, 32, 999999), datetime(2026, 8, 3, 5, 30, 33)),
        (datetime(2026, 8, 3, 5, 30, 33, 200000), datetime(2026, 8, 3, 5, 30, 33)),
        (date(2026, 8, 3), datetime(2026, 8, 3)),
        (float("nan"), None),
    ],
)
def test_parse_datetime(raw: object, expected: datetime | None) -> None:
    assert parse_datetime(raw) == expected


@pytest.mark.parametrize(
    ("raw", "day_first", "expected"),
    [
        ("03/04/2026", True, datetime(2026, 4, 3)),
        ("03/04/2026", False, datetime(2026, 3, 4)),
        ("03/04/2026 1:02:03 PM", False, datetime(2026, 3, 4, 13, 2, 3)),
        ("14/08/2026", True, datetime(2026, 8, 14)),
        ("08/14/2026", False, datetime(2026, 8, 14)),
        ("2026-03-04", True, datetime(2026, 3, 4)),  # year-first is never swapped
        ("2026-03-04", False, datetime(2026, 3, 4)),
    ],
)
def test_parse_datetime_day_first(raw: str, day_first: bool, expected: datetime) -> None:
    assert parse_datetime(raw, day_first=day_first) == expected


@pytest.mark.parametrize("raw", ["03/04/2026", "1/2/2026 10:00:00", "12/11/2026 3:05:09 PM"])
def test_parse_datetime_ambiguous(raw: str) -> None:
    error = bad(parse_datetime, raw)
    assert "unambiguous" in error.expected
    assert raw in error.detail


@pytest.mark.parametrize(
    ("raw", "day_first"),
    [
        ("garbage", None),
        ("2026-13-01", None),
        ("2026-02-30", None),
        ("2026-08-03 24:00:00", None),
        ("2026-08-03 12:60", None),
        ("08/14/2026 13:05:09 PM", None),  # hour 13 with PM
        ("08/14/2026", True),  # the caller said day first: month 14
        ("14/08/2026", False),
        ("14/14/2026", None),
        ("12345", None),  # outside the serial range
        ("99999", None),
        ("2026-08", None),
        ("8月3日", None),  # no year: parse_yearless_date's job
        ("August 9", None),
        (19999, None),
        (80001, None),
        (-1.5, None),
        (True, None),
        (time(5, 30), None),
    ],
)
def test_parse_datetime_rejects(raw: object, day_first: bool | None) -> None:
    assert bad(parse_datetime, raw, day_first=day_first).expected in (
        values.DATETIME_EXPECTED,
        dates.YEARLESS_EXPECTED,
    )


def test_parse_datetime_garbage_wording() -> None:
    assert bad(parse_datetime, "yesterday").expected == "a date and time like 2026-08-03 14:05:00"


DATETIMES = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2199, 12, 31))


def _zh(moment: datetime) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M:%S}"


EXACT_FORMATS = [
    ("%Y-%m-%d %H:%M:%S", None),
    ("%Y-%m-%dT%H:%M:%S", None),
    ("%Y/%m/%d %H:%M:%S", None),
    ("%Y年%m月%d日%H时%M分%S秒", None),
    ("%m/%d/%Y %I:%M:%S %p", False),
    ("%d/%m/%Y %H:%M:%S", True),
    ("%Y%m%d%H%M%S", None),
]


@FAST
@given(DATETIMES.map(lambda moment: moment.replace(microsecond=0)))
def test_parse_datetime_round_trips_each_format(moment: datetime) -> None:
    for fmt, day_first in EXACT_FORMATS:
        assert parse_datetime(moment.strftime(fmt), day_first=day_first) == moment, fmt
    assert parse_datetime(_zh(moment)) == moment
    unpadded = f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment:%M:%S}"
    assert parse_datetime(unpadded) == moment
    assert parse_datetime(moment.strftime("%Y-%m-%d %H:%M")) == moment.replace(second=0)
    assert parse_datetime(moment.strftime("%Y-%m-%d")) == moment.replace(hour=0, minute=0, second=0)
    assert parse_datetime(moment.strftime("%Y年%m月%d日")) == datetime(*moment.timetuple()[:3])


@FAST
@given(DATETIMES)
def test_parse_datetime_truncates_fractions(moment: datetime) -> None:
    text = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    assert parse_datetime(text) == moment.replace(microsecond=0)


@FAST
@given(DATETIMES.filter(lambda moment: moment.day > 12).map(lambda m: m.replace(microsecond=0)))
def test_parse_datetime_tells_day_first_by_a_day_above_12(moment: datetime) -> None:
    assert parse_datetime(moment.strftime("%d/%m/%Y %H:%M:%S")) == moment
    assert parse_datetime(moment.strftime("%m/%d/%Y %I:%M:%S %p")) == moment


@FAST
@given(
    st.datetimes(min_value=datetime(1954, 10, 3), max_value=datetime(2119, 1, 10)).map(
        lambda moment: moment.replace(microsecond=0)
    )
)
def test_parse_datetime_round_trips_excel_serials(moment: datetime) -> None:
    serial = (moment - datetime(1899, 12, 30)) / timedelta(days=1)
    assert parse_datetime(serial) == moment
    assert parse_datetime(repr(serial)) == moment


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("-", None),
        ("2026/5/29", date(2026, 5, 29)),
        ("2026-08-03 23:59:59", date(2026, 8, 3)),
        ("2026年05月19日", date(2026, 5, 19)),
        ("46233", date(2026, 7, 30)),
        (46233.99, date(2026, 7, 30)),
        (date(2026, 8, 3), date(2026, 8, 3)),
        (datetime(2026, 8, 3, 5, 30), date(2026, 8, 3)),
    ],
)
def test_parse_date(raw: object, expected: date | None) -> None:
    result = parse_date(raw)
    assert result == expected
    assert result is None or type(result) is date


def test_parse_date_day_first() -> None:
    assert parse_date("03/04/2026", day_first=True) == date(2026, 4, 3)
    assert parse_date("03/04/2026", day_first=False) == date(2026, 3, 4)
    assert "unambiguous" in bad(parse_date, "03/04/2026").expected
    bad(parse_date, "nonsense")


EXPORTED = date(2026, 8, 20)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("undefined", None),
        ("August 9", date(2026, 8, 9)),
        ("Aug 9", date(2026, 8, 9)),
        ("Aug. 9", date(2026, 8, 9)),
        ("August 9th", date(2026, 8, 9)),
        ("9 August", date(2026, 8, 9)),
        ("9-Aug", date(2026, 8, 9)),
        ("September 10", date(2025, 9, 10)),  # after the export date: last year
        ("August 20", date(2026, 8, 20)),  # the export day itself
        ("August 21", date(2025, 8, 21)),
        ("3月25日", date(2026, 3, 25)),
        ("3月25号", date(2026, 3, 25)),
        ("８月９日", date(2026, 8, 9)),
        ("8월 9일", date(2026, 8, 9)),
        ("8 Juli", date(2026, 7, 8)),  # German
        ("8. Juli", date(2026, 7, 8)),
        ("3. März", date(2026, 3, 3)),
        ("9 août", date(2026, 8, 9)),  # French
        ("1er août", date(2026, 8, 1)),
        ("9 juil.", date(2026, 7, 9)),
        ("9 de agosto", date(2026, 8, 9)),  # Spanish / Portuguese
        ("9 ago", date(2026, 8, 9)),
        ("1º de agosto", date(2026, 8, 1)),
        ("9 de março", date(2026, 3, 9)),
        ("9 Agustus", date(2026, 8, 9)),  # Indonesian
        ("17 Mei", date(2026, 5, 17)),
        ("9 Des", date(2025, 12, 9)),
        ("18 tháng Sáu", date(2026, 6, 18)),  # Vietnamese
        ("18 Tháng Sáu", date(2026, 6, 18)),
        ("18 tháng 6", date(2026, 6, 18)),
        ("18 thg 6", date(2026, 6, 18)),
        ("1 tháng Một", date(2026, 1, 1)),
        ("4 tháng Tư", date(2026, 4, 4)),
        ("5 tháng Năm", date(2026, 5, 5)),
        ("10 tháng Mười", date(2025, 10, 10)),
        ("11 tháng Mười Một", date(2025, 11, 11)),
        ("12 tháng Mười Hai", date(2025, 12, 12)),
        ("9 สิงหาคม", date(2026, 8, 9)),  # Thai
        ("9 ส.ค.", date(2026, 8, 9)),
        ("August 9, 2024", date(2024, 8, 9)),  # a year passes through
        ("9 de agosto de 2024", date(2024, 8, 9)),
        ("18 tháng 6 năm 2024", date(2024, 6, 18)),
        ("2024年3月25日", date(2024, 3, 25)),
        ("2024-03-25", date(2024, 3, 25)),
        ("December 1, 2027", date(2027, 12, 1)),  # not bounded when the year is printed
        ("9 ส.ค. 2569", date(2026, 8, 9)),  # Thai Buddhist-era year
        (date(2026, 1, 2), date(2026, 1, 2)),
        (datetime(2026, 1, 2, 3, 4), date(2026, 1, 2)),
        (46233, date(2026, 7, 30)),
    ],
)
def test_parse_yearless_date(raw: object, expected: date | None) -> None:
    assert parse_yearless_date(raw, reference=EXPORTED) == expected


@pytest.mark.parametrize(
    ("raw", "reference", "not_after", "expected"),
    [
        ("Dec 30", date(2027, 1, 2), None, date(2026, 12, 30)),  # rolls back at Dec→Jan
        ("Jan 1", date(2027, 1, 2), None, date(2027, 1, 1)),
        ("Jan 3", date(2027, 1, 2), None, date(2026, 1, 3)),
        ("Jan 3", date(2027, 1, 5), date(2027, 1, 2), date(2026, 1, 3)),  # data lag bound
        ("Jan 1", date(2027, 1, 5), date(2027, 1, 2), date(2027, 1, 1)),
        ("Dec 31", date(2027, 1, 5), date(2026, 12, 31), date(2026, 12, 31)),
        ("February 29", date(2026, 8, 1), None, date(2024, 2, 29)),  # the latest leap year
        ("February 29", date(2028, 3, 1), None, date(2028, 2, 29)),
        ("August 9", datetime(2026, 8, 9, 23, 0), None, date(2026, 8, 9)),
    ],
)
def test_parse_yearless_date_picks_the_closest_year(
    raw: str, reference: date, not_after: date | None, expected: date
) -> None:
    assert parse_yearless_date(raw, reference=reference, not_after=not_after) == expected


@FAST
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=0, max_value=364),
)
def test_parse_yearless_date_is_the_closest_on_or_before(day: date, lag: int) -> None:
    bound = day + timedelta(days=lag)
    for text in (f"{day:%B} {day.day}", f"{day.day} {day:%b}", f"{day.month}月{day.day}日"):
        assert parse_yearless_date(text, reference=bound) == day, text


@pytest.mark.parametrize(
    "raw",
    ["February 30", "Foo 9", "9 Foo", "nonsense", "13月5日", "32 August", "18 tháng 13", "8/9"]
    + ["February 30, 2026", "2026年2月30日"],
)
def test_parse_yearless_date_rejects(raw: str) -> None:
    assert bad(parse_yearless_date, raw, reference=EXPORTED).expected == dates.YEARLESS_EXPECTED


def test_parse_yearless_date_keeps_full_date_errors() -> None:
    assert "unambiguous" in bad(parse_yearless_date, "03/04/2026", reference=EXPORTED).expected
    bad(parse_yearless_date, True, reference=EXPORTED)


# ------------------------------------------------------------------------------------------ bool


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("-", None),
        ("是", True),
        ("否", False),
        ("已回复", True),
        ("未回复", False),
        ("yes", True),
        ("No", False),
        ("TRUE", True),
        ("false", False),
        ("Y", True),
        ("n", False),
        ("1", True),
        ("0", False),
        (" 是\t", True),
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (1.0, True),
        (0.0, False),
    ],
)
def test_parse_bool(raw: object, expected: bool | None) -> None:
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "是的吧", 2, -1, 0.5, date(2026, 1, 1)])
def test_parse_bool_rejects(raw: object) -> None:
    assert bad(parse_bool, raw).expected == values.BOOL_EXPECTED


# ----------------------------------------------------------------------------------- the module


def test_values_re_exports_the_date_parsers() -> None:
    assert values.parse_datetime is dates.parse_datetime
    assert values.parse_date is dates.parse_date
    assert values.parse_yearless_date is dates.parse_yearless_date
    assert values.parse_duration_s is dates.parse_duration_s
    for name in values.__all__:
        assert getattr(values, name) is not None
    with pytest.raises(AttributeError):
        values.parse_nothing  # noqa: B018


@pytest.mark.parametrize("first", ["app.importers.values", "app.importers.dates"])
def test_either_module_imports_first(first: str) -> None:
    code = f"import {first}; from app.importers.values import parse_datetime; print('ok')"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_modules_stay_pure() -> None:
    code = (
        "import sys, app.importers.values, app.importers.dates; "
        "print(sorted(m for m in ('pandas', 'PySide6', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "[]", done.stderr
