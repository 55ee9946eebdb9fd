"""Light tables that cross into the views: column ids and plain rows, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Table:
    """Rows of plain values under column ids (the views translate ids into headers)."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def column(self, name: str) -> list[Any]:
        """All values of one column."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class Money:
    """An exact amount in cents with its currency; sorts by amount."""

    cents: int
    currency: str

    def __lt__(self, other: Money) -> bool:
        return (self.currency, self.cents) < (other.currency, other.cents)

    def __str__(self) -> str:
        symbol = CURRENCY_SYMBOLS.get(self.currency, self.currency + " ")
        sign = "-" if self.cents < 0 else ""
        whole, cents = divmod(abs(self.cents), 100)
        return f"{sign}{symbol}{whole:,}.{cents:02d}"


CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def as_datetime(value: Any) -> datetime | None:
    """A datetime from SQLite text or a server's datetime value."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def as_date(value: Any) -> date | None:
    """A date from SQLite text or a server's date/datetime value."""
    moment = as_datetime(value)
    return moment.date() if moment else None
