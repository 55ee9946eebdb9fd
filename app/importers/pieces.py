"""Read a big one-sheet .xlsx in pieces, so calamine never holds the whole sheet at once.

python-calamine builds a sheet's whole grid before it hands over a row: ~0.9 GB for a
200,000-row, 75-column 抖店 export, however few of the columns the caller keeps. A sheet with
more than ``CUT_OVER`` bytes of XML is therefore cut at row ends into pieces of about
``PIECE_BYTES``; each piece becomes a small workbook of its own (the file's other parts, the
sheet's head and those rows, stored uncompressed in a temporary file) that calamine reads in
turn, so at most one piece's grid is alive.

Cells keep their references, so every row lands where a whole read puts it (gaps between the
pieces come back as empty rows). A sheet that cannot be cut safely raises ``Uncuttable``, and
the caller reads it whole as before, which also words any real error: no ``<sheetData>`` start
tag in its head, a piece whose rows land before the previous piece's end (rows out of order,
or rows without their number, which calamine counts from the piece's start), XML calamine
refuses in a piece.
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import re
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from python_calamine import CalamineWorkbook

from app.importers.sniff import MB, sheet_parts

__all__ = ["CUT_OVER", "PIECE_BYTES", "Uncuttable", "pad_rows", "read_in_pieces", "sheet_to_cut"]

# A worksheet with more XML than this is read in pieces (a 200,000-row, 30-column export has
# ~170 MB and is read whole; 75 columns have ~360 MB).
CUT_OVER = 192 * MB
PIECE_BYTES = 96 * MB
_READ = 8 * MB  # bytes of sheet XML inflated at a time
_HEAD_BYTES = 4 * MB  # the most XML looked through for the <sheetData> start tag

Row = list[object]

# The sheet's head: everything up to and including its <sheetData> start tag.
_SHEET_DATA = re.compile(rb"<(?:(\w+):)?sheetData\s*>")
_ROOT = re.compile(rb"<((?:\w+:)?worksheet)\b")


class Uncuttable(Exception):
    """The sheet cannot be cut safely: read it whole."""


def sheet_to_cut(path: Path) -> tuple[str, str] | None:
    """(sheet name, part) of a workbook of one worksheet with more than ``CUT_OVER`` bytes of
    XML, or None. The workbook has been through the pre-flight."""
    with zipfile.ZipFile(path) as zf:
        names = {info.filename.lower(): info.filename for info in zf.infolist()}
        if "xl/workbook.xml" not in names:
            return None
        parts = sheet_parts(zf, names)
        if len(parts) != 1 or not parts[0][1].lower().startswith("xl/worksheets/"):
            return None
        return parts[0] if zf.getinfo(parts[0][1]).file_size > CUT_OVER else None


def read_in_pieces(path: Path, part: str) -> Iterator[Row]:
    """Every row of the sheet ``part`` as a whole read gives it, from row 1, except that each
    piece's rows have that piece's width (the caller pads: ``pad_rows``).

    The next piece is written by a thread while calamine (which lets go of the GIL) parses
    the current one.
    """
    # A piece left behind (an antivirus holding it on Windows) must not fail a good read.
    with tempfile.TemporaryDirectory(prefix="shopreel-", ignore_cleanup_errors=True) as folder:
        count = 0
        for piece in _Ahead(_written(path, part, Path(folder))):
            rows = _rows(piece, count)
            try:
                for row in rows:
                    count += 1
                    yield row
            finally:
                rows.close()  # calamine lets go of the file (Windows cannot delete it open)
                with contextlib.suppress(OSError):
                    piece.unlink()


def pad_rows(rows: list[Row]) -> None:
    """Give every row the width of the widest, in place (a whole read's grid is rectangular)."""
    width = max(map(len, rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))


def _rows(piece: Path, count: int) -> Iterator[Row]:
    """The piece's rows, after empty rows up to its first (the rows before it: ``count``)."""
    try:
        with CalamineWorkbook.from_path(str(piece)) as book:
            sheet = book.get_sheet_by_index(0)
            if sheet.start is None:
                return
            first, column = sheet.start
            if first < count:
                raise Uncuttable("the sheet's rows are out of order")
            width = column + sheet.width
            for _ in range(first - count):
                yield [""] * width
            lead = [""] * column
            # iter_rows starts at row 1 and leaves out the columns before the piece's first.
            for row in itertools.islice(sheet.iter_rows(), first, None):
                yield lead + row if column else row
    except (Uncuttable, MemoryError):
        raise
    except Exception as exc:  # calamine refused the piece: the whole read words it, if real
        raise Uncuttable(str(exc)) from exc


def _written(path: Path, part: str, folder: Path) -> Iterator[Path]:
    """The pieces as workbooks in ``folder``: the file's other parts, and as the sheet its head,
    about ``PIECE_BYTES`` of its rows and its end."""
    try:
        with zipfile.ZipFile(path) as zf, zf.open(part) as stream:
            others = [(i.filename, zf.read(i)) for i in zf.infolist() if i.filename != part]
            sheet = _Sheet(stream)
            for number, cuts in enumerate(sheet.pieces()):
                piece = folder / f"piece-{number}.xlsx"
                with zipfile.ZipFile(piece, "w", zipfile.ZIP_STORED, allowZip64=True) as out:
                    for name, data in others:
                        out.writestr(name, data)
                    with out.open(part, "w", force_zip64=True) as target:
                        for cut in cuts:
                            target.write(cut)
                yield piece
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise Uncuttable(str(exc)) from exc  # (a full temporary disk too: read it whole)


class _Sheet:
    """A sheet's XML, inflated ``_READ`` bytes at a time and cut at row ends."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        start = stream.read(_READ)
        while (found := _SHEET_DATA.search(start)) is None and len(start) < _HEAD_BYTES:
            more = stream.read(_READ)
            if not more:
                break
            start += more
        root = _ROOT.search(start)
        if found is None or root is None:
            raise Uncuttable("no <sheetData> in the sheet's head")
        prefix = found.group(1) + b":" if found.group(1) else b""
        self._head = start[: found.end()]
        self._row_end = b"</" + prefix + b"row>"
        self._tail = b"</" + prefix + b"sheetData></" + root.group(1) + b">"
        self._pending = start[found.end() :]
        self._done = False

    def pieces(self) -> Iterator[Iterator[bytes]]:
        """Each piece's sheet XML, as a few bytes strings to write in turn."""
        while not self._done:
            yield self._piece()

    def _piece(self) -> Iterator[bytes]:
        yield self._head
        size = 0
        for cut in self._cuts():
            size += len(cut)
            yield cut
            if size >= PIECE_BYTES:
                break
        if not self._done:  # the last piece ends with the sheet's own end
            yield self._tail

    def _cuts(self) -> Iterator[bytes]:
        """The rest of the XML in strings that end at a row's end (the last: at the file's)."""
        while True:
            more = self._stream.read(_READ)
            if not more:
                self._done = True
                yield self._pending
                return
            cut = self._pending.rfind(self._row_end) + len(self._row_end)
            if cut >= len(self._row_end):
                done, self._pending = self._pending[:cut], self._pending[cut:] + more
                yield done
            else:
                self._pending += more


class _Ahead:
    """Runs a generator one item ahead of its consumer, in a thread."""

    def __init__(self, items: Generator[Path, None, None]) -> None:
        self._items = items
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
        self._stop = threading.Event()

    def __iter__(self) -> Iterator[Path]:
        thread = threading.Thread(target=self._run, name="shopreel-pieces", daemon=True)
        thread.start()
        try:
            while True:
                kind, value = self._queue.get()
                if kind == "error":
                    raise value
                if kind == "end":
                    return
                yield value
        finally:
            self._stop.set()
            thread.join()

    def _run(self) -> None:
        try:
            for item in self._items:
                if not self._put(("item", item)):
                    return
            self._put(("end", None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, who raises it
            self._put(("error", exc))
        finally:
            self._items.close()

    def _put(self, entry: tuple[str, Any]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False
