"""The Traffic tab's reads and its one write (labelling videos), over any store.

Reads go through the :class:`~app.db.Reader` protocol with portable SQL (SQLite and PostgreSQL,
``:named`` parameters) and come back as DataFrames for :mod:`app.analytics.traffic`; the tab
loads :func:`load_videos` once and filters and aggregates in memory.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from app.config import PLATFORMS
from app.db import Reader
from app.metrics import snapshot_columns_sql

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from app.db import Store

PAID = "paid_at IS NOT NULL AND NOT cancelled"
METRICS_SQL = snapshot_columns_sql("s")
# The newest snapshot of each video, as stats.py picks it (snapshot time, then insertion order);
# the (video_id, snapshot_at) unique index answers the subquery (2x faster than ROW_NUMBER()).
VIDEOS_SQL = f"""
SELECT v.id AS video_id, v.platform, v.account_id, v.title, v.published_at, v.duration_s,
       v.format, v.pillar_id, p.name AS pillar, v.template_id, t.name AS template, v.tags,
       {METRICS_SQL}, s.snapshot_at, a.currency AS account_currency
FROM videos v
LEFT JOIN content_pillars p ON p.id = v.pillar_id
LEFT JOIN templates t ON t.id = v.template_id
LEFT JOIN accounts a ON a.id = v.account_id
LEFT JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
ORDER BY v.id
"""
ATTRIBUTED_SQL = f"""
SELECT video_id, currency, COUNT(*) AS lines, COUNT(DISTINCT order_no) AS orders,
       SUM(payable_cents) AS cents
FROM order_lines
WHERE video_id IS NOT NULL AND {PAID}
GROUP BY video_id, currency
"""
ATTRIBUTING_PLATFORMS_SQL = """
SELECT platform, currency, COUNT(*) AS lines FROM order_lines WHERE video_id IS NOT NULL
GROUP BY platform, currency
"""
ID_COLUMNS = ("account_id", "pillar_id", "template_id")
TEXT_COLUMNS = ("platform", "title", "format", "pillar", "template", "tags", "currency")
TEXT_COLUMNS += ("account_currency",)


@dataclass(frozen=True)
class TrafficChoices:
    """What the Traffic tab's filter bar offers.

    Attributes:
        platforms: platforms with videos or account days, in the app's platform order.
        accounts: (id, platform, handle) of every account.
        pillars: (id, name, colour) of every content pillar.
        templates: (id, name) of every template.
        first_day: the earliest publish day of a video (None without videos).
        last_day: the latest publish day of a video.
    """

    platforms: tuple[str, ...]
    accounts: tuple[tuple[int, str, str], ...]
    pillars: tuple[tuple[int, str, str], ...]
    templates: tuple[tuple[int, str], ...]
    first_day: date | None
    last_day: date | None


def platform_order(platform: str) -> tuple[int, str]:
    """Sort key: the app's platforms in their usual order, then any other alphabetically."""
    return (PLATFORMS.index(platform) if platform in PLATFORMS else len(PLATFORMS), platform)


def traffic_choices(reader: Reader) -> TrafficChoices:
    """The platforms, accounts, pillars, templates and publish days the filters can offer."""
    from app.services.tables import as_date

    platforms = {
        r[0]
        for r in reader.query(
            "SELECT platform FROM videos UNION "
            "SELECT a.platform FROM account_daily d JOIN accounts a ON a.id = d.account_id"
        )[1]
    }
    accounts = reader.query("SELECT id, platform, handle FROM accounts")[1]
    pillars = reader.query("SELECT id, name, color FROM content_pillars ORDER BY name, id")[1]
    templates = reader.query("SELECT id, name FROM templates ORDER BY name, id")[1]
    first, last = reader.query("SELECT MIN(published_at), MAX(published_at) FROM videos")[1][0]
    return TrafficChoices(
        platforms=tuple(sorted(platforms, key=platform_order)),
        accounts=tuple(
            (int(i), str(p), str(h))
            for i, p, h in sorted(accounts, key=lambda r: (platform_order(r[1]), r[2], r[0]))
        ),
        pillars=tuple((int(i), str(n), str(c)) for i, n, c in pillars),
        templates=tuple((int(i), str(n)) for i, n in templates),
        first_day=as_date(first),
        last_day=as_date(last),
    )


