"""Identity: merge suggestions, accept/reject, manual merge and split, every one undoable."""

from __future__ import annotations

from datetime import date

import pytest

from app.db import Store
from app.services.customers import (
    load_ledger,
    merge_customers,
    merge_history,
    merge_suggestions,
    reject_suggestion,
    set_tags,
    split_customer,
    undo_merge,
    unreject_suggestion,
)
from app.services.stats import Month, month_stats
from tests.conftest import TODAY
from tests.customer_store import add_customer, add_identity, add_line

AS_OF = date(2026, 11, 28)


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    """张 on 抖店 and TikTok and in a 有赞 list; 李 twice on 抖店 (two people); 王 alone."""
    ids = {
        "zhang_douyin": add_customer(store, "张**", "138****1234"),
        "zhang_tiktok": add_customer(
            store, "张**", "138****1234", platform="tiktok", kind="buyer_id", value="zhang88"
        ),
        "zhang_list": add_customer(
            store, "张**", "138****1234", platform="youzan", kind="crm", value="张**|138****1234|"
        ),
        "li_a": add_customer(store, "李**", "139****0000", value="李**|139****0000"),
        "li_b": add_customer(
            store, "李**", "139****0000", kind="buyer_id", value="li-buyer"
        ),  # same platform: no suggestion
        "wang": add_customer(store, "王**", "137****5555"),
    }
    add_line(store, ids["zhang_douyin"], "2026-10-01 10:00:00", 10_000)
    add_line(store, ids["zhang_douyin"], "2026-10-20 10:00:00", 20_000)
    add_line(
        store, ids["zhang_tiktok"], "2026-11-25 10:00:00", 1_500, platform="tiktok", currency="USD"
    )
    add_line(store, ids["wang"], "2026-11-01 10:00:00", 5_000)
    return ids


def pairs(store: Store) -> set[tuple[int, int, str]]:
    frame = merge_suggestions(store.reader())
    return {(a, b, reason) for a, b, reason in frame[["a_id", "b_id", "reason"]].values}


def test_suggestions_pair_the_same_name_and_phone_across_platforms(
    store: Store, people: dict[str, int]
) -> None:
    zd, zt, zl = people["zhang_douyin"], people["zhang_tiktok"], people["zhang_list"]
    assert pairs(store) == {(zd, zt, "name_phone"), (zd, zl, "crm")}
    row = merge_suggestions(store.reader()).iloc[0]
    assert row["masked_phone"] == "138****1234"  # shown as stored: masked


def test_a_rejected_pair_never_comes_back(store: Store, people: dict[str, int]) -> None:
    zd, zt = people["zhang_douyin"], people["zhang_tiktok"]
    reject_suggestion(store, zt, zd)  # either order
    reject_suggestion(store, zd, zt)  # twice is harmless
    assert (zd, zt, "name_phone") not in pairs(store)
    assert len(pairs(store)) == 1
    with pytest.raises(ValueError, match="no customer #999"):
        reject_suggestion(store, zd, 999)
    assert unreject_suggestion(store, zt, zd)  # changed one's mind: suggested again
    assert (zd, zt, "name_phone") in pairs(store)
    assert not unreject_suggestion(store, zt, zd)


def test_merging_rolls_orders_up_and_never_changes_the_monthly_figures(
    store: Store, people: dict[str, int]
) -> None:
    zd, zt = people["zhang_douyin"], people["zhang_tiktok"]
    stats_before = {m: month_stats(store.reader(), Month(2026, m)) for m in (10, 11)}
    merge_customers(store, zd, zt, reason="同一人", today=TODAY)
    ledger = load_ledger(store.reader(), AS_OF).set_index("customer_id")
    assert zt not in ledger.index
    zhang = ledger.loc[zd]
    assert zhang["platforms"] == "douyin, tiktok"
    assert zhang["identities"] == 2
    assert zhang["paid_orders"] == 3
    assert (zhang["net_cents"], zhang["currency"]) == (30_000, "CNY")  # USD never added to CNY
    assert zhang["recency_days"] == 3  # the TikTok order counts for recency
    assert {m: month_stats(store.reader(), Month(2026, m)) for m in (10, 11)} == stats_before
    assert (zd, zt, "name_phone") not in pairs(store)


