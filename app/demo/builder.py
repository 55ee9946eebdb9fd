"""Build the demo shop the way a shop owner's data gets in: through its export files.

1. Generate the shop in memory (:mod:`app.demo.world` and the generators).
2. Write what the platforms would let the owner download (:mod:`app.demo.exports`) into a
   temporary folder, in the platforms' own layouts.
3. Import those files with :func:`app.services.imports.import_files`, in download order, into a
   temporary staging store: videos, snapshots, orders, customers, products, reviews, 千川 days and
   TikTok account days come from the importer, with real import batches.
4. Write directly what no export carries (the shop profile and accounts, the content plan and its
   links to videos, experiments, campaigns and their targets, tiers, touches, private channels,
   comments, Tmall/JD/store lines, DOU+ and TikTok promote spend, list prices, the other
   accounts' days), finding the imported rows by their natural keys.
5. Copy the staging store into the caller's store in one transaction.

The importer commits once per file; building into a private staging store (a temporary SQLite
file) and copying it over in a single transaction keeps the promise that a cancelled or failed
build leaves the caller's store empty, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, event, func, insert, select, text, update
from sqlalchemy.orm import Session

from app.db import Store, StoreError
from app.demo import catalog, content, planning, retention, sales, traffic, vocab
from app.demo.exports import ExportFile, write_exports
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
    ExperimentVariant,
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
from app.services.progress import Cancelled, NullProgress, Progress, check_cancelled

DEFAULT_SEED = 7
IMPORT_STEPS = 10  # progress steps the imports are reported in

# Tables that must be empty before the demo is written into a store.
GUARDED = (Shop, Video, Order, Customer, PlanItem, Campaign, ImportBatch)
# The shop's own setup, written before the imports (they file TikTok's days under its account).
SETUP = (Shop, Account, ContentPillar, Persona, Template, TierRule)


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

    The same ``seed`` and ``today`` always give the same data (import times included). Raises
    :class:`StoreError` when the store already holds shop data, and
    :class:`~app.services.progress.Cancelled` when ``progress`` asks to stop; either way the
    store is left unchanged.
    """
    with store.session_scope() as session:
        _require_empty(session)
    world = World(random.Random(seed), today or date.today())
    generate = generation_steps(world)
    total = len(generate) + 1 + IMPORT_STEPS + 2
    done = 0

    def advance(status: str) -> None:
        nonlocal done
        done += 1
        progress.update(done, total, status)
        check_cancelled(progress)

    for status, step in generate:
        step()
        advance(status)
    with tempfile.TemporaryDirectory(prefix="shopreel-demo-") as folder:
        files = write_exports(world, Path(folder) / "exports")
        advance("Writing the platforms' export files")
        staging = _staging_store(Path(folder) / "staging.db")
        try:
            with staging.session_scope() as session:
                for model in SETUP:
                    _insert(session, model.__table__, world.rows[model])
            batches = _import(staging, files, world, progress, advance)
            with staging.session_scope() as session:
                _write_direct(session, world, files, batches)
            from app.services.imports import refresh_derived

            refresh_derived(staging, world.today, tiers=False)  # the demo wrote its own tiers
            advance("Writing what the exports do not carry")
            summary = _summary(staging)
            _copy(staging, store, lambda: advance("Copying the demo shop into the store"))
        finally:
            staging.dispose()
    return summary


def write_demo_exports(
    folder: Path, *, seed: int = DEFAULT_SEED, today: date | None = None
) -> list[ExportFile]:
    """Write the demo shop's export files into ``folder`` (the very files the build imports)."""
    world = World(random.Random(seed), today or date.today())
    for _status, step in generation_steps(world):
        step()
    return write_exports(world, folder)


