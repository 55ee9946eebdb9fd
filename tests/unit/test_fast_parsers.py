"""The fast paths give exactly what the general parsers give, on every kind of input."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.importers import fast, values
from app.importers.errors import BadValue

PAIRS = [
    (fast.parse_text, values.parse_text),
    (fast.parse_id, values.parse_id),
    (fast.parse_int, values.parse_int),
    (fast.parse_money_cents, values.parse_money_cents),
    (fast.parse_datetime, values.parse_datetime),
]
CELLS = [
    "",
    " ",
    "-",
    "--",
    "undefined",
    "None",
    "\t6944348904727432479",
    "6944348904727432479\t",
    "0012",
    "１２３",
    "12",
    "12.5",
    "1,299.00",
    "129.90",
    "129.9",
    "00.50",
    "99999999999999999",
    "2026-08-03 05:30:33",
    "\t2026-08-03 05:30:33",
    "2026-02-30 05:30:33",
    "2026-08-03 24:00:00",
    "'quoted",
    '="6944"',
    "薄款针织开衫\n#穿搭",
    "标题 ",
    " 标题",
    "a\xa0b",
    "a\u200bb",
    "数据将于第二天更新",
    "6.94512E+18",
    12,
    12.0,
    1.5,
    None,
    datetime(2026, 8, 3, 5, 30, 33),
]


def outcome(parser, raw):  # noqa: ANN001, ANN201
    try:
        return ("ok", parser(raw))
    except BadValue as exc:
        return ("bad", exc.expected)


@pytest.mark.parametrize(("quick", "general"), PAIRS)
@pytest.mark.parametrize("raw", CELLS)
def test_fast_equals_general_on_known_cells(quick, general, raw) -> None:  # noqa: ANN001
    assert outcome(quick, raw) == outcome(general, raw)


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789.-: \t,", max_size=22),
        st.text(max_size=12),
        st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}", fullmatch=True),
        st.from_regex(r"[0-9]{1,14}(\.[0-9]{2})?", fullmatch=True),
    )
)
def test_fast_equals_general_on_random_text(raw: str) -> None:
    for quick, general in PAIRS:
        assert outcome(quick, raw) == outcome(general, raw), (quick.__name__, raw)
