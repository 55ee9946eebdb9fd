"""Needs insight: jieba words and phrases counted once per text, and a plan idea from one."""

from __future__ import annotations

from datetime import date

from app.analytics.needs import terms_of, top_terms
from app.db import Store
from app.services import retention
from tests.conftest import TODAY
from tests.query import fetch, scalar


def test_terms_are_words_and_adjacent_phrases() -> None:
    terms = terms_of("这个被子洗了起球，尺码偏小")
    assert {"被子", "起球", "尺码", "偏小", "尺码偏小"} <= terms
    assert "这个" not in terms  # a stop word
    assert "，" not in terms
    happy = terms_of("洗过之后不掉色不起球")
    assert {"不掉色", "不起球"} <= happy
    assert "起球" not in happy


def test_top_terms_count_texts_and_prefer_the_phrase() -> None:
    texts = [
        "尺码偏小，建议拍大一码",
        "尺码偏小了",
        "尺码偏小尺码偏小",  # said twice, counted once
        "颜色好看",
        "颜色好看，就是有点薄",
    ]
    terms = {t.term: t for t in top_terms(texts, limit=10)}
    assert terms["尺码偏小"].mentions == 3
    assert "尺码" not in terms  # only ever inside 尺码偏小
    assert "偏小" not in terms
    assert terms["颜色好看"].mentions == 2
    assert terms["尺码偏小"].examples == (
        "尺码偏小，建议拍大一码",
        "尺码偏小了",
        "尺码偏小尺码偏小",
    )
    assert [t.term for t in top_terms(texts, limit=1)] == ["尺码偏小"]


def test_needs_on_the_demo_and_one_click_idea(demo_store: Store) -> None:
    reader = demo_store.reader()
    products = retention.reviewed_products(reader)
    frame = retention.needs_insight(reader, date(2026, 9, 1), TODAY)
    key = products[0][0]
    per_product = retention.needs_insight(reader, date(2026, 9, 1), TODAY, key, ("review",))
    complaints = retention.needs_insight(reader, date(2026, 9, 1), TODAY, complaints_only=True)
    reader.close()
    assert len(frame) > 5
    assert frame["mentions"].is_monotonic_decreasing
    top = frame.iloc[0]
    assert top["term"] in top["examples"]
    assert not per_product.empty
    assert any("起球" in term for term in complaints["term"])
    assert complaints["mentions"].sum() < frame["mentions"].sum()
    item_id = retention.idea_from_term(demo_store, top["term"], top["examples"], key)
    ((title, status, product_id),) = fetch(
        demo_store,
        "SELECT title, status, product_id FROM plan_items WHERE id = :id",
        {"id": item_id},
    )
    expected_product = scalar(
        demo_store, "SELECT id FROM products WHERE product_key = :key", {"key": key}
    )
    assert top["term"] in title
    assert status == "idea"
    assert product_id == expected_product
