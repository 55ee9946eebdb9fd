"""A/B experiments: define them (two or more variants of videos or plan items, a metric, the
planned size) and read their statistics (:mod:`app.analytics.abtest`).

A plan item counts through the video(s) it is linked to (``videos.plan_item_id``); a plan item
not yet published adds nothing until it is.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.db import Reader, Store
from app.models.experiments import EXPERIMENT_METRICS

if TYPE_CHECKING:
    from app.analytics.abtest import ExperimentResult

STATUSES = ("draft", "running", "finished")
VARIANT_KEYS = string.ascii_uppercase


class ExperimentError(ValueError):
    """An experiment that cannot be saved as it is; nothing was written.

    Attributes: field (``name``, ``metric``, ``variants`` …), message (for the shop owner),
    value (the offending value, if any).
    """

    def __init__(self, field: str, message: str, value: Any = None) -> None:
        super().__init__(f"{field}: {message}" + ("" if value is None else f" ({value!r})"))
        self.field = field
        self.message = message
        self.value = value


@dataclass(frozen=True)
class VariantSpec:
    """One variant: its key (A, B …), name and members."""

    key: str
    name: str
    video_ids: tuple[int, ...] = ()
    plan_item_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ExperimentSpec:
    """An experiment as the user defines it (``id`` None until saved)."""

    name: str
    metric: str
    variants: tuple[VariantSpec, ...]
    hypothesis: str = ""
    planned_sample_size: int | None = None
    power: float = 0.8
    min_effect: float | None = None
    confidence: float = 0.95
    status: str = "running"
    started_at: datetime | None = None
    ended_at: datetime | None = None
    id: int | None = None
    result: dict = field(default_factory=dict, compare=False)


def check_experiment(spec: ExperimentSpec) -> None:
    """Raise :class:`ExperimentError` for input that cannot be saved."""
    if not spec.name.strip():
        raise ExperimentError("name", "Give the experiment a name.")
    if spec.metric not in EXPERIMENT_METRICS:
        raise ExperimentError("metric", "Choose what the experiment measures.", spec.metric)
    if spec.status not in STATUSES:
        raise ExperimentError("status", "Unknown status.", spec.status)
    keys = [v.key for v in spec.variants]
    if len(keys) < 2:
        raise ExperimentError("variants", "An experiment needs at least two variants.")
    if keys != list(VARIANT_KEYS[: len(keys)]):
        raise ExperimentError("variants", "Variants are keyed A, B, C … in order.", keys)
    if any(not v.name.strip() for v in spec.variants):
        raise ExperimentError("variants", "Give every variant a name.")
    _check_disjoint(spec.variants)
    if spec.planned_sample_size is not None and spec.planned_sample_size < 1:
        raise ExperimentError(
            "planned_sample_size", "The planned size must be at least 1.", spec.planned_sample_size
        )
    for name, value in (("power", spec.power), ("confidence", spec.confidence)):
        if not 0 < value < 1:
            raise ExperimentError(name, "Must be between 0 and 1 (e.g. 0.8).", value)
    if spec.min_effect is not None and not 0 < spec.min_effect < 1:
        raise ExperimentError(
            "min_effect", "The smallest effect is a rate difference, e.g. 0.01.", spec.min_effect
        )
    if spec.started_at and spec.ended_at and spec.ended_at < spec.started_at:
        raise ExperimentError("ended_at", "The experiment cannot end before it starts.")


def _check_disjoint(variants: tuple[VariantSpec, ...]) -> None:
    for attribute, label in (("video_ids", "video"), ("plan_item_ids", "plan item")):
        owner: dict[int, str] = {}
        for variant in variants:
            for member in getattr(variant, attribute):
                if owner.setdefault(member, variant.key) != variant.key:
                    raise ExperimentError(
                        "variants",
                        f"A {label} can be in only one variant (it is in {owner[member]} "
                        f"and {variant.key}).",
                        member,
                    )


# --- Reading ------------------------------------------------------------------------------------

EXPERIMENTS_SQL = """
SELECT id, name, metric, hypothesis, planned_sample_size, power, min_effect, confidence, status,
       started_at, ended_at, result
