"""Import files into the store: one transaction per file, recorded, repeatable, undoable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db import Store
from app.importers.errors import ImportFileError
from app.services.import_lock import import_lock
from app.services.mappings import template_kinds
from app.services.progress import Cancelled, NullProgress, Progress, check_cancelled

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.importers.kinds import ExportKind
    from app.importers.normalise import ParsedFile
    from app.importers.writers.base import Counts

SUPPORTED_SUFFIXES = {".csv", ".xlsx", ".xls", ".xlsm", ".txt", ".tsv", ".zip", ".htm", ".html"}


@dataclass
class FileResult:
    """What importing one file did (or, in a dry run, would do).

    Attributes:
        status: ``imported``, ``unchanged`` (already imported), ``rejected`` or ``cancelled``.
        error: why a rejected file was refused.
    """

    file: str
    status: str
    kind: str | None = None
    platform: str | None = None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    batch_id: int | None = None
    snapshot_at: datetime | None = None
    date_range: tuple[date, date] | None = None
    notes: list[str] = field(default_factory=list)
    error: ImportFileError | None = None

    def as_json(self) -> dict[str, Any]:
        """The ``shopreel import --json`` shape."""
        error = None
        if self.error is not None:
            error = {"row": self.error.row, "column": self.error.column, "message": str(self.error)}
        return {
            "file": self.file,
            "kind": self.kind,
            "platform": self.platform,
            "status": self.status,
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "error": error,
        }


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so nothing is kept."""


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files in the order given; a folder's files in the chronological order of their exports."""
    from app.importers.context import hints_from_name

    ordered: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(".")
            ]

            def when(p: Path) -> tuple[datetime, str]:
                hints = hints_from_name(p.name)
                moment = hints.exported_at or (
                    datetime.combine(hints.dated, datetime.min.time()) if hints.dated else None
                )
                return (moment or datetime.fromtimestamp(p.stat().st_mtime), p.name)

            ordered.extend(sorted(found, key=when))
        else:
            ordered.append(path)
    return ordered


def import_files(
    store: Store,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    recompute_tiers: bool = True,
) -> list[FileResult]:
    """Import each file in its own transaction; a failing file leaves the store as it was.

    After a file imported, what derives from the imported rows is brought up to date as of
    ``today``: customer tiers (unless ``recompute_tiers`` is False: the demo builder writes its
    own tier history), crisis alerts for new negative reviews and comments, and campaign
    responses.

    On a server store the run holds the import lock (:mod:`app.services.import_lock`): when
    someone else is importing, ``ImportLockedError`` says who, and nothing is imported.
    """
    if dry_run:
        return _import_files(store, paths, True, progress, today, on_result, recompute_tiers)
    with import_lock(store):
        return _import_files(store, paths, False, progress, today, on_result, recompute_tiers)


def _import_files(
    store: Store,
    paths: Sequence[Path],
    dry_run: bool,
    progress: Progress | None,
    today: date | None,
    on_result: Callable[[FileResult], None] | None,
    recompute_tiers: bool,
) -> list[FileResult]:
    progress = progress or NullProgress()
    files = expand_paths(paths)
    kinds = template_kinds(store) if files else ()  # the user's mapping templates, read once
    results: list[FileResult] = []
    # A dry run writes nothing, so a file given twice would import twice: the repeat is marked
    # as the real run will find it (already imported).
    would_import: dict[str, FileResult] = {}
    for index, path in enumerate(files):
        if progress.cancelled:
            results.append(FileResult(path.name, "cancelled"))
            continue
        progress.update(index, len(files), path.name)
        digest = _digest_or_none(path) if dry_run else None
        if digest in would_import:
            first = would_import[digest]
            result = FileResult(path.name, "unchanged", kind=first.kind, platform=first.platform)
        else:
            try:
                result = import_one(
                    store, path, dry_run=dry_run, progress=progress, today=today, extra_kinds=kinds
                )
            except Cancelled:
                result = FileResult(path.name, "cancelled")
            if digest is not None and result.status == "imported":
                would_import[digest] = result
        results.append(result)
        if on_result is not None:
            on_result(result)
    progress.update(len(files), len(files), "")
    if not dry_run and any(r.status == "imported" for r in results):
        refresh_derived(store, today, tiers=recompute_tiers)
    return results


