"""Defining A/B experiments and reading their results from the store."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from app.analytics import abtest
from app.db import Store
from app.services.experiments import (
    ExperimentError,
    ExperimentSpec,
    VariantSpec,
    delete_experiment,
    experiment_result,
    get_experiment,
    list_experiments,
    refresh_result,
    save_experiment,
    set_status,
)


def _spec(**changes: object) -> ExperimentSpec:
    base = ExperimentSpec(
        name="两个开头",
        metric="completion_rate",
        variants=(
            VariantSpec("A", "痛点开头", (1, 2)),
            VariantSpec("B", "结果开头", (3,), (7,)),
            VariantSpec("C", "提问开头"),
        ),
        planned_sample_size=5000,
        min_effect=0.02,
        started_at=datetime(2026, 11, 1),
    )
    return ExperimentSpec(**{**base.__dict__, **changes})


def _videos(store: Store, count: int) -> list[int]:
    from app.models import Video

    with store.session_scope() as session:
        rows = [Video(platform="douyin", video_key=f"v{i}", title=f"v{i}") for i in range(count)]
        session.add_all(rows)
        session.flush()
        return [v.id for v in rows]


def test_save_list_update_and_delete(store: Store) -> None:
    from app.models import PlanItem

    _videos(store, 3)
    with store.session_scope() as session:
        session.add(PlanItem(id=7, title="计划"))
    new_id = save_experiment(store, _spec())
    reader = store.reader()
    saved = get_experiment(reader, new_id)
    assert saved == _spec(id=new_id)
    assert [v.plan_item_ids for v in saved.variants] == [(), (7,), ()]
    save_experiment(store, _spec(id=new_id, name="改名", variants=_spec().variants[:2]))
    assert [(e.name, len(e.variants)) for e in list_experiments(reader)] == [("改名", 2)]
    set_status(store, new_id, "finished")
    assert get_experiment(reader, new_id).ended_at is not None
    assert delete_experiment(store, new_id)
    assert not delete_experiment(store, new_id)
    assert list_experiments(reader) == []
    reader.close()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": " "}, "name"),
        ({"metric": "watch_time"}, "metric"),
        ({"status": "paused"}, "status"),
        ({"variants": (VariantSpec("A", "a"),)}, "variants"),
        ({"variants": (VariantSpec("A", "a"), VariantSpec("C", "c"))}, "variants"),
        ({"variants": (VariantSpec("A", "a", (1,)), VariantSpec("B", "b", (1,)))}, "variants"),
        ({"variants": (VariantSpec("A", "a"), VariantSpec("B", ""))}, "variants"),
        ({"planned_sample_size": 0}, "planned_sample_size"),
        ({"power": 1.0}, "power"),
        ({"confidence": 0}, "confidence"),
        ({"min_effect": 1.5}, "min_effect"),
        ({"ended_at": datetime(2026, 10, 1)}, "ended_at"),
        ({"id": 999}, "id"),
    ],
)
def test_bad_experiments_are_refused(store: Store, changes: dict, field: str) -> None:
    _videos(store, 3)
    with pytest.raises(ExperimentError) as error:
        save_experiment(store, _spec(**{"variants": _spec().variants[:2], **changes}))
    assert error.value.field == field
    reader = store.reader()
    assert list_experiments(reader) == []
    reader.close()


def test_demo_experiment_reproduces_its_stored_result(demo_store: Store) -> None:
    reader = demo_store.reader()
    first = next(e for e in list_experiments(reader) if e.metric == "interaction_rate")
    result = experiment_result(reader, first.id)
    reader.close()
    stored = first.result  # computed by the demo builder, independently of abtest
    a, b = result.variants
    assert (a.counts.trials, b.counts.trials) == (stored["n_a"], stored["n_b"])
    assert (a.counts.videos, b.counts.videos) == (stored["videos_a"], stored["videos_b"])
    assert round(a.rate, 5) == stored["rate_a"]
    assert round(b.rate, 5) == stored["rate_b"]
    assert round(b.vs_a.difference, 5) == stored["diff"]
    assert (round(b.vs_a.ci_low, 5), round(b.vs_a.ci_high, 5)) == (
        stored["ci_low"],
        stored["ci_high"],
    )
    assert round(b.vs_a.z, 3) == stored["z"]
    assert b.vs_a.significant


def test_refresh_stores_the_result_as_json(demo_store: Store) -> None:
    reader = demo_store.reader()
    running = next(e for e in list_experiments(reader) if e.status == "running")
    result = refresh_result(demo_store, running.id)
    stored = get_experiment(reader, running.id).result
    reader.close()
    assert stored == json.loads(json.dumps(result.to_json()))
    assert stored["metric"] == "completion_rate"
    assert [v["key"] for v in stored["variants"]] == ["A", "B"]


def test_plan_items_count_through_their_video(demo_store: Store) -> None:
    from sqlalchemy import select

    from app.models import PlanItem, Video

    reader = demo_store.reader()
    used = {v for e in list_experiments(reader) for s in e.variants for v in s.video_ids}
    with demo_store.session_scope() as session:
        free = [
            v
            for v in session.scalars(
                select(Video).where(Video.platform == "douyin").order_by(Video.id)
            )
            if v.id not in used
        ][:2]
        item = PlanItem(title="挂车视频")
        session.add(item)
        session.flush()
        free[1].plan_item_id = item.id
        ids, item_id = [v.id for v in free], item.id
    by_video = save_experiment(
        demo_store,
        ExperimentSpec(
            "by video",
            "orders_per_view",
            (VariantSpec("A", "a", (ids[0],)), VariantSpec("B", "b", (ids[1],))),
        ),
    )
    by_item = save_experiment(
        demo_store,
        ExperimentSpec(
            "by item",
            "orders_per_view",
            (VariantSpec("A", "a", (ids[0],)), VariantSpec("B", "b", (), (item_id,))),
        ),
    )
    direct = experiment_result(reader, by_video)
    through_item = experiment_result(reader, by_item)
    reader.close()
    assert through_item.variants[1].counts == direct.variants[1].counts
    assert direct.variants[1].counts.videos == 1
    assert direct.unavailable is None  # douyin orders name their videos in the demo shop


def test_click_rate_on_the_demo_says_no_export_gives_clicks(demo_store: Store) -> None:
    reader = demo_store.reader()
    first = list_experiments(reader)[0]
    experiment_id = save_experiment(
        demo_store, ExperimentSpec("clicks", "click_rate", first.variants)
    )
    result = experiment_result(reader, experiment_id)
    reader.close()
    assert result.unavailable == abtest.NO_CLICKS
