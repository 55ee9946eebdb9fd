"""Build the demo shop: generate it in memory step by step, then write it in one transaction."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from app.db import Store, StoreError
from app.demo import catalog, content, retention, sales, traffic, vocab
from app.demo.world import World
from app.models import (
    Account,
    AccountDaily,
    AdSpend,
    Base,
    Campaign,
    CampaignTarget,
    Comment,
    ContentPillar,
    Customer,
    CustomerIdentity,
    CustomerTier,
    Experiment,
    ExperimentMember,
    ImportBatch,
    Order,
    Persona,
    PlanItem,
    Product,
    Review,
    Shop,
    Template,
    TierRule,
    Touch,
    Video,
    VideoSnapshot,
)
from app.services.progress import NullProgress, Progress, check_cancelled

DEFAULT_SEED = 7

# Tables that must be empty before the demo is written into a store.
GUARDED = (Shop, Video, Order, Customer, PlanItem, Campaign, ImportBatch)

# Written in this order, parents before children (foreign keys are checked on every insert).
WRITE_STEPS: tuple[tuple[str, tuple[type[Base], ...]], ...] = (
    (
        "Writing shop and catalogue",
        (Shop, Account, Product, ContentPillar, Persona, Template, TierRule),
    ),
    ("Writing content", (PlanItem, Video, VideoSnapshot, Experiment, ExperimentMember)),
    ("Writing traffic", (AccountDaily, AdSpend, Comment)),
    (
        "Writing customers",
        (Customer, CustomerIdentity, Campaign, Touch, CustomerTier, CampaignTarget),
    ),
    ("Writing orders and reviews", (Order, Review)),
)


@dataclass(frozen=True)
class DemoSummary:
    """What the demo build wrote."""

    shop_name: str
    videos: int
    snapshots: int
    customers: int
    order_lines: int
    reviews: int
    comments: int
    plan_items: int
    campaigns: int
    experiments: int
    ad_spend_rows: int
    import_batches: int


def build_demo(
    store: Store,
    *,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless default
) -> DemoSummary:
    """Fill an empty store with one fictional shop's 90 days before ``today``.

    The same ``seed`` and ``today`` always give the same data. Raises :class:`StoreError` when the
    store already holds shop data, and :class:`~app.services.progress.Cancelled` when
    ``progress`` asks to stop; either way the store is left unchanged.
    """
    world = World(random.Random(seed), today or date.today())
    generate = _generation_steps(world)
    total = len(generate) + len(WRITE_STEPS) + 1
    done = 0

    def advance(status: str) -> None:
        nonlocal done
        done += 1
        progress.update(done, total, status)
        check_cancelled(progress)

    with store.session_scope() as session:
        _require_empty(session)
        for status, step in generate:
            step()
            advance(status)
        _write_batches(session, world)
        advance("Writing import batches")
        for status, models in WRITE_STEPS:
            for model in models:
                _write(session, model, world.rows[model])
            advance(status)
        _advance_sequences(session)
    return _summary(world)


def _generation_steps(world: World) -> list[tuple[str, Callable[[], None]]]:
    book: list[sales.OrderBook] = []

    def catalogue() -> None:
        catalog.make_shop(world)
        catalog.make_products(world)
        catalog.make_content_setup(world)
        catalog.make_tier_rules(world)

    def videos() -> None:
        content.make_videos(world)
        content.make_snapshots(world)

    def plan() -> None:
        content.make_plan(world)
        content.make_experiments(world)

    def traffic_days() -> None:
        traffic.make_account_days(world)
        traffic.make_ad_spend(world)
        traffic.make_comments(world)

    def orders() -> None:
        sales.make_customers(world)
        book.append(sales.OrderBook(world))
        sales.make_orders(world, book[0])
        sales.make_ecosystem_orders(world)
        sales.make_touches(world, book[0])

    def retain() -> None:
        retention.make_campaigns(world, book[0])
        sales.tag_order_batches(world)
        sales.make_reviews(world)
        sales.finish_customers(world, book[0])
        retention.make_tiers(world, book[0])

    return [
        ("Building the shop and catalogue", catalogue),
        ("Building videos and snapshots", videos),
        ("Building the content plan and experiments", plan),
        ("Building account days, ad spend and comments", traffic_days),
        ("Building customers and orders", orders),
        ("Building campaigns, reviews and tiers", retain),
    ]


def _require_empty(session: Session) -> None:
    counts = {
        model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
        for model in GUARDED
    }
    held = {name: n for name, n in counts.items() if n}
    if held:
        listed = ", ".join(f"{name}: {n}" for name, n in held.items())
        raise StoreError(
            f"This store already holds shop data ({listed}); the demo shop is only built into "
            "an empty store. Create a new store for the demo."
        )


def _write(session: Session, model: type[Base], rows: list[dict]) -> None:
    if rows:
        session.execute(insert(model.__table__), rows)


def _advance_sequences(session: Session) -> None:
    """On PostgreSQL, move each id sequence past the explicit ids the demo wrote."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        name = table.name
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )


def _write_batches(session: Session, world: World) -> None:
    """The import batches, with counts matching the rows that carry each batch id."""
    carried = {
        "video_snapshots": Counter(r["batch_id"] for r in world.rows[VideoSnapshot]),
        "order_lines": Counter(r["batch_id"] for r in world.rows[Order]),
        "account_daily": Counter(r["batch_id"] for r in world.rows[AccountDaily]),
        "ad_spend": Counter(r["batch_id"] for r in world.rows[AdSpend]),
        "reviews": Counter(r["batch_id"] for r in world.rows[Review]),
    }
    new_videos = Counter(r["batch_id"] for r in world.rows[Video])
    rows = []
    for batch in world.batches.values():
        row = {k: v for k, v in batch.items() if not k.startswith("_")}
        total = carried[batch["_primary"]][row["id"]]
        inserted = new_videos[row["id"]] if batch["_primary"] == "video_snapshots" else total
        row.update(
            {
                "rows_total": total,
                "inserted": inserted,
                "updated": total - inserted,
                "unchanged": 0,
                "skipped": 0,
            }
        )
        rows.append(row)
    world.rows[ImportBatch] = rows
    _write(session, ImportBatch, rows)


def _summary(world: World) -> DemoSummary:
    def count(model: type[Base]) -> int:
        return len(world.rows[model])

    return DemoSummary(
        shop_name=vocab.SHOP_NAME,
        videos=count(Video),
        snapshots=count(VideoSnapshot),
        customers=count(Customer),
        order_lines=count(Order),
        reviews=count(Review),
        comments=count(Comment),
        plan_items=count(PlanItem),
        campaigns=count(Campaign),
        experiments=count(Experiment),
        ad_spend_rows=count(AdSpend),
        import_batches=count(ImportBatch),
    )
