"""The customer ledger, one customer's detail, tags and notes, private-domain marking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from app.db import Store
from app.services.customers import (
    customer_detail,
    import_private_list,
    load_ledger,
    mark_private,
    merge_customers,
    normalise_tags,
    phones_agree,
    set_note,
    set_tags,
)
from tests.conftest import TODAY
from tests.customer_store import add_customer, add_identity, add_line, add_touch


@pytest.fixture
def shop(store: Store) -> dict[str, int]:
    ids = {
        "a": add_customer(store, "甲**", "138****0001"),
        "b": add_customer(
            store, "乙**", "138****0002", platform="tiktok", kind="buyer_id", value="bee"
        ),
        "list": add_customer(
            store, "丙**", "138******03", platform="youzan", kind="crm", value="丙**|138******03|"
        ),
    }
    order = add_line(store, ids["a"], "2026-10-01 10:00:00", 10_000, product="枕头")
    add_line(store, ids["a"], "2026-10-01 10:00:00", 5_000, order_no=order, product="被套")
    add_line(store, ids["a"], "2026-11-10 10:00:00", 8_000, refund_cents=8_000, product="毛毯")
    add_line(store, ids["a"], "2026-11-20 10:00:00", 9_900, cancelled=True)  # never paid
    add_line(store, ids["a"], None, 1_000)  # unpaid
    add_line(store, ids["b"], "2026-11-27 23:59:59", 2_500, platform="tiktok", currency="USD")
    add_touch(store, ids["a"], "2026-11-25 09:00:00")
    return ids


def test_ledger_rolls_up_paid_orders_net_amount_and_dates(
    store: Store, shop: dict[str, int]
) -> None:
    ledger = load_ledger(store.reader(), TODAY).set_index("customer_id")
    a = ledger.loc[shop["a"]]
    assert (a["paid_orders"], a["paid_lines"], a["net_cents"], a["currency"]) == (
        2,
        3,
        15_000,
        "CNY",
    )
    assert str(a["first_paid_at"]) == "2026-10-01 10:00:00"
    assert str(a["last_paid_at"]) == "2026-11-10 10:00:00"
    assert (a["recency_days"], a["silent_days"]) == (18, 3)  # the touch counts for silence only
    assert a["median_gap_days"] == pytest.approx(40.0)
    assert (a["last_product"], a["first_traffic_format"], a["acquisition_month"]) == (
        "毛毯",
        "短视频",
        "2026-10",
    )
    b = ledger.loc[shop["b"]]
    assert (b["net_cents"], b["currency"], b["recency_days"], b["platforms"]) == (
        2_500,
        "USD",
        1,
        "tiktok",
    )
    listed = ledger.loc[shop["list"]]
    assert (listed["paid_orders"], listed["segment"], listed["currency"]) == (0, "", "")
    assert list(ledger.index) == [shop["a"], shop["b"], shop["list"]]  # by net amount


def test_ledger_as_of_an_earlier_day_sees_only_what_was_paid_by_then(
    store: Store, shop: dict[str, int]
) -> None:
    ledger = load_ledger(store.reader(), date(2026, 10, 31)).set_index("customer_id")
    assert ledger.loc[shop["a"], "paid_orders"] == 1
    assert ledger.loc[shop["a"], "recency_days"] == 30
    assert ledger.loc[shop["b"], "paid_orders"] == 0


def test_an_empty_store_gives_an_empty_ledger(store: Store) -> None:
    ledger = load_ledger(store.reader(), TODAY)
    assert ledger.empty
    assert "segment" in ledger.columns


def test_detail_gathers_the_person_across_merged_customers(
    store: Store, shop: dict[str, int]
) -> None:
    merge_customers(store, shop["a"], shop["b"], today=TODAY)
    detail = customer_detail(store.reader(), shop["b"], TODAY)  # any member gives the person
    assert detail.customer["customer_id"] == shop["a"]
    assert len(detail.orders) == 6
    assert sorted(detail.orders["platform"].unique()) == ["douyin", "tiktok"]
    assert detail.identities["platform"].tolist() == ["douyin", "tiktok"]
    assert detail.touches["channel"].tolist() == ["wecom"]
    assert detail.merges["kind"].tolist() == ["merge"]
    with pytest.raises(ValueError, match="no customer #404"):
        customer_detail(store.reader(), 404, TODAY)


def test_tags_are_trimmed_deduplicated_and_notes_kept(store: Store, shop: dict[str, int]) -> None:
    assert normalise_tags(" 老客 ，宝妈, 老客,,") == "老客, 宝妈"
    assert set_tags(store, shop["a"], ["宝妈", "=SUM(A1)"]) == "宝妈, =SUM(A1)"
    set_note(store, shop["a"], "  喜欢纯棉  ")
    row = load_ledger(store.reader(), TODAY).set_index("customer_id").loc[shop["a"]]
    assert (row["tags"], row["note"]) == ("宝妈, =SUM(A1)", "喜欢纯棉")


def test_mark_private_one_or_many(store: Store, shop: dict[str, int]) -> None:
    assert mark_private(store, [shop["a"], shop["b"]], "wecom", since=date(2026, 11, 1)) == 2
    assert mark_private(store, [shop["a"]], "wecom") == 0  # already there: keeps its date
    ledger = load_ledger(store.reader(), TODAY).set_index("customer_id")
    assert ledger.loc[shop["a"], "private_channel"] == "wecom"
    assert ledger.loc[shop["a"], "private_since"] == date(2026, 11, 1)
    assert mark_private(store, [shop["b"]], "") == 1
    with pytest.raises(ValueError, match="Unknown private channel"):
        mark_private(store, [shop["a"]], "email")
    with pytest.raises(ValueError, match="no customer #999"):
        mark_private(store, [999], "group")


def test_a_list_file_marks_the_customers_it_names(
    store: Store, shop: dict[str, int], tmp_path: Path
) -> None:
    order = store.reader().query(
        "SELECT order_no FROM order_lines WHERE customer_id = :c LIMIT 1", {"c": shop["a"]}
    )[1][0][0]
    listing = tmp_path / "企微好友.txt"
    listing.write_text(
        f"订单号\n{order}\nbee\n丙**，13800000003\n\n查无此人 13912345678\n", encoding="gbk"
    )
    result = import_private_list(store, listing, "group", since=date(2026, 11, 20))
    assert (result.matched, result.already) == (3, 0)
    assert result.unmatched == [(1, "订单号"), (6, "查无此人 13912345678")]
    ledger = load_ledger(store.reader(), TODAY).set_index("customer_id")
    assert set(ledger["private_channel"]) == {"group"}
    again = import_private_list(store, listing, "group")
    assert (again.matched, again.already) == (0, 3)


@pytest.mark.parametrize(
    ("content", "channel", "message"),
    [
        (b"", "group", "is empty"),
        (b"\n  \n", "group", "is empty"),
        (b"PK\x03\x04\x00\x00binary", "group", "not a text file"),
        (b"bee\n", "email", "Unknown private channel"),
    ],
)
def test_a_bad_list_is_refused_and_nothing_changes(
    store: Store, shop: dict[str, int], tmp_path: Path, content: bytes, channel: str, message: str
) -> None:
    listing = tmp_path / "list.csv"
    listing.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        import_private_list(store, listing, channel)
    with pytest.raises(ValueError, match="cannot be read"):
        import_private_list(store, tmp_path / "missing.txt", "group")
    assert set(load_ledger(store.reader(), TODAY)["private_channel"]) == {""}


def test_masked_phones_agree_across_platform_styles() -> None:
    assert phones_agree("185****1210", "185******10")  # 抖店 and 有赞 masks of one number
    assert not phones_agree("185****1210", "185******11")
    assert not phones_agree("185****1210", "186****1210")
    assert not phones_agree("1**", "1**")  # too few digits shown to tell
    assert not phones_agree("185****1210", "185***1210")


def test_identity_counts_follow_added_identities(store: Store, shop: dict[str, int]) -> None:
    add_identity(store, shop["a"], "wecom", "wecom", "wm-a")
    ledger = load_ledger(store.reader(), TODAY).set_index("customer_id")
    assert ledger.loc[shop["a"], "identities"] == 2
    assert ledger.loc[shop["a"], "platforms"] == "douyin, wecom"


def test_one_persons_ledger_row_equals_its_row_in_the_whole_ledger(demo_store: Store) -> None:
    reader = demo_store.reader()
    whole = load_ledger(reader, TODAY).set_index("customer_id")
    buyers = whole[whole["paid_orders"] > 0].index
    picked = [buyers[0], buyers[len(buyers) // 2], buyers[-1], whole.index[-1]]
    merge_customers(demo_store, picked[0], picked[1], today=TODAY)
    reader = demo_store.reader()
    whole = load_ledger(reader, TODAY).set_index("customer_id")
    some = load_ledger(reader, TODAY, customer_ids=[picked[1], picked[2], picked[3]])
    assert sorted(some["customer_id"]) == sorted([picked[0], picked[2], picked[3]])
    part = some.set_index("customer_id").sort_index()
    pd.testing.assert_frame_equal(part, whole.loc[part.index], check_dtype=False)
    detail = customer_detail(reader, picked[1], TODAY)
    assert detail.customer["segment"] == whole.loc[picked[0], "segment"]
    held = whole.reset_index().iloc[[0]].to_dict("records")[0]
    quick = customer_detail(reader, int(held["customer_id"]), TODAY, ledger_row=held)
    assert quick.customer is held
    paid = quick.orders["paid_at"].notna() & ~quick.orders["cancelled"]
    assert paid.sum() == held["paid_lines"]


def test_every_customer_view_works_on_a_store_without_buyers(store: Store) -> None:
    """Empty, then a 有赞 list only: no view fails or warns (pytest turns warnings into errors)."""
    from app.analytics.tiers import default_rules
    from app.services import customers, tiers

    def every_view() -> None:
        reader = store.reader()
        ledger = customers.load_ledger(reader, TODAY)
        customers.merge_suggestions(reader)
        customers.cohort_table(reader, TODAY)
        customers.ltv_by(reader, TODAY, "tier")
        customers.private_domain_summary(ledger)
        customers.month_figures(reader, TODAY, ["2026-11"])
        tiers.tier_counts(reader, TODAY)
        tiers.tier_movement(reader, TODAY)
        tiers.preview_rules(reader, default_rules(), TODAY)
        for cid in ledger["customer_id"]:
            customers.customer_detail(reader, int(cid), TODAY)
        reader.close()

    every_view()
    tiers.save_rules(store, default_rules(), TODAY)
    add_customer(store, "单**", "138******05", platform="youzan", kind="crm", value="单**|x|")
    every_view()
    assert tiers.recompute_tiers(store, TODAY).customers == 0


def test_an_excel_list_marks_customers_too(
    store: Store, shop: dict[str, int], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["昵称", "手机"])
    sheet.append(["乙**", "13800000002"])  # matched by name + phone
    sheet.append(["bee", None])  # matched by buyer id
    sheet.append([None, None])
    path = tmp_path / "群成员.xlsx"
    workbook.save(path)
    result = import_private_list(store, path, "group")
    assert (result.matched, result.already) == (1, 0)  # both lines name the same person
    assert result.unmatched == [(1, "昵称\t手机")]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(ValueError, match="not a readable Excel workbook"):
        import_private_list(store, broken, "group")