def generation_steps(world: World) -> list[tuple[str, Callable[[], None]]]:
    """The steps that generate the shop in memory, with a status line each."""
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
        planning.make_plan(world)
        content.make_experiments(world)

    def traffic_days() -> None:
        traffic.make_account_days(world)
        traffic.make_ad_spend(world)
        traffic.make_comments(world)

    def orders() -> None:
        sales.plan_order_exports(world)
        sales.make_customers(world)
        book.append(sales.OrderBook(world))
        sales.make_orders(world, book[0])
        sales.make_ecosystem_orders(world)
        sales.make_touches(world, book[0])

    def retain() -> None:
        retention.make_campaigns(world, book[0])
        sales.make_reviews(world)
        retention.make_tiers(world, book[0])

    return [
        ("Building the shop and catalogue", catalogue),
        ("Building videos and their exports", videos),
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


def _staging_store(path: Path) -> Store:
    """A private SQLite store to import into; it is thrown away, so it need not fsync."""
    from app.config import sqlite_url
    from app.services.store import open_store

    staging = open_store(sqlite_url(path))

    def relaxed(dbapi_connection: Any, _record: object) -> None:
        dbapi_connection.execute("PRAGMA synchronous=OFF")

    event.listen(staging.engine, "connect", relaxed)
    staging.engine.dispose()  # connections made from now on get the pragma
    return staging


# --- Importing -----------------------------------------------------------------------------------


class _Relay:
    """Hands the caller's cancel request to the importer and keeps its per-file reports."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def update(self, done: int, total: int, status: str = "") -> None:
        """The build reports its own steps."""

    def step(self, fraction: float) -> None:
        """The build reports its own steps."""

    @property
    def cancelled(self) -> bool:
        """True once the caller asked to stop."""
        return self._progress.cancelled


def _import(
    staging: Store,
    files: list[ExportFile],
    world: World,
    progress: Progress,
    advance: Callable[[str], None],
) -> dict[str, int]:
    """Import every export in download order; return each file's import batch id by name."""
    from app.services.imports import import_files

    relay = _Relay(progress)
    batches: dict[str, int] = {}
    reported = 0
    for index, file in enumerate(files, start=1):
        check_cancelled(progress)
        (result,) = import_files(
            staging, [file.path], progress=relay, today=world.today, recompute_tiers=False
        )
        if result.status == "cancelled":
            raise Cancelled()
        if result.status != "imported" or result.kind != file.kind or result.batch_id is None:
            raise StoreError(
                f"The demo export {file.path.name} did not import as {file.kind} "
                f"({result.status}, {result.kind}): {result.error}"
            )
        batches[file.path.name] = result.batch_id
        while reported < index * IMPORT_STEPS // len(files):
            reported += 1
            advance(f"Importing {file.path.name}")
    return batches


# --- What no export carries ----------------------------------------------------------------------


def _write_direct(
    session: Session, world: World, files: list[ExportFile], batches: dict[str, int]
) -> None:
    """Everything the exports do not carry, pointed at the rows the importer created."""
    keys = _StoreKeys(session)
    _update(
        session,
        ImportBatch.__table__,
        ["id"],
        [{"id": batches[f.path.name], "imported_at": f.imported_at} for f in files],
    )
    video_ids = {v.id: keys.video(v.platform, v.key) for v in world.videos}
    customer_ids = {c.id: keys.customer(*c.identity) for c in world.customers}
    product_ids = {p.id: keys.product("douyin", p.key) for p in world.products if p.key}
    _products(session, world)
    _customers(session, world, customer_ids)
    _insert(session, PlanItem.__table__, _mapped(world.rows[PlanItem], product_id=product_ids))
    _videos(session, world, video_ids)
    _insert(session, Experiment.__table__, world.rows[Experiment])
    _insert(session, ExperimentVariant.__table__, world.rows[ExperimentVariant])
    _insert(
        session,
        ExperimentMember.__table__,
        _mapped(world.rows[ExperimentMember], video_id=video_ids),
    )
    _insert(session, Comment.__table__, _mapped(world.rows[Comment], video_id=video_ids))
    _orders(session, world, video_ids, product_ids)
    _reviews(session, world, customer_ids)
    _account_days(session, world)
    _ad_spend(session, world, video_ids)
    _insert(session, Campaign.__table__, world.rows[Campaign])
    for model in (CampaignTarget, Touch, CustomerTier):
        _insert(session, model.__table__, _mapped(world.rows[model], customer_id=customer_ids))


class _StoreKeys:
    """The store's ids of imported rows by their natural keys."""

    def __init__(self, session: Session) -> None:
        self._videos = {
            (p, k): i
            for i, p, k in session.execute(select(Video.id, Video.platform, Video.video_key))
        }
        self._customers = {
            (p, k, v): c
            for c, p, k, v in session.execute(
                select(
                    CustomerIdentity.customer_id,
                    CustomerIdentity.platform,
                    CustomerIdentity.kind,
                    CustomerIdentity.value,
                )
            )
        }
        self._products = {
            (p, k): i
            for i, p, k in session.execute(
                select(Product.id, Product.platform, Product.product_key)
            )
        }

    def video(self, platform: str, key: str) -> int | None:
        return self._videos.get((platform, key))

    def customer(self, platform: str, kind: str, value: str) -> int | None:
        return self._customers.get((platform, kind, value))

    def product(self, platform: str, key: str) -> int | None:
        return self._products.get((platform, key))


def _mapped(rows: list[dict], **maps: dict[int, int | None]) -> list[dict]:
    """Rows with world ids in the given columns replaced by store ids; rows that lose a
    reference they cannot do without (it never reached the store) are left out."""
    nullable = {"product_id", "plan_item_id"}
    out = []
    for row in rows:
        mapped = {k: v for k, v in row.items() if not k.startswith("_")}
        keep = True
        for column, ids in maps.items():
            if mapped.get(column) is not None:
                mapped[column] = ids.get(mapped[column])
                keep = keep and (mapped[column] is not None or column in nullable)
        if keep:
            out.append(mapped)
    return out


def _products(session: Session, world: World) -> None:
    """List prices, which no order export carries (TikTok lists each SKU as a product)."""
    rows = []
    for product in world.products:
        keys = [product.key] if product.key else [sku for sku, _ in product.skus.values()]
        rows += [
            {"platform": product.platform, "product_key": key, "price_cents": product.price_cents}
            for key in keys
        ]
    _update(session, Product.__table__, ["platform", "product_key"], rows)


def _customers(session: Session, world: World, customer_ids: dict[int, int | None]) -> None:
    """Private channels and notes; a customer was created by the import that brought them in."""
    rows = [
        {"id": customer_ids[c.id], "private_channel": c.private_channel, "note": c.note}
        for c in world.customers
        if customer_ids[c.id] is not None and (c.private_channel or c.note)
    ]
    _update(session, Customer.__table__, ["id"], rows)
    _insert(
        session,
        CustomerIdentity.__table__,
        _mapped(world.rows[CustomerIdentity], customer_id=customer_ids),
        keep_ids=False,
    )
    session.execute(
        text(
            "UPDATE customers SET created = (SELECT b.imported_at FROM import_batches b "
            "WHERE b.id = customers.batch_id) WHERE batch_id IS NOT NULL"
        )
    )


def _videos(session: Session, world: World, video_ids: dict[int, int | None]) -> None:
    """What the owner knows of each video: account, pillar, template, tags, plan item, length."""
    rows = []
    for row in world.rows[Video]:
        store_id = video_ids[row["id"]]
        if store_id is None:
            continue
        rows.append(
            {
                "id": store_id,
                "account_id": row["account_id"],
                "format": row["format"],
                "pillar_id": row["pillar_id"],
                "template_id": world.templates.get(row["format"]),
                "tags": row["tags"],
                "plan_item_id": row["plan_item_id"],
            }
        )
    _update(session, Video.__table__, ["id"], rows)
    lengths = [
        {"id": video_ids[row["id"]], "duration_s": row["duration_s"]}
        for row in world.rows[Video]
        if video_ids[row["id"]] is not None
    ]
    table = Video.__table__
    statement = (
        update(table)
        .where(table.c.id == bindparam("k_id"), table.c.duration_s.is_(None))
        .values(duration_s=bindparam("v_duration_s"))
    )
    session.connection().execute(
        statement, [{"k_id": r["id"], "v_duration_s": r["duration_s"]} for r in lengths]
    )


def _orders(
    session: Session,
    world: World,
    video_ids: dict[int, int | None],
    product_ids: dict[int, int | None],
) -> None:
    """Which video sold a line and when it was refunded (no order export says); Tmall, JD and
    in-store lines whole."""
    rows = []
    for line in world.rows[Order]:
        if line["platform"] not in ("douyin", "tiktok"):
            continue
        video = video_ids.get(line["video_id"]) if line["video_id"] else None
        if line["platform"] == "douyin" and line["traffic_format"] != "短视频":
            video = None  # only a line the export credits to short video is linked to one
        if video is None and line["refunded_at"] is None:
            continue
        rows.append(
            {
                "platform": line["platform"],
                "line_key": line["line_key"],
                "video_id": video,
                "refunded_at": line["refunded_at"],
            }
        )
    _update(session, Order.__table__, ["platform", "line_key"], rows)
    others = [ln for ln in world.rows[Order] if ln["platform"] not in ("douyin", "tiktok")]
    _insert(session, Order.__table__, _mapped(others, product_id=product_ids), keep_ids=False)


def _reviews(session: Session, world: World, customer_ids: dict[int, int | None]) -> None:
    """Whether a review has photos, and who wrote it (the line's buyer)."""
    rows = [
        {
            "platform": r["platform"],
            "order_no": r["order_no"],
            "product_key": r["product_key"],
            "reviewed_on": r["reviewed_on"],
            "has_media": r["has_media"],
            "customer_id": customer_ids[r["customer_id"]],
        }
        for r in world.rows[Review]
    ]
    _update(session, Review.__table__, ["platform", "order_no", "product_key", "reviewed_on"], rows)


def _account_days(session: Session, world: World) -> None:
    """TikTok's follower counts (not in Overview.csv) and the other accounts' days whole."""
    tiktok = world.accounts["tiktok"]["id"]
    days = world.rows[AccountDaily]
    followers = [
        {
            "account_id": r["account_id"],
            "day": r["day"],
            "followers_total": r["followers_total"],
            "followers_gained": r["followers_gained"],
        }
        for r in days
        if r["account_id"] == tiktok
    ]
    _update(session, AccountDaily.__table__, ["account_id", "day"], followers)
    others = [r for r in days if r["account_id"] != tiktok]
    _insert(session, AccountDaily.__table__, others, keep_ids=False)


def _ad_spend(session: Session, world: World, video_ids: dict[int, int | None]) -> None:
    """Which video each 千川 material is; DOU+ and TikTok promote spend whole."""
    rows = world.rows[AdSpend]
    materials = [
        {
            "channel": "qianchuan",
            "day": r["day"],
            "material_key": r["material_key"],
            "video_id": video_ids[r["video_id"]],
        }
        for r in rows
        if r["channel"] == "qianchuan"
    ]
    _update(session, AdSpend.__table__, ["channel", "day", "material_key"], materials)
    boosts = [r for r in rows if r["channel"] != "qianchuan"]
    _insert(session, AdSpend.__table__, _mapped(boosts, video_id=video_ids), keep_ids=False)


def _insert(session: Session, table: Table, rows: list[dict], *, keep_ids: bool = True) -> None:
    """Insert rows (their world ids kept, or left to the store for tables the importer fills)."""
    cleaned = [
        {k: v for k, v in row.items() if not k.startswith("_") and (keep_ids or k != "id")}
        for row in rows
    ]
    if cleaned:
        session.execute(insert(table), cleaned)


def _update(session: Session, table: Table, keys: list[str], rows: list[dict]) -> None:
    """Executemany UPDATE of the non-key columns of ``rows``, matched on ``keys``."""
    if not rows:
        return
    values = [c for c in rows[0] if c not in keys]
    statement = (
        update(table)
        .where(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
        .values({c: bindparam(f"v_{c}") for c in values})
    )
    params = [{**{f"k_{k}": r[k] for k in keys}, **{f"v_{c}": r[c] for c in values}} for r in rows]
    session.connection().execute(statement, params)


# --- Into the caller's store ---------------------------------------------------------------------


def _copy(staging: Store, store: Store, last_step: Callable[[], None]) -> None:
    """Copy every table of the staging store into ``store`` in one transaction.

    ``last_step`` reports the final step and may raise Cancelled: it runs before the commit, so a
    cancel at the very end still leaves the store empty.
    """
    with staging.engine.connect() as source, store.session_scope() as session:
        _require_empty(session)
        for table in Base.metadata.sorted_tables:
            rows = [dict(r) for r in source.execute(select(table)).mappings()]
            if rows:
                session.execute(insert(table), rows)
        _advance_sequences(session)
        last_step()


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


def _summary(staging: Store) -> DemoSummary:
    with staging.session_scope() as session:

        def count(model: type[Base]) -> int:
            return session.execute(select(func.count()).select_from(model)).scalar_one()

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