def load_videos(reader: Reader) -> pd.DataFrame:
    """Every video with its newest snapshot's metrics, labels and attributed sales.

    Columns are :data:`app.analytics.traffic.VIDEO_COLUMNS`: ids are nullable ``Int64``, metrics
    ``float`` with NaN where the platform does not export them, ``published_at``/``snapshot_at``
    datetime64 (NaT for a video with no snapshot). ``orders`` (distinct paid, not cancelled
    orders whose lines name the video) and ``gmv_cents`` (``Int64``, their payable amount in
    ``gmv_currency``) are known for the platforms whose order exports attribute lines to videos
    (0 for a video without sales there) and NA elsewhere. Amounts are never added across
    currencies: a video whose lines come in two currencies keeps the currency with the most
    lines (then the account's currency, then the alphabetically first) and only its amount.
    """

    from app.analytics.traffic import VIDEO_COLUMNS, interaction_rates

    frame = _frame(
        reader,
        VIDEOS_SQL,
        dates=("published_at", "snapshot_at"),
        ids=("video_id", *ID_COLUMNS),
    )
    frame["video_id"] = frame["video_id"].astype("int64")
    for column in ("title", "tags"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["interaction_rate"] = interaction_rates(frame)
    _attach_sales(reader, frame)
    return frame[list(VIDEO_COLUMNS)]


def _datetimes(values: Sequence[Any]) -> pd.Series:
    import pandas as pd

    return pd.Series(pd.to_datetime(list(values), format="ISO8601")).astype("datetime64[us]")


def _attach_sales(reader: Reader, frame: pd.DataFrame) -> None:
    """Add orders / gmv_cents / gmv_currency (see :func:`load_videos`) to ``frame`` in place."""

    attributing = _frame(reader, ATTRIBUTING_PLATFORMS_SQL)
    known = frame["platform"].isin(list(attributing["platform"])).to_numpy()
    usual = attributing.sort_values(["lines", "currency"], ascending=[False, True])
    usual_currency = usual.drop_duplicates("platform").set_index("platform")["currency"]
    fallback = frame["account_currency"].fillna(frame["platform"].map(usual_currency))
    sales = _frame(reader, ATTRIBUTED_SQL, ids=("video_id",))
    home = sales["video_id"].map(frame.set_index("video_id")["account_currency"])
    ranked = sales.assign(away=(sales["currency"] != home)).sort_values(
        ["video_id", "lines", "away", "currency"], ascending=[True, False, True, True]
    )
    chosen = ranked.drop_duplicates("video_id").set_index("video_id")
    orders = sales.groupby("video_id")["orders"].sum()
    video = frame["video_id"]
    frame["orders"] = _known_count(video.map(orders), known)
    frame["gmv_cents"] = _known_count(video.map(chosen["cents"]), known)
    currency = video.map(chosen["currency"]).astype(object).fillna(fallback)
    frame["gmv_currency"] = currency.astype(object).where(known, None)


def _known_count(values: pd.Series, known: np.ndarray) -> pd.Series:
    """0 where nothing was found on a platform that reports it, NA where it does not."""
    import pandas as pd

    return values.fillna(0).round().astype("Int64").where(known, pd.NA)


# --- Trend inputs and one video's history -------------------------------------------------------

ACCOUNT_DAILY_SQL = """
SELECT d.account_id, a.platform, d.day, d.views, d.followers_total, d.followers_gained,
       d.profile_visits, d.likes, d.comments, d.shares
FROM account_daily d JOIN accounts a ON a.id = d.account_id
ORDER BY d.day, d.account_id
"""
SNAPSHOTS_SQL = """
SELECT s.video_id, v.platform, v.account_id, v.pillar_id, v.template_id, v.published_at,
       s.snapshot_at, s.views, s.likes, s.comments, s.shares, s.followers_gained, s.profile_visits
FROM video_snapshots s JOIN videos v ON v.id = s.video_id
ORDER BY s.video_id, s.snapshot_at, s.id
"""
HISTORY_SQL = f"""
SELECT s.snapshot_at, {METRICS_SQL}
FROM video_snapshots s WHERE s.video_id = :video_id
ORDER BY s.snapshot_at, s.id
"""


def load_trend_inputs(reader: Reader) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The account days and every video snapshot, as :func:`daily_trend` takes them.

    ``account_daily``: account_id, platform, day (datetime64) and the daily metrics;
    ``snapshots``: video_id, platform, account_id, pillar_id, template_id, published_at,
    snapshot_at and the cumulative metrics (float, NaN unknown), oldest first per video.
    """
    daily = _frame(reader, ACCOUNT_DAILY_SQL, dates=("day",), ids=("account_id",))
    snapshots = _frame(
        reader,
        SNAPSHOTS_SQL,
        dates=("published_at", "snapshot_at"),
        ids=("video_id", "account_id", "pillar_id", "template_id"),
    )
    return daily, snapshots


def snapshot_history(reader: Reader, video_id: int) -> pd.DataFrame:
    """One video's snapshots, oldest first: snapshot_at and every metric (NaN unknown)."""
    return _frame(reader, HISTORY_SQL, {"video_id": int(video_id)}, dates=("snapshot_at",))


def _frame(
    reader: Reader,
    sql: str,
    params: dict[str, Any] | None = None,
    *,
    dates: tuple[str, ...] = (),
    ids: tuple[str, ...] = (),
) -> pd.DataFrame:
    """A query's rows as a frame, built column by column (3x faster than from_records).

    ``dates`` become datetime64, ``ids`` nullable Int64, :data:`TEXT_COLUMNS` text, every other
    column float (NaN for NULL).
    """
    import numpy as np
    import pandas as pd

    names, rows = reader.query(sql, params)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    data: dict[str, Any] = {}
    for name, values in zip(names, columns, strict=True):
        if name in dates:
            data[name] = _datetimes(values)
        elif name in ids:
            data[name] = pd.array(values, dtype="Int64")
        elif name in TEXT_COLUMNS:
            data[name] = pd.Series(values, dtype=object if not values else None)
        else:
            data[name] = np.array(values, dtype=float)
    return pd.DataFrame(data, columns=names)


# --- Labelling videos ---------------------------------------------------------------------------


class Unchanged(enum.Enum):
    """Marks a label that :func:`label_videos` leaves as it is."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED
LABEL_CHUNK = 500


def label_videos(
    store: Store,
    video_ids: Iterable[int],
    *,
    pillar_id: int | None | Unchanged = UNCHANGED,
    template_id: int | None | Unchanged = UNCHANGED,
) -> int:
    """Set (or clear, with None) the pillar and/or template of videos; how many videos changed.

    One transaction: an unknown pillar or template raises ValueError and changes nothing.
    """
    from sqlalchemy import or_, update

    from app.models.content import ContentPillar, Template
    from app.models.traffic import Video

    values: dict[str, int | None] = {}
    if pillar_id is not UNCHANGED:
        values["pillar_id"] = pillar_id
    if template_id is not UNCHANGED:
        values["template_id"] = template_id
    ids = sorted({int(v) for v in video_ids})
    if not values or not ids:
        return 0
    changed = 0
    with store.session_scope() as session:
        for column, model, label in (
            ("pillar_id", ContentPillar, "content pillar"),
            ("template_id", Template, "template"),
        ):
            wanted = values.get(column)
            if wanted is not None and session.get(model, wanted) is None:
                raise ValueError(f"There is no {label} with id {wanted}; no video was changed.")
        differs = or_(*(getattr(Video, c).is_distinct_from(v) for c, v in values.items()))
        for start in range(0, len(ids), LABEL_CHUNK):
            chunk = ids[start : start + LABEL_CHUNK]
            result = session.execute(
                update(Video).where(Video.id.in_(chunk), differs).values(**values),
                execution_options={"synchronize_session": False},
            )
            changed += result.rowcount or 0
    return changed
