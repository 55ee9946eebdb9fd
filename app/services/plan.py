"""The content plan: pillars, personas, structure templates and plan items, read and written.

Reads go through the :class:`~app.db.Reader` protocol with portable SQL (stdlib ``sqlite3`` on
the start-up path, SQLAlchemy for a server store); writes open one ``store.session_scope()``
each. This module imports neither SQLAlchemy nor pandas at module level: the content tab is the
first tab and builds before the heavy modules load. What the owner learns from the data
(matching, best posting time, leaderboards, planned vs actual, the Excel export) lives in
:mod:`app.services.plan_insights`, over the pure functions of :mod:`app.analytics.content`.

Bad input raises :class:`PlanError` naming the field, before anything is written: the store is
left unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.config import PLATFORMS
from app.db import Reader
from app.services import edits
from app.services.plan_templates import BUILTIN_TEMPLATES
from app.services.tables import as_datetime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.db import Store

# Copies of app.models.content's tuples (importing the models would load SQLAlchemy at start-up);
# a test keeps them equal.
PLAN_STATUSES = ("idea", "scripted", "shot", "edited", "scheduled", "published")
PLAN_KINDS = ("original", "challenge", "duet")
DEFAULT_PILLAR_COLOR = "#4e79a7"
MAX_TITLE = 200
MAX_NAME = 60
MAX_AB_GROUP = 20
MAX_LENGTH_S = 3 * 3600
COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")


class PlanError(ValueError):
    """Input that cannot be saved as it is; nothing was written.

    Attributes:
        field: the field at fault (``title``, ``status``, ``platforms``, ``id`` …).
        message: what is wrong, in words for the shop owner. The messages are fixed texts (the
            :data:`PLAN_ERROR_MESSAGES`), so the views can translate them.
        value: the offending value, if any.
    """

    def __init__(self, field: str, message: str, value: Any = None) -> None:
        super().__init__(f"{field}: {message}" + ("" if value is None else f" ({value!r})"))
        self.field = field
        self.message = message
        self.value = value


# Every message PlanError carries, word for word (the views translate these).
MSG_TITLE_REQUIRED = "A plan item needs a title."
MSG_TITLE_TOO_LONG = "The title is longer than 200 characters."
MSG_UNKNOWN_STATUS = "Unknown production stage."
MSG_UNKNOWN_KIND = "Unknown content type (original, challenge or duet)."
MSG_UNKNOWN_PLATFORM = "Unknown platform."
MSG_LENGTH_NOT_POSITIVE = "The target length must be a positive number of seconds."
MSG_LENGTH_TOO_LONG = "The target length is longer than three hours."
MSG_AB_GROUP_TOO_LONG = "The A/B group label is longer than 20 characters."
MSG_SCHEDULED_NEEDS_TIME = "A scheduled item needs a planned publish time."
MSG_NOT_FOUND = "This no longer exists; reload the plan."
MSG_NAME_REQUIRED = "A name is required."
MSG_NAME_TOO_LONG = "The name is longer than 60 characters."
MSG_NAME_TAKEN = "Another entry already has this name."
MSG_BAD_COLOR = "A colour looks like #4e79a7."
MSG_STEPS_REQUIRED = "A template needs at least one step."
MSG_DURATION_NOT_POSITIVE = "The suggested length must be a positive number of seconds."
MSG_NOT_A_VIDEO = "This video is not in the store; reload the plan."
PLAN_ERROR_MESSAGES = (
    MSG_TITLE_REQUIRED,
    MSG_TITLE_TOO_LONG,
    MSG_UNKNOWN_STATUS,
    MSG_UNKNOWN_KIND,
    MSG_UNKNOWN_PLATFORM,
    MSG_LENGTH_NOT_POSITIVE,
    MSG_LENGTH_TOO_LONG,
    MSG_AB_GROUP_TOO_LONG,
    MSG_SCHEDULED_NEEDS_TIME,
    MSG_NOT_FOUND,
    MSG_NAME_REQUIRED,
    MSG_NAME_TOO_LONG,
    MSG_NAME_TAKEN,
    MSG_BAD_COLOR,
    MSG_STEPS_REQUIRED,
    MSG_DURATION_NOT_POSITIVE,
    MSG_NOT_A_VIDEO,
)


# --- Rows that cross into the views ---------------------------------------------------------


@dataclass(frozen=True)
class PillarRow:
    """A content pillar (a theme the shop keeps posting about); ``id`` None for a new one."""

    id: int | None = None
    name: str = ""
    description: str = ""
    color: str = DEFAULT_PILLAR_COLOR
    differentiation: str = ""


@dataclass(frozen=True)
class PersonaRow:
    """A target audience; ``id`` None for a new one."""

    id: int | None = None
    name: str = ""
    age_band: str = ""
    region: str = ""
    interests: str = ""
    gender_mix: str = ""
    pain_points: str = ""
    notes: str = ""


@dataclass(frozen=True)
class TemplateRow:
    """A video structure: ordered steps (``名称：说明``) and a suggested length in seconds."""

    id: int | None = None
    name: str = ""
    steps: tuple[str, ...] = ()
    duration_s: int | None = None
    notes: str = ""

    @property
    def builtin(self) -> bool:
        """True for one of ShopReel's built-in structures (by name; it may have been edited)."""
        return self.name in BUILTIN_TEMPLATE_NAMES