FROM experiments ORDER BY created DESC, id DESC
"""


def list_experiments(reader: Reader) -> list[ExperimentSpec]:
    """Every experiment with its variants and members, newest first."""
    from app.services.tables import as_datetime

    names_of: dict[int, list[tuple[str, str]]] = {}
    for exp_id, key, name in reader.query(
        "SELECT experiment_id, key, name FROM experiment_variants ORDER BY experiment_id, key"
    )[1]:
        names_of.setdefault(int(exp_id), []).append((str(key), str(name)))
    members: dict[tuple[int, str], tuple[list[int], list[int]]] = {}
    for exp_id, key, video, item in reader.query(
        "SELECT experiment_id, variant, video_id, plan_item_id FROM experiment_members ORDER BY id"
    )[1]:
        videos, items = members.setdefault((int(exp_id), str(key)), ([], []))
        if video is not None:
            videos.append(int(video))
        if item is not None:
            items.append(int(item))
    out = []
    for row in reader.query(EXPERIMENTS_SQL)[1]:
        exp_id, name, metric, hypothesis, planned, power, effect, conf, status = row[:9]
        started, ended, result = row[9:]
        variants = tuple(
            VariantSpec(key, vname, *map(tuple, members.get((int(exp_id), key), ([], []))))
            for key, vname in names_of.get(int(exp_id), [])
        )
        out.append(
            ExperimentSpec(
                name=str(name),
                metric=str(metric),
                variants=variants,
                hypothesis=str(hypothesis or ""),
                planned_sample_size=None if planned is None else int(planned),
                power=float(power if power is not None else 0.8),
                min_effect=None if effect is None else float(effect),
                confidence=float(conf if conf is not None else 0.95),
                status=str(status),
                started_at=as_datetime(started),
                ended_at=as_datetime(ended),
                id=int(exp_id),
                result=_decoded(result),
            )
        )
    return out


def _decoded(text: str | None) -> dict:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def get_experiment(reader: Reader, experiment_id: int) -> ExperimentSpec | None:
    """One experiment, or None."""
    return next((e for e in list_experiments(reader) if e.id == experiment_id), None)


# --- Writing ------------------------------------------------------------------------------------


def save_experiment(store: Store, spec: ExperimentSpec) -> int:
    """Insert (``spec.id`` None) or replace an experiment with its variants and members."""
    from sqlalchemy import delete

    from app.models import Experiment, ExperimentMember, ExperimentVariant

    check_experiment(spec)
    with store.session_scope() as session:
        row = Experiment() if spec.id is None else session.get(Experiment, spec.id)
        if row is None:
            raise ExperimentError("id", "This experiment no longer exists.", spec.id)
        for name in ("name", "metric", "hypothesis", "planned_sample_size", "power"):
            setattr(row, name, getattr(spec, name))
        for name in ("min_effect", "confidence", "status", "started_at", "ended_at"):
            setattr(row, name, getattr(spec, name))
        row.name = spec.name.strip()
        row.variant_a, row.variant_b = spec.variants[0].name[:60], spec.variants[1].name[:60]
        session.add(row)
        session.flush()
        for model in (ExperimentVariant, ExperimentMember):
            session.execute(delete(model).where(model.experiment_id == row.id))
        for variant in spec.variants:
            session.add(ExperimentVariant(experiment_id=row.id, key=variant.key, name=variant.name))
            for video in dict.fromkeys(variant.video_ids):
                session.add(
                    ExperimentMember(experiment_id=row.id, variant=variant.key, video_id=video)
                )
            for item in dict.fromkeys(variant.plan_item_ids):
                session.add(
                    ExperimentMember(experiment_id=row.id, variant=variant.key, plan_item_id=item)
                )
        return int(row.id)


def delete_experiment(store: Store, experiment_id: int) -> bool:
    """Delete an experiment (its variants and members go with it); False when there was none."""
    from sqlalchemy import delete

    from app.models import Experiment, ExperimentMember, ExperimentVariant

    with store.session_scope() as session:
        for model in (ExperimentVariant, ExperimentMember):
            session.execute(delete(model).where(model.experiment_id == experiment_id))
        result = session.execute(delete(Experiment).where(Experiment.id == experiment_id))
        return bool(result.rowcount)


def set_status(store: Store, experiment_id: int, status: str) -> None:
    """Mark an experiment draft, running or finished (finishing stamps ``ended_at``)."""
    from app.models import Experiment

    if status not in STATUSES:
        raise ExperimentError("status", "Unknown status.", status)
    with store.session_scope() as session:
        row = session.get(Experiment, experiment_id)
        if row is None:
            raise ExperimentError("id", "This experiment no longer exists.", experiment_id)
        row.status = status
        if status == "finished" and row.ended_at is None:
            row.ended_at = datetime.now().replace(microsecond=0)


# --- Results ------------------------------------------------------------------------------------


def experiment_result(reader: Reader, experiment_id: int) -> ExperimentResult:
    """The statistics of an experiment as the store stands (see :mod:`app.analytics.abtest`)."""
    from app.services.experiment_data import result_of

    spec = get_experiment(reader, experiment_id)
    if spec is None:
        raise ExperimentError("id", "This experiment no longer exists.", experiment_id)
    return result_of(reader, spec)


def refresh_result(store: Store, experiment_id: int) -> ExperimentResult:
    """Compute the statistics and keep them in ``experiments.result`` (JSON)."""
    from app.models import Experiment

    reader = store.reader()
    try:
        result = experiment_result(reader, experiment_id)
    finally:
        reader.close()
    with store.session_scope() as session:
        row = session.get(Experiment, experiment_id)
        if row is not None:
            row.result = json.dumps(result.to_json(), ensure_ascii=False)
    return result