def test_undo_restores_the_customers_and_combined_tags(
    store: Store, people: dict[str, int]
) -> None:
    zd, zt = people["zhang_douyin"], people["zhang_tiktok"]
    set_tags(store, zd, "老粉")
    set_tags(store, zt, "美国, 老粉")
    merge_id = merge_customers(store, zd, zt, today=TODAY)
    ledger = load_ledger(store.reader(), AS_OF).set_index("customer_id")
    assert ledger.loc[zd, "tags"] == "老粉, 美国"
    undo_merge(store, merge_id, today=TODAY)
    ledger = load_ledger(store.reader(), AS_OF).set_index("customer_id")
    assert ledger.loc[zd, "tags"] == "老粉"
    assert ledger.loc[zt, "paid_orders"] == 1
    assert ledger.loc[zd, "paid_orders"] == 2
    history = merge_history(store.reader())
    assert history[["kind", "survivor_id", "merged_id"]].values.tolist() == [["merge", zd, zt]]
    assert history["undone_at"].notna().all()
    with pytest.raises(ValueError, match="already undone"):
        undo_merge(store, merge_id)


@pytest.mark.parametrize(
    ("pick", "message"),
    [
        (lambda p: (p["wang"], p["wang"]), "itself"),
        (lambda p: (p["wang"], 12345), "no customer #12345"),
    ],
)
def test_impossible_merges_are_refused(
    store: Store, people: dict[str, int], pick, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        merge_customers(store, *pick(people))


def test_a_merged_customer_cannot_be_merged_again(store: Store, people: dict[str, int]) -> None:
    merge_customers(store, people["zhang_douyin"], people["zhang_tiktok"], today=TODAY)
    with pytest.raises(ValueError, match="already part of"):
        merge_customers(store, people["wang"], people["zhang_tiktok"], today=TODAY)


def test_split_moves_an_identity_to_a_new_customer_and_undo_moves_it_back(
    store: Store, people: dict[str, int]
) -> None:
    wang = people["wang"]
    wecom = add_identity(store, wang, "wecom", "wecom", "wm-wang")
    split_id = split_customer(store, wang, [wecom], reason="企微是另一人", today=TODAY)
    history = merge_history(store.reader())
    new_id = int(history.loc[history["id"] == split_id, "merged_id"].iloc[0])
    ledger = load_ledger(store.reader(), AS_OF).set_index("customer_id")
    assert ledger.loc[new_id, "platforms"] == "wecom"
    assert ledger.loc[new_id, "paid_orders"] == 0  # orders stay where they were imported
    assert ledger.loc[wang, "identities"] == 1
    undo_merge(store, split_id, today=TODAY)
    ledger = load_ledger(store.reader(), AS_OF).set_index("customer_id")
    assert new_id not in ledger.index
    assert ledger.loc[wang, "identities"] == 2


def test_split_detaches_a_merged_customer(store: Store, people: dict[str, int]) -> None:
    zd, zt = people["zhang_douyin"], people["zhang_tiktok"]
    merge_customers(store, zd, zt, today=TODAY)
    reader = store.reader()
    tiktok_identity = reader.query(
        "SELECT id FROM customer_identities WHERE customer_id = :c", {"c": zt}
    )[1][0][0]
    split_id = split_customer(store, zd, [tiktok_identity], today=TODAY)
    ledger = load_ledger(store.reader(), AS_OF).set_index("customer_id")
    assert ledger.loc[zt, "paid_orders"] == 1
    assert ledger.loc[zd, "paid_orders"] == 2
    undo_merge(store, split_id, today=TODAY)
    assert zt not in set(load_ledger(store.reader(), AS_OF)["customer_id"])


def test_split_refuses_foreign_or_all_identities(store: Store, people: dict[str, int]) -> None:
    reader = store.reader()
    own = reader.query(
        "SELECT id FROM customer_identities WHERE customer_id = :c", {"c": people["wang"]}
    )[1][0][0]
    other = reader.query(
        "SELECT id FROM customer_identities WHERE customer_id = :c", {"c": people["li_a"]}
    )[1][0][0]
    with pytest.raises(ValueError, match="must stay"):
        split_customer(store, people["wang"], [own])
    with pytest.raises(ValueError, match="is not one of"):
        split_customer(store, people["wang"], [other])
    with pytest.raises(ValueError, match="Choose"):
        split_customer(store, people["wang"], [])
    assert merge_history(store.reader()).empty


def test_merging_demo_customers_keeps_every_monthly_figure(demo_store: Store) -> None:
    reader = demo_store.reader()
    ledger = load_ledger(reader, TODAY)
    buyers = ledger[ledger["paid_orders"] > 0]["customer_id"].tolist()
    months = [Month(2026, m) for m in (9, 10, 11)]
    before = [month_stats(reader, m) for m in months]
    merge_customers(demo_store, buyers[0], buyers[1], today=TODAY)
    merge_customers(demo_store, buyers[0], buyers[2], today=TODAY)
    reader = demo_store.reader()
    assert [month_stats(reader, m) for m in months] == before
    after = load_ledger(reader, TODAY)
    assert len(after) == len(ledger) - 2
    rolled = after.set_index("customer_id").loc[buyers[0], "paid_orders"]
    assert rolled == ledger.set_index("customer_id").loc[buyers[:3], "paid_orders"].sum()