@dataclass(frozen=True)
class PlanItemRow:
    """One planned video. ``id`` None for a new one.

    ``video_ids`` (the linked videos) and ``views`` (their current views summed, None when no
    linked video has any) are read only: links change through :func:`link_video` and
    :func:`unlink_video`, and :func:`save_plan_item` ignores both.
    """

    id: int | None = None
    title: str = ""
    kind: str = "original"
    pillar_id: int | None = None
    persona_id: int | None = None
    template_id: int | None = None
    hook: str = ""
    outline: str = ""
    platforms: tuple[str, ...] = ()
    product_id: int | None = None
    status: str = "idea"
    planned_at: datetime | None = None
    ab_group: str = ""
    target_length_s: int | None = None
    notes: str = ""
    created: datetime | None = None
    video_ids: tuple[int, ...] = field(default=(), compare=False)
    views: int | None = field(default=None, compare=False)
    # The row version the item was read at (None: not read, no check) and its last hand edit.
    version: int | None = field(default=None, compare=False)
    changed_by: str = field(default="", compare=False)
    changed_at: datetime | None = field(default=None, compare=False)

    def is_overdue(self, now: datetime) -> bool:
        """Planned before ``now`` and still not published."""
        return self.status != "published" and self.planned_at is not None and self.planned_at < now


@dataclass(frozen=True)
class ProductRow:
    """A product the plan can sell (for the plan item's product picker)."""

    id: int
    platform: str
    name: str
    sku: str = ""


@dataclass(frozen=True)
class VideoRow:
    """A published video, for linking and relinking it to a plan item."""

    id: int
    platform: str
    title: str
    published_at: datetime | None
    plan_item_id: int | None
    views: int | None


# --- Built-in structures ----------------------------------------------------------------------

BUILTIN_TEMPLATE_NAMES = tuple(t[0] for t in BUILTIN_TEMPLATES)


def builtin_templates() -> list[TemplateRow]:
    """The built-in structures as rows (no ids)."""
    return [
        TemplateRow(None, name, steps, length, notes)
        for name, steps, length, notes in BUILTIN_TEMPLATES
    ]


def ensure_builtin_templates(store: Store) -> int:
    """Add every built-in structure whose name the store does not hold; return how many.

    Idempotent: a second call adds nothing, and a built-in the owner edited (same name) is left
    as it is. The demo shop is built with them; the content tab calls this on its first load.
    """
    from sqlalchemy import select

    from app.models import Template

    with store.session_scope() as session:
        held = set(session.scalars(select(Template.name)))
        missing = [t for t in builtin_templates() if t.name not in held]
        for row in missing:
            session.add(
                Template(
                    name=row.name,
                    steps="\n".join(row.steps),
                    duration_s=row.duration_s,
                    notes=row.notes,
                )
            )
    return len(missing)


# --- Reading --------------------------------------------------------------------------------

