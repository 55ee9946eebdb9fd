"""Retention figures on a shop of 200,000 order lines and 60,000 customers.

Reuses the tiers benchmark's scratch store (tier rules, customers, paid lines, touches), gives
it tiers, a sent campaign of every customer silent 60+ days with a 10 % holdout and 3,000 reviews,
then prints the seconds of: the start-up slipping count (standard library, runs after the
window's first paint; target under 1 s), the ledger and the churn list over it, the campaign's
measured result, the crisis scan and needs insight (jieba loads its dictionary on first use).

    python benchmarks/retention.py [--orders 200000] [--customers 60000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tiers import AS_OF, fill, timed  # noqa: E402

from app.config import sqlite_url  # noqa: E402
from app.services.store import open_store  # noqa: E402

REVIEW_TEXTS = (
    "质量很好，颜色很正",
    "洗了一次就起球",
    "尺码偏小，建议拍大一码",
    "物流很快，包装严实",
)


def add_reviews(path: Path, count: int, seed: int) -> None:
    """Reviews spread over the last 90 days, some low-scored."""
    rng = random.Random(seed)
    with closing(sqlite3.connect(path)) as conn:
        conn.executemany(
            "INSERT INTO reviews (platform, order_no, product_key, reviewed_on, score, text, "
            "has_media) VALUES ('douyin', ?, 'P1', ?, ?, ?, 0)",
            [
                (f"O{i}", AS_OF - timedelta(days=rng.randrange(90)), rng.choice((1, 3, 5, 5)),
                 rng.choice(REVIEW_TEXTS))
                for i in range(count)
            ],
        )  # fmt: skip
        conn.commit()


def main() -> None:
    """Build the scratch store and time each step."""
    from app.analytics.retention import SegmentRule
    from app.services import campaigns, retention
    from app.services.campaigns import CampaignSpec
    from app.services.customers import load_ledger
    from app.services.tiers import recompute_tiers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--customers", type=int, default=60_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shopreel-retention-") as folder:
        path = Path(folder) / "shop.db"
        store = open_store(sqlite_url(path))
        try:
            fill(path, args.orders, args.customers, args.seed)
            add_reviews(path, 3_000, args.seed)
            recompute_tiers(store, AS_OF)
            rule = SegmentRule(min_days_silent=60).to_json()
            spec = CampaignSpec(name="召回", segment_rule=rule, holdout_share=0.1)
            campaign_id = campaigns.save_campaign(store, spec)
            sent = datetime.combine(AS_OF - timedelta(days=30), datetime.min.time())
            groups = timed(
                "draw groups (ledger + segment + holdout)",
                lambda: campaigns.draw_targets(store, campaign_id, sent.date()),
            )
            campaigns.mark_sent(store, campaign_id, sent)
            reader = store.reader()
            counts = timed(
                "start-up slipping count", lambda: retention.slipping_counts(reader, AS_OF)
            )
            ledger = timed("customer ledger (load_ledger)", lambda: load_ledger(reader, AS_OF))
            churn = timed(
                "churn list over that ledger", lambda: retention.churn_list(reader, AS_OF, ledger)
            )
            result = timed(
                "campaign result", lambda: campaigns.campaign_results(reader, campaign_id, AS_OF)
            )
            reader.close()
            alerts = timed("crisis scan (first)", lambda: retention.scan_crisis(store))
            reader = store.reader()
            start = AS_OF - timedelta(days=90)
            terms = timed("needs insight", lambda: retention.needs_insight(reader, start, AS_OF))
            reader.close()
            print(
                f"{counts.total:,} slipping ({len(churn):,} listed), campaign of "
                f"{len(groups.treatment) + len(groups.control):,} (uplift {result.uplift:+.3f}), "
                f"{alerts:,} alerts, {len(terms)} terms"
            )
        finally:
            store.dispose()


if __name__ == "__main__":
    main()
