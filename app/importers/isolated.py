"""Parse a big workbook in a child process, with its sheet scan running beside it.

python-calamine can abort the whole process on some crafted sheets (``try`` cannot catch an
abort), and a 200,000-row workbook keeps one core busy for seconds. So a big .xlsx/.xls is
parsed by ``parse_file`` in a child process (spawned, as Windows requires) while this process
scans the sheets' XML for far cells on the other core (``sniff.scan_deferred``):

* a crash in the child becomes a clear "could not be read" error, and this process lives on;
* the scan runs in parallel with the parse instead of before it, and it still has the last word:
  a sheet it refuses is refused whatever the child did, and the child is stopped at once. The
  scan reads the XML ~2.5x faster than calamine parses it, and calamine only sizes its grid
  after parsing a sheet, so a lying sheet is normally refused before the child allocates for
  it; on a starved machine the child may get there first, and then it only harms itself;
* while waiting, ``watch`` is told how far the work is, and may raise to cancel (the child is
  then killed; nothing was written);
* once the scan is done this process would sit idle for seconds: ``meanwhile`` runs then (the
  caller's warm-up, e.g. importing what it needs to write the rows).

The child returns the ``ParsedFile`` (rows as typed columns: a few tens of MB pickled). Small
workbooks are parsed in this process after the full scan, as they always were: a child costs
~0.1 s (more on Windows) to start.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.importers.errors import ImportFileError
from app.importers.gc_pause import gc_paused
from app.importers.reading import Limits, file_errors
from app.importers.sniff import MB, ZipPlan, deferred_bytes, scan_deferred

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from app.importers.kinds import ExportKind
    from app.importers.normalise import ParsedFile

# A workbook with at least this much sheet XML (an .xls: this many bytes) is parsed in a child.
ISOLATE_BYTES = 8 * MB
# Sheets with more XML than this are scanned beside the child rather than before it starts.
DEFER_SCAN_BYTES = 1 * MB
# Share of the waiting shown as done when the scan ends (the parse takes ~2.5x as long).
_SCAN_SHARE = 0.4
_POLL_SECONDS = 0.1

Watch = Callable[[float], None]  # told the fraction done; raises to cancel

STOPPED = (
    "the file could not be read: the spreadsheet reader stopped on it (the file may be damaged"
    " or made to crash readers): open it in Excel and save it again, or export it again"
)


TOO_BIG = "the file is too large to open on this computer: export a shorter date range"


@dataclass(frozen=True)
class _Job:
    """What the child needs to parse the file (all of it picklable)."""

    path: Path
    reference: date
    limits: Limits
    extra_kinds: tuple[ExportKind, ...]


def is_big(plan: ZipPlan) -> bool:
    """Whether a workbook is worth a child process (see ``ISOLATE_BYTES``)."""
    return plan.sheet_bytes >= ISOLATE_BYTES


def parse_in_child(
    path: Path,
    plan: ZipPlan,
    *,
    reference: date,
    limits: Limits,
    extra_kinds: Sequence[ExportKind] = (),
    watch: Watch | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> ParsedFile:
    """``parse_file`` in a child process, with ``plan``'s deferred scan run here meanwhile,
    then ``meanwhile`` (if any) while the child still works."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    job = _Job(path, reference, limits, tuple(extra_kinds))
    child = context.Process(
        target=child_main, args=(sender, job), name="shopreel-reader", daemon=True
    )
    started = time.monotonic()
    try:
        child.start()
    except OSError:  # no process to be had (a locked-down machine): parse here, scanned first
        receiver.close()
        sender.close()
        return _parse_here(path, plan, job, watch)
    sender.close()
    try:
        if plan.deferred:
            _scan(path, plan, limits, watch)
        if meanwhile is not None:
            meanwhile()
        outcome = _wait(receiver, child, watch, started)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    return _result(outcome, path)


def _parse_here(path: Path, plan: ZipPlan, job: _Job, watch: Watch | None) -> ParsedFile:
    from app.importers.normalise import parse_file

    _scan(path, plan, job.limits, watch)
    return parse_file(
        path,
        reference=job.reference,
        limits=job.limits,
        extra_kinds=job.extra_kinds,
        preflighted=True,
    )


def scan_with_progress(path: Path, plan: ZipPlan, limits: Limits, watch: Watch | None) -> None:
    """``scan_deferred``, telling ``watch`` the fraction of the XML scanned."""
    _scan(path, plan, limits, watch, share=1.0)


def _scan(
    path: Path, plan: ZipPlan, limits: Limits, watch: Watch | None, share: float = _SCAN_SHARE
) -> None:
    if not plan.deferred:
        return
    total = max(deferred_bytes(path, plan), 1)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if watch is not None:
            watch(share * min(done / total, 1.0))

    with file_errors(path.name):
        scan_deferred(path, plan, limits, tick)


def _wait(receiver: Connection, child: Any, watch: Watch | None, started: float) -> tuple[str, Any]:
    """The child's (status, value); ("stopped", exit code) when it died without a word."""
    scanned = time.monotonic() - started
    while not receiver.poll(_POLL_SECONDS):
        if not child.is_alive() and not receiver.poll(0):
            return ("stopped", child.exitcode)
        if watch is not None:
            # The parse takes ~2.5x the scan: move the bar along that estimate, never to the end.
            waited = time.monotonic() - started
            expected = max(scanned / _SCAN_SHARE, 1.0)
            watch(_SCAN_SHARE + (1 - _SCAN_SHARE) * min(waited / expected, 0.95))
    try:
        return pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        child.join()
        return ("stopped", child.exitcode)


def _result(outcome: tuple[str, Any], path: Path) -> ParsedFile:
    status, value = outcome
    if status == "ok":
        value.path = path  # the child's Path is equal; keep the caller's object
        return value
    if status == "error":
        raise value
    if status == "bug":
        raise RuntimeError(f"reading {path.name} failed in the reader process:\n{value}")
    raise ImportFileError(STOPPED, file=path.name)


def child_main(sender: Connection, job: _Job) -> None:
    """The child: parse the file (its pre-flight already done by the parent) and send it back."""
    from app.importers.normalise import parse_file

    if os.environ.get("SHOPREEL_READER_FAULT") == "abort":  # tests: a reader that crashes
        os.abort()
    try:
        with gc_paused():
            parsed = parse_file(
                job.path,
                reference=job.reference,
                limits=job.limits,
                extra_kinds=job.extra_kinds,
                preflighted=True,
            )
        outcome: tuple[str, Any] = ("ok", parsed)
    except ImportFileError as exc:
        outcome = ("error", exc)
    except MemoryError:
        outcome = ("error", ImportFileError(TOO_BIG, file=job.path.name))
    except BaseException:  # noqa: BLE001 - a bug: the parent raises it with this traceback
        outcome = ("bug", traceback.format_exc())
    try:
        sender.send_bytes(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        sender.close()