PILLARS_SQL = (
    "SELECT id, name, description, color, differentiation FROM content_pillars ORDER BY id"
)
PERSONAS_SQL = (
    "SELECT id, name, age_band, region, interests, gender_mix, pain_points, notes "
    "FROM personas ORDER BY id"
)
TEMPLATES_SQL = "SELECT id, name, steps, duration_s, notes FROM templates ORDER BY id"
PLAN_ITEMS_SQL = """
SELECT id, title, kind, pillar_id, persona_id, template_id, hook, outline, platforms, product_id,
       status, planned_at, ab_group, target_length_s, notes, created, version, changed_by,
       changed_at
FROM plan_items
ORDER BY planned_at, id
"""
LINKED_VIDEOS_SQL = """
SELECT v.plan_item_id, v.id, s.views
FROM videos v
LEFT JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
WHERE v.plan_item_id IS NOT NULL
ORDER BY v.plan_item_id, v.id
"""
PRODUCTS_SQL = "SELECT id, platform, name, sku FROM products ORDER BY platform, name, id"
VIDEOS_SQL = """
SELECT v.id, v.platform, v.title, v.published_at, v.plan_item_id, s.views
FROM videos v
LEFT JOIN video_snapshots s ON s.id = (
    SELECT s2.id FROM video_snapshots s2 WHERE s2.video_id = v.id
    ORDER BY s2.snapshot_at DESC, s2.id DESC LIMIT 1)
ORDER BY v.published_at DESC, v.id
"""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def list_pillars(reader: Reader) -> list[PillarRow]:
    """Every content pillar, in the order they were made."""
    return [
        PillarRow(i, _text(n), _text(d), _text(c) or DEFAULT_PILLAR_COLOR, _text(x))
        for i, n, d, c, x in reader.query(PILLARS_SQL)[1]
    ]


def list_personas(reader: Reader) -> list[PersonaRow]:
    """Every target persona, in the order they were made."""
    return [PersonaRow(r[0], *(_text(v) for v in r[1:])) for r in reader.query(PERSONAS_SQL)[1]]


def list_templates(reader: Reader) -> list[TemplateRow]:
    """Every structure template, in the order they were made."""
    return [
        TemplateRow(i, _text(n), split_steps(s), d, _text(notes))
        for i, n, s, d, notes in reader.query(TEMPLATES_SQL)[1]
    ]


def split_steps(text: str | None) -> tuple[str, ...]:
    """The non-empty lines of a template's or outline's text, stripped."""
    return tuple(line.strip() for line in _text(text).splitlines() if line.strip())


def split_platforms(text: str | None) -> tuple[str, ...]:
    """A comma-separated platform list as a tuple (empty parts dropped)."""
    return tuple(p.strip() for p in _text(text).split(",") if p.strip())


def list_plan_items(
    reader: Reader, start: date | None = None, end: date | None = None
) -> list[PlanItemRow]:
    """Plan items ordered by planned time (undated ideas last), with their linked videos.

    With ``start`` and/or ``end`` (both inclusive days) only items planned on those days come
    back, so items without a planned time are left out; without either, every item does.
    """
    linked: dict[int, list[tuple[int, int | None]]] = {}
    for item_id, video_id, views in reader.query(LINKED_VIDEOS_SQL)[1]:
        linked.setdefault(item_id, []).append((video_id, views))
    items = [_plan_item(r, linked) for r in reader.query(PLAN_ITEMS_SQL)[1]]
    if start is not None or end is not None:
        items = [i for i in items if _within(i.planned_at, start, end)]
    return sorted(items, key=lambda i: (i.planned_at is None, i.planned_at or datetime.min, i.id))


