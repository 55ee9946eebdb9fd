"""What the plan views show, read once per load: items, pillars, personas, templates, products.

The service returns plain rows with ids; this snapshot resolves the ids into names and colours and
turns items into cards, so the calendar, board and list agree on what an item looks like.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from app.views.content.plan_cards import DEFAULT_COLOR, PlanCard


def platform_tuple(value: Any) -> tuple[str, ...]:
    """A plan item's platforms as a tuple, whether stored as ``"douyin,kuaishou"`` or a sequence."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(",") if p.strip())
    return tuple(value)


def now_for(today: date) -> datetime:
    """The moment overdue is judged against: now, or the start of ``today`` when it is not today."""
    real = datetime.now()
    return real if real.date() == today else datetime.combine(today, time.min)


@dataclass(frozen=True)
class PlanSnapshot:
    """The plan as read from the store, with lookups by id."""

    items: Sequence[Any] = ()
    pillars: Sequence[Any] = ()
    personas: Sequence[Any] = ()
    templates: Sequence[Any] = ()
    products: Sequence[Any] = ()
    today: date = field(default_factory=date.today)

    def item(self, item_id: int) -> Any | None:
        """The item with this id."""
        return next((i for i in self.items if i.id == item_id), None)

    def pillar(self, pillar_id: int | None) -> Any | None:
        """The pillar with this id."""
        return next((p for p in self.pillars if p.id == pillar_id), None)

    def name_of(self, rows: Sequence[Any], row_id: int | None) -> str:
        """The name of the row with ``row_id`` among ``rows`` ("" when none)."""
        if row_id is None:
            return ""
        return next((str(r.name) for r in rows if r.id == row_id), "")

    def is_overdue(self, item: Any) -> bool:
        """Planned time passed and not published."""
        planned = item.planned_at
        return planned is not None and item.status != "published" and planned < now_for(self.today)

    def card(self, item: Any) -> PlanCard:
        """The card of one item."""
        pillar = self.pillar(item.pillar_id)
        return PlanCard(
            item_id=item.id,
            title=item.title,
            status=item.status,
            kind=item.kind or "original",
            platforms=platform_tuple(item.platforms),
            planned_at=item.planned_at,
            pillar=pillar.name if pillar else "",
            color=(pillar.color or DEFAULT_COLOR) if pillar else DEFAULT_COLOR,
            overdue=self.is_overdue(item),
        )

    def cards(self) -> list[PlanCard]:
        """Every item as a card."""
        return [self.card(i) for i in self.items]

    def legend(self) -> list[tuple[str, str]]:
        """(pillar name, colour) for the calendar's legend."""
        return [(p.name, p.color or DEFAULT_COLOR) for p in self.pillars]

    def status_counts(self) -> dict[str, int]:
        """Items per stage."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.status] = counts.get(item.status, 0) + 1
        return counts

    def next_planned(self) -> datetime | None:
        """The next unpublished item's planned time from now on."""
        now = now_for(self.today)
        upcoming = [
            i.planned_at
            for i in self.items
            if i.planned_at is not None and i.planned_at >= now and i.status != "published"
        ]
        return min(upcoming) if upcoming else None