def _digest_or_none(path: Path) -> str | None:
    from app.importers.normalise import file_sha256

    try:
        return file_sha256(path)
    except OSError:
        return None  # import_one says why the file cannot be read


def refresh_derived(store: Store, today: date | None, *, tiers: bool = True) -> None:
    """Bring what derives from imported rows up to date: tiers (new orders move customers),
    crisis alerts (new negative reviews/comments) and campaign responses (new paid orders).

    Done here, after the rows changed, so reading a tab never writes to the store.
    """
    from app.services.campaigns import record_responses
    from app.services.retention import scan_crisis
    from app.services.tiers import recompute_tiers

    as_of = today or date.today()
    if tiers:
        recompute_tiers(store, as_of)
    scan_crisis(store)
    record_responses(store, as_of)


PREVIEW_COPY_LIMIT = 512 * 1024 * 1024  # bytes of store copied for an exact preview
READ_SHARE = 0.6  # of a big file's import, the part its reading takes (for the progress bar)


def preview_files(
    store: Store,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    today: date | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """What importing these files together would do; the store is not changed.

    On SQLite the files are imported for real into a scratch copy of the store, so each file
    sees what the ones before it brought (an overlapping export shows as updates, the same file
    twice as already imported). For a server store, or a very large file, each file is checked
    on its own against the store (a dry run).
    """
    import tempfile

    from app.config import sqlite_url
    from app.db import copy_sqlite
    from app.services.store import open_store

    source = store.sqlite_path
    if source is None or source.stat().st_size > PREVIEW_COPY_LIMIT:
        return import_files(
            store, paths, dry_run=True, progress=progress, today=today, on_result=on_result
        )
    with tempfile.TemporaryDirectory(prefix="shopreel-preview-") as folder:
        scratch = Path(folder) / "preview.db"
        copy_sqlite(source, scratch)
        copy = open_store(sqlite_url(scratch))
        try:
            results = import_files(
                copy,
                paths,
                progress=progress,
                today=today,
                on_result=on_result,
                recompute_tiers=False,  # the copy is thrown away: no tiers to keep
            )
        finally:
            copy.dispose()
    for result in results:
        result.batch_id = None  # the scratch copy's numbers mean nothing in the store
    return results


def import_one(
    store: Store,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    extra_kinds: Sequence[ExportKind] | None = None,
) -> FileResult:
    """Import one file: recognise it, then write it whole or not at all.

    ``extra_kinds`` are the mapping templates' kinds (read from the store when not given).
    """
    from app.importers.gc_pause import gc_paused

    with gc_paused():
        return _import_one(
            store, path, dry_run=dry_run, progress=progress, today=today, extra_kinds=extra_kinds
        )


def _import_one(
    store: Store,
    path: Path,
    *,
    dry_run: bool,
    progress: Progress | None,
    today: date | None,
    extra_kinds: Sequence[ExportKind] | None,
) -> FileResult:
    from app.importers.normalise import file_sha256, parse_file

    progress = progress or NullProgress()
    try:
        digest = file_sha256(path)
    except OSError as exc:
        return _rejected(path, ImportFileError(f"The file cannot be read: {exc.strerror}."))
    if (batch := _already_imported(store, digest)) is not None:
        return FileResult(
            path.name, "unchanged", kind=batch[1], platform=batch[2], batch_id=batch[0]
        )
    if extra_kinds is None:
        extra_kinds = template_kinds(store)

    def reading(fraction: float) -> None:
        progress.step(READ_SHARE * fraction)
        check_cancelled(progress)

    try:
        parsed = parse_file(
            path,
            reference=_reference_date(store, today),
            extra_kinds=extra_kinds,
            watch=reading,
            meanwhile=warm_up_writing,
        )
    except ImportFileError as exc:
        return _rejected(path, exc)
    reading(1.0)
    try:
        return _write(store, parsed, dry_run=dry_run, progress=progress)
    except ImportFileError as exc:
        return _rejected(path, exc, parsed)


def warm_up_writing() -> None:
    """Import the writers and the derived-data services, pandas included (~0.6 s the first
    time): run while a reader process parses a big workbook, that time is off the import's
    critical path. pandas adds ~75 MB while the reader process is at its peak; since the
    reader cuts big sheets into pieces (``app.importers.pieces``) the pair stays far under
    the memory target.
    """
    import pandas  # noqa: F401 - the tier refresh after the write needs it

    import app.importers.ad_videos
    import app.importers.writers.extra
    import app.importers.writers.orders
    import app.importers.writers.simple
    import app.importers.writers.videos
    import app.services.campaigns
    import app.services.retention
    import app.services.tiers  # noqa: F401


def _rejected(path: Path, error: ImportFileError, parsed: ParsedFile | None = None) -> FileResult:
    error.file = error.file or path.name
    return FileResult(
        path.name,
        "rejected",
        kind=parsed.kind if parsed else error.kind,
        platform=parsed.platform if parsed else error.platform,
        error=error,
    )


def _write(store: Store, parsed: ParsedFile, *, dry_run: bool, progress: Progress) -> FileResult:
    from app.importers.ad_videos import match_material_videos
    from app.models import ImportBatch

    result = FileResult(
        parsed.path.name,
        "imported",
        kind=parsed.kind,
        platform=parsed.platform,
        rows=parsed.row_count,
        snapshot_at=parsed.snapshot_at,
        date_range=parsed.date_range(),
        notes=list(parsed.notes),
    )
    try:
        with store.session_scope() as session:
            batch = ImportBatch(
                file_name=parsed.path.name,
                sha256=parsed.sha256,
                platform=parsed.platform,
                kind=parsed.kind,
                snapshot_at=parsed.snapshot_at,
                rows_total=parsed.row_count,
                status="imported",
            )
            session.add(batch)
            session.flush()
            counts = _run_writer(session, parsed, batch.id)
            match_material_videos(session)  # new materials, or new videos for stored ones
            counts.skipped += parsed.skipped
            batch.inserted, batch.updated = counts.inserted, counts.updated
            batch.unchanged, batch.skipped = counts.unchanged, counts.skipped
            result.batch_id = batch.id
            _fill(result, counts)
            check_cancelled(progress)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        result.batch_id = None
    return result


def _fill(result: FileResult, counts: Counts) -> None:
    result.inserted, result.updated = counts.inserted, counts.updated
    result.unchanged, result.skipped = counts.unchanged, counts.skipped


def _run_writer(session: Session, parsed: ParsedFile, batch_id: int) -> Counts:
    from app.importers.writers import extra, orders, simple, videos
    from app.importers.writers.base import WriteContext, batch_snapshots

    kind = parsed.detection.kind
    context = WriteContext(batch_id, parsed.snapshot_at, kind.platform, kind.options)
    snapshots = batch_snapshots(session)
    writers: dict[str, Callable[..., Counts]] = {
        "orders": orders.write_orders,
        "videos": videos.write_videos,
        "reviews": simple.write_reviews,
        "account_daily": simple.write_account_daily,
        "customers": simple.write_customer_list,
        **extra.writers(parsed),
    }
    rows = parsed.columns if kind.target == "orders" else parsed.records
    return writers[kind.target](session, rows, context, snapshots)


def _already_imported(store: Store, digest: str) -> tuple[int, str, str] | None:
    from sqlalchemy import select

    from app.models import ImportBatch

    with store.session_scope() as session:
        row = session.execute(
            select(ImportBatch.id, ImportBatch.kind, ImportBatch.platform).where(
                ImportBatch.sha256 == digest, ImportBatch.status == "imported"
            )
        ).first()
    return tuple(row) if row else None  # type: ignore[return-value]


def _reference_date(store: Store, today: date | None) -> date:
    """The newest fully dated data in the store, else today: anchors year-less dates."""
    from sqlalchemy import func, select

    from app.models import ImportBatch

    with store.session_scope() as session:
        newest = session.scalar(
            select(func.max(ImportBatch.snapshot_at)).where(ImportBatch.status == "imported")
        )
    if newest is not None:
        return (
            newest.date() if isinstance(newest, datetime) else date.fromisoformat(str(newest)[:10])
        )
    return today or date.today()


def undo_import(store: Store, batch_id: int) -> int:
    """Undo one import (refuses when later imports built on it); returns rows touched.

    Tiers, alerts and campaign responses are refreshed after it, as after an import.
    """
    from app.importers.ad_videos import match_material_videos
    from app.importers.undo import undo_batch

    with import_lock(store):
        with store.session_scope() as session:
            touched = undo_batch(session, batch_id)
            match_material_videos(session)  # a video that went may leave its title to another
        refresh_derived(store, None)
    return touched