def _plan_item(
    row: tuple[Any, ...], linked: dict[int, list[tuple[int, int | None]]]
) -> PlanItemRow:
    (item_id, title, kind, pillar, persona, template, hook, outline, platforms, product) = row[:10]
    status, planned_at, ab_group, length, notes, created, version, changed_by, changed_at = row[10:]
    videos = linked.get(item_id, [])
    known_views = any(n is not None for _, n in videos)
    return PlanItemRow(
        id=item_id,
        title=_text(title),
        kind=_text(kind) or "original",
        pillar_id=pillar,
        persona_id=persona,
        template_id=template,
        hook=_text(hook),
        outline=_text(outline),
        platforms=split_platforms(platforms),
        product_id=product,
        status=_text(status) or "idea",
        planned_at=as_datetime(planned_at),
        ab_group=_text(ab_group),
        target_length_s=length,
        notes=_text(notes),
        created=as_datetime(created),
        video_ids=tuple(v for v, _ in videos),
        views=sum(n for _, n in videos if n is not None) if known_views else None,
        version=int(version or 1),
        changed_by=_text(changed_by),
        changed_at=as_datetime(changed_at),
    )


def _within(moment: datetime | None, start: date | None, end: date | None) -> bool:
    if moment is None:
        return False
    day = moment.date()
    return (start is None or day >= start) and (end is None or day <= end)


def get_plan_item(reader: Reader, item_id: int) -> PlanItemRow | None:
    """One plan item by id, or None when it is gone."""
    return next((i for i in list_plan_items(reader) if i.id == item_id), None)


def list_products(reader: Reader) -> list[ProductRow]:
    """The shop's products (a plan item's "product to sell")."""
    return [
        ProductRow(i, _text(p), _text(n), _text(s)) for i, p, n, s in reader.query(PRODUCTS_SQL)[1]
    ]


def list_videos(
    reader: Reader, start: date | None = None, end: date | None = None
) -> list[VideoRow]:
    """Published videos (newest first) with their current views and plan item, if linked;
    ``start``/``end`` are inclusive publish days."""
    rows = [
        VideoRow(i, _text(p), _text(t), as_datetime(at), item, views)
        for i, p, t, at, item, views in reader.query(VIDEOS_SQL)[1]
    ]
    if start is None and end is None:
        return rows
    return [v for v in rows if _within(v.published_at, start, end)]


# --- Validation -----------------------------------------------------------------------------


def clean_plan_item(row: PlanItemRow) -> PlanItemRow:
    """``row`` with its text trimmed and platforms in canonical order; raise :class:`PlanError`
    naming the first field that cannot be saved."""
    title = row.title.strip()
    if not title:
        raise PlanError("title", MSG_TITLE_REQUIRED)
    if len(title) > MAX_TITLE:
        raise PlanError("title", MSG_TITLE_TOO_LONG)
    if row.status not in PLAN_STATUSES:
        raise PlanError("status", MSG_UNKNOWN_STATUS, row.status)
    if row.kind not in PLAN_KINDS:
        raise PlanError("kind", MSG_UNKNOWN_KIND, row.kind)
    unknown = [p for p in row.platforms if p not in PLATFORMS]
    if unknown:
        raise PlanError("platforms", MSG_UNKNOWN_PLATFORM, unknown[0])
    _check_seconds("target_length_s", row.target_length_s, MSG_LENGTH_NOT_POSITIVE)
    if len(row.ab_group.strip()) > MAX_AB_GROUP:
        raise PlanError("ab_group", MSG_AB_GROUP_TOO_LONG)
    if row.status == "scheduled" and row.planned_at is None:
        raise PlanError("planned_at", MSG_SCHEDULED_NEEDS_TIME)
    return replace(
        row,
        title=title,
        hook=row.hook.strip(),
        outline=row.outline.strip(),
        platforms=tuple(p for p in PLATFORMS if p in row.platforms),
        ab_group=row.ab_group.strip(),
        notes=row.notes.strip(),
        planned_at=row.planned_at.replace(microsecond=0) if row.planned_at else None,
    )


def _check_seconds(name: str, value: Any, message: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise PlanError(name, message, value)
    if value > MAX_LENGTH_S:
        raise PlanError(name, MSG_LENGTH_TOO_LONG, value)


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise PlanError("name", MSG_NAME_REQUIRED)
    if len(cleaned) > MAX_NAME:
        raise PlanError("name", MSG_NAME_TOO_LONG)
    return cleaned


def _check_unique_name(session: Session, model: Any, name: str, own_id: int | None) -> None:
    from sqlalchemy import func, select

    clash = session.scalar(
        select(model.id).where(func.lower(model.name) == name.lower(), model.id != (own_id or 0))
    )
    if clash is not None:
        raise PlanError("name", MSG_NAME_TAKEN, name)


def _existing(session: Session, model: Any, row_id: int | None, field_name: str = "id") -> Any:
    """The ORM row ``row_id`` (a new one when None); PlanError when it is gone."""
    if row_id is None:
        return model()
    found = session.get(model, row_id)
    if found is None:
        raise PlanError(field_name, MSG_NOT_FOUND, row_id)
    return found


def _check_references(session: Session, row: PlanItemRow) -> None:
    from app.models import ContentPillar, Persona, Product, Template

    references = (
        ("pillar_id", ContentPillar, row.pillar_id),
        ("persona_id", Persona, row.persona_id),
        ("template_id", Template, row.template_id),
        ("product_id", Product, row.product_id),
    )
    for name, model, ref in references:
        if ref is not None and session.get(model, ref) is None:
            raise PlanError(name, MSG_NOT_FOUND, ref)


# --- Writing: positioning -------------------------------------------------------------------


def save_pillar(store: Store, row: PillarRow) -> int:
    """Insert (``id`` None) or update a pillar; return its id."""
    from app.models import ContentPillar

    name = _check_name(row.name)
    color = row.color.strip() or DEFAULT_PILLAR_COLOR
    if not COLOR_RE.fullmatch(color):
        raise PlanError("color", MSG_BAD_COLOR, row.color)
    values = {
        "name": name,
        "description": row.description.strip(),
        "color": color.lower(),
        "differentiation": row.differentiation.strip(),
    }
    with store.session_scope() as session:
        _check_unique_name(session, ContentPillar, name, row.id)
        return _save_logged(session, store, ContentPillar, row.id, values)


def delete_pillar(store: Store, pillar_id: int) -> None:
    """Delete a pillar; its plan items and videos keep existing, without a pillar."""
    _delete(store, "ContentPillar", pillar_id)


def save_persona(store: Store, row: PersonaRow) -> int:
    """Insert (``id`` None) or update a persona; return its id."""
    from app.models import Persona

    name = _check_name(row.name)
    values = {"name": name}
    for attr in ("age_band", "region", "interests", "gender_mix", "pain_points", "notes"):
        values[attr] = getattr(row, attr).strip()
    with store.session_scope() as session:
        _check_unique_name(session, Persona, name, row.id)
        return _save_logged(session, store, Persona, row.id, values)


def delete_persona(store: Store, persona_id: int) -> None:
    """Delete a persona; its plan items keep existing, without a persona."""
    _delete(store, "Persona", persona_id)


def save_template(store: Store, row: TemplateRow) -> int:
    """Insert (``id`` None) or update a structure template; return its id."""
    from app.models import Template

    name = _check_name(row.name)
    steps = tuple(s.strip() for s in row.steps if s.strip())
    if not steps:
        raise PlanError("steps", MSG_STEPS_REQUIRED)
    _check_seconds("duration_s", row.duration_s, MSG_DURATION_NOT_POSITIVE)
    values = {
        "name": name,
        "steps": "\n".join(steps),
        "duration_s": row.duration_s,
        "notes": row.notes.strip(),
    }
    with store.session_scope() as session:
        _check_unique_name(session, Template, name, row.id)
        return _save_logged(session, store, Template, row.id, values)


def delete_template(store: Store, template_id: int) -> None:
    """Delete a template; plan items and videos made with it keep their outline, not the link."""
    _delete(store, "Template", template_id)


def _save_logged(
    session: Session, store: Store, model: Any, row_id: int | None, values: dict[str, Any]
) -> int:
    """Insert or update a pillar, persona or template (no versions) and log what changed."""
    row = _existing(session, model, row_id)
    before = {name: getattr(row, name) for name in values} if row_id is not None else {}
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)
    session.flush()
    table = model.__tablename__
    if row_id is None:
        fields = edits.row_fields(values)
        edits.log_change(session, store.user_name, table, row.id, "create", row.name, fields)
    elif changed := edits.changed_fields(before, values):
        edits.log_change(session, store.user_name, table, row.id, "update", row.name, changed)
    return int(row.id)


def _delete(store: Store, model_name: str, row_id: int) -> None:
    import app.models

    model = getattr(app.models, model_name)
    with store.session_scope() as session:
        row = _existing(session, model, row_id)
        values = {c.name: getattr(row, c.name) for c in model.__table__.columns}
        label = str(values.get("name") or values.get("title") or "")
        session.delete(row)
        fields = edits.row_fields(values)
        edits.log_change(
            session, store.user_name, model.__tablename__, row_id, "delete", label, fields
        )


# --- Writing: plan items --------------------------------------------------------------------


def new_plan_item_from_template(template: TemplateRow, **fields: Any) -> PlanItemRow:
    """A new (unsaved) plan item built on ``template``: its steps become the script outline,
    its suggested length the target length; ``fields`` set the rest (title, pillar_id …)."""
    defaults: dict[str, Any] = {
        "template_id": template.id,
        "outline": "\n".join(template.steps),
        "target_length_s": template.duration_s,
    }
    if template.name in ("挑战赛/合拍",) and "kind" not in fields:
        defaults["kind"] = "challenge"
    return PlanItemRow(**{**defaults, **fields})


ITEM_FIELDS = (
    "title",
    "kind",
    "pillar_id",
    "persona_id",
    "template_id",
    "hook",
    "outline",
    "product_id",
    "status",
    "planned_at",
    "ab_group",
    "target_length_s",
    "notes",
)


def save_plan_item(store: Store, row: PlanItemRow) -> int:
    """Insert (``id`` None) or update a plan item; return its id. Links to videos are kept.

    An update is written only while the item still has ``row.version`` (the one it was read
    at; None skips the check).

    Raises:
        PlanError: a field cannot be saved as it is.
        ConcurrentEditError: someone else changed (or deleted) the item since it was read.
    """
    from app.models import PlanItem

    clean = clean_plan_item(row)
    values: dict[str, Any] = {attr: getattr(clean, attr) for attr in ITEM_FIELDS}
    values["platforms"] = ",".join(clean.platforms)
    with store.session_scope() as session:
        _check_references(session, clean)
        if clean.id is None:
            item = PlanItem(**values, changed_by=store.user_name, changed_at=edits.now())
            session.add(item)
            session.flush()
            fields = edits.row_fields(values)
            edits.log_change(
                session, store.user_name, "plan_items", item.id, "create", clean.title, fields
            )
            return int(item.id)
        _update_item(session, store, clean.id, clean.version, values, "update")
        return clean.id


def _update_item(  # noqa: PLR0913
    session: Session,
    store: Store,
    item_id: int,
    version: int | None,
    values: dict[str, Any],
    action: str,
) -> None:
    """Write a versioned edit of one item and log it (see :func:`edits.update_versioned`)."""
    from app.models import PlanItem

    if version is None:
        _existing(session, PlanItem, item_id)  # the PlanError of an unchecked edit
    fields = edits.update_versioned(
        session, "plan_items", item_id, version, values, store.user_name
    )
    if fields:
        title = edits.row_label(session, "plan_items", item_id, "title")
        edits.log_change(session, store.user_name, "plan_items", item_id, action, title, fields)


def move_plan_item(
    store: Store, item_id: int, planned_at: datetime, version: int | None = None
) -> None:
    """Reschedule an item (a calendar drag); its stage stays as it was.

    ``version``: the one the item was read at (ConcurrentEditError when it moved on).
    """
    with store.session_scope() as session:
        values = {"planned_at": planned_at.replace(microsecond=0)}
        _update_item(session, store, item_id, version, values, "move")


def set_status(store: Store, item_id: int, status: str, version: int | None = None) -> None:
    """Move an item to another production stage (a board drag); ``version`` as for a move."""
    from app.models import PlanItem

    if status not in PLAN_STATUSES:
        raise PlanError("status", MSG_UNKNOWN_STATUS, status)
    with store.session_scope() as session:
        if version is None:
            _existing(session, PlanItem, item_id)
        item = session.get(PlanItem, item_id)
        if item is not None and status == "scheduled" and item.planned_at is None:
            raise PlanError("planned_at", MSG_SCHEDULED_NEEDS_TIME)
        _update_item(session, store, item_id, version, {"status": status}, "status")


def delete_plan_item(store: Store, item_id: int, version: int | None = None) -> None:
    """Delete a plan item; its videos stay, unlinked. ``version`` as for a move."""
    from app.models import PlanItem

    with store.session_scope() as session:
        if version is None:
            _existing(session, PlanItem, item_id)
        edits.check_version(session, "plan_items", item_id, version)
        item = session.get(PlanItem, item_id)
        values = {c.name: getattr(item, c.name) for c in PlanItem.__table__.columns}
        session.delete(item)
        fields = edits.row_fields(values)
        edits.log_change(
            session, store.user_name, "plan_items", item_id, "delete", item.title, fields
        )


# --- Linking videos -------------------------------------------------------------------------


def link_video(store: Store, video_id: int, item_id: int) -> None:
    """Link a published video to a plan item (confirm a match, or relink).

    The video leaves any item it was linked to before; it takes the item's pillar and template
    when it has none of its own; the item becomes published.
    """
    from app.models import PlanItem, Video

    with store.session_scope() as session:
        video = session.get(Video, video_id)
        if video is None:
            raise PlanError("video_id", MSG_NOT_A_VIDEO, video_id)
        item = _existing(session, PlanItem, item_id, "item_id")
        previous = video.plan_item_id
        video.plan_item_id = item.id
        if video.pillar_id is None:
            video.pillar_id = item.pillar_id
        if video.template_id is None:
            video.template_id = item.template_id
        session.flush()
        _update_item(session, store, item.id, None, {"status": "published"}, "link")
        if previous is not None and previous != item_id:
            _unpublish_if_orphaned(session, store, previous)


def unlink_video(store: Store, video_id: int) -> None:
    """Take a video off its plan item. An item left with no video goes back to scheduled (the
    video's pillar and template stay: the owner may have set them on purpose)."""
    from app.models import Video

    with store.session_scope() as session:
        video = session.get(Video, video_id)
        if video is None:
            raise PlanError("video_id", MSG_NOT_A_VIDEO, video_id)
        previous = video.plan_item_id
        video.plan_item_id = None
        session.flush()
        if previous is not None:
            _unpublish_if_orphaned(session, store, previous)


def _unpublish_if_orphaned(session: Session, store: Store, item_id: int) -> None:
    from sqlalchemy import func, select

    from app.models import PlanItem, Video

    left = session.scalar(select(func.count()).where(Video.plan_item_id == item_id))
    item = session.get(PlanItem, item_id)
    if item is not None and not left and item.status == "published":
        status = "scheduled" if item.planned_at is not None else "edited"
        _update_item(session, store, item_id, None, {"status": status}, "unlink")


# --- Small helpers the views share ------------------------------------------------------------


def overdue_items(items: Iterable[PlanItemRow], now: datetime) -> list[PlanItemRow]:
    """The items planned before ``now`` that are still not published."""
    return [i for i in items if i.is_overdue(now)]


# --- What the plan learns from the data (pandas; loaded on first use) ------------------------

_INSIGHTS = frozenset(
    {
        "MatchSuggestion",
        "match_suggestions",
        "planned_vs_actual",
        "posting_heatmap",
        "leaderboard",
        "fission_comparison",
        "export_plan",
        "formula_safe",
        "video_frame",
        "EXPORT_FIELDS",
    }
)
_ANALYTICS = frozenset({"Heatmap", "Slot", "best_slots"})


def __getattr__(name: str) -> Any:
    """``plan.match_suggestions`` and the other readers of :mod:`app.services.plan_insights`
    (and ``plan.best_slots`` / ``Heatmap`` / ``Slot``), imported only when first used so that
    pandas stays off the start-up path."""
    if name in _INSIGHTS:
        from app.services import plan_insights

        return getattr(plan_insights, name)
    if name in _ANALYTICS:
        from app.analytics import content

        return getattr(content, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
