"""What a file really is, and whether it is safe to hand to a parser.

* ``sniff_container``: the container from magic bytes, never from the extension.
* ``decode_text``: a strict decoding ladder (BOM, UTF-8, GB18030, UTF-16); never lossy.
* ``sniff_delimiter``: ``,`` ``\\t`` or ``;``, by the most consistent field count.
* ``preflight_zip``: the hostile-zip checks (sizes, compression ratios, sheet extents, formulas
  without values, DTDs) that must pass before python-calamine sees a zip, because calamine
  aborts the whole process on some crafted sheets and ``try``/``except`` cannot catch that.

The sheet check streams the XML once through a single C-speed regex (``check_sheet``). On a
200,000-row sheet that costs 30-40 % of calamine's own read; it runs on every sheet anyway
(``FULL_SCAN_BYTES`` is unbounded), because a big sheet whose ``<dimension>`` lies about one
far cell would otherwise reach calamine and abort the app. ``trust_dimension`` keeps the
option of trusting big sheets' dimensions should that cost ever matter more than that risk.
Big workbooks are parsed in a child process (``app.importers.isolated``): there the big
sheets' scans (``preflight_zip(defer_over=…)`` then ``scan_deferred``) run beside the parse, and
a crash only ends the child.

Every failure is an ``ImportFileError`` whose message says what is wrong and what to do.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import struct
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from app.importers.errors import ImportFileError

if TYPE_CHECKING:
    from app.importers.reading import Limits

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MB = 1024 * 1024


def human_size(n: int) -> str:
    """``314,572,800`` → ``300 MB``; small sizes in bytes."""
    return f"{n / MB:,.0f} MB" if n >= MB else f"{n:,} bytes"


NOT_A_SPREADSHEET = (
    "not a spreadsheet or CSV file: choose the .xlsx, .xls or .csv file exported from the platform"
)
DAMAGED = "the file is damaged or incomplete: download or export it again"


# --------------------------------------------------------------------------- container


def sniff_container(head: bytes) -> str:
    """``"zip"``, ``"ole"`` (legacy .xls or an encrypted workbook) or ``"text"``."""
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    return "text"


def check_ole_header(head: bytes, size: int) -> None:
    """Refuse an OLE2 (.xls) header whose fields are impossible for a file of ``size`` bytes.

    Cheap (512 bytes) and run before calamine, whose CFB reader sizes buffers from these fields;
    a BIFF8 sheet itself cannot exceed 65,536 rows × 256 columns, inside every default limit.
    """
    if len(head) < 512:
        raise ImportFileError(DAMAGED)
    major, order, shift, mini_shift = struct.unpack_from("<HHHH", head, 26)
    n_dir, n_fat, _first_dir, _sig, _cutoff, _first_mini, n_mini, _first_difat, n_difat = (
        struct.unpack_from("<9I", head, 40)
    )
    sectors = max(size // (1 << shift), 1) if shift in (9, 12) else 0
    if (
        (major, shift) not in ((3, 9), (4, 12))
        or order != 0xFFFE
        or mini_shift != 6
        or max(n_dir, n_fat, n_mini, n_difat) > sectors
    ):
        raise ImportFileError(
            "this .xls file is damaged (its header is invalid): export it again, or open it in"
            " Excel and save it as .xlsx"
        )


# --------------------------------------------------------------------------- text decoding

# Three or more CJK ideographs in a row encoded as UTF-8 (U+4E00..U+9FFF = E4 B8 80..E9 BF BF).
# GBK/GB2312 byte pairs cannot line up like this (measured: 0 hits in 3 M random GB2312 hanzi
# and in the 1.5 MB GBK sample), so a file that needed GB18030 but holds such a run mixes encodings.
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){3}")
# Three-byte UTF-8 characters (CJK and most symbols) that decoded before the first invalid byte:
# GBK text cannot keep up that pattern by accident (each one takes 1.5 GBK characters with
# restricted bytes), so this many means UTF-8 that turns into something else part-way.
_MIXED_PREFIX_UTF8_CJK = 8
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _not_text(tried: str, data: bytes, pos: int) -> ImportFileError:
    return ImportFileError(
        f"the text is not in a known encoding (tried {tried}; first bad byte on line "
        f"{_line_of(data, pos)}): save it from Excel as 'CSV UTF-8', or export it again"
    )


def _mixed(data: bytes, pos: int) -> ImportFileError:
    return ImportFileError(
        "the text mixes two encodings (UTF-8 and GBK; the change is on line"
        f" {_line_of(data, pos)}):"
        " export the file again instead of joining files by hand, or save it from Excel as"
        " 'CSV UTF-8'"
    )


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit in alternating positions (ASCII text in UTF-16)."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0 : pairs * 2 : 2].count(0)
    odd = head[1 : pairs * 2 : 2].count(0)
    if odd >= pairs * 0.2 and even <= odd * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.2 and odd <= even * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file strictly; returns ``(text, codec)``.

    The ladder: a BOM decides (``utf-8-sig``, ``utf-16``); else strict ``utf-8``; else strict
    ``gb18030`` (a superset of GBK/GB2312); else UTF-16 only when NULs sit in alternating
    positions. Nothing is ever decoded with ``errors="replace"``; binary data and files that mix
    UTF-8 with GBK are refused rather than returned as mojibake.
    """
    if data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise _not_text("UTF-8, as its UTF-8 marker says", data, exc.start) from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise _not_text("UTF-16, as its UTF-16 marker says", data, exc.start) from None
    elif b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data[:4096])
        if utf16 is None:
            raise ImportFileError(NOT_A_SPREADSHEET)
        codec = utf16
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise ImportFileError(NOT_A_SPREADSHEET) from None
    else:
        try:
            return _check_text(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError as exc:
            utf8_error = exc.start
        if _three_byte_leads(data, utf8_error) >= _MIXED_PREFIX_UTF8_CJK:
            raise _mixed(data, utf8_error)
        codec = "gb18030"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise _not_text("UTF-8 and GB18030/GBK", data, exc.start) from None
        run = _UTF8_CJK_RUN.search(data)
        if run is not None:
            raise _mixed(data, run.start())
    return _check_text(text), codec


_NOT_THREE_BYTE_LEADS = bytes(b for b in range(256) if not 0xE0 <= b <= 0xEF)


def _three_byte_leads(data: bytes, end: int) -> int:
    """How many three-byte UTF-8 characters ``data[:end]`` (valid UTF-8) holds."""
    return len(data[:end].translate(None, _NOT_THREE_BYTE_LEADS))


def _check_text(text: str) -> str:
    """Refuse decoded 'text' that is really binary (NULs or many control characters)."""
    head = text[:4096]
    if "\x00" in head or len(_CONTROL.findall(head)) * 10 > len(head):
        raise ImportFileError(NOT_A_SPREADSHEET)
    return text


# --------------------------------------------------------------------------- delimiter

DELIMITERS = (",", "\t", ";")
_SNIFF_CHARS = 65536
_SNIFF_ROWS = 50


def sniff_delimiter(text: str) -> str:
    """The delimiter whose field count is the most consistent over the first rows.

    Each candidate is parsed with the csv module itself (so quoted delimiters and embedded
    newlines do not count); the winner leaves the fewest stray quotes in its fields (a wrong
    delimiter breaks the quoting), then has the modal field count (> 1) on the most rows, then
    the widest rows, then the order ``,`` ``\\t`` ``;``. Default ``,`` (a single-column file).
    """
    sample = text[:_SNIFF_CHARS]
    truncated = len(text) > _SNIFF_CHARS
    best: tuple[int, int, int, int] = (-(10**9), 0, 0, 0)
    chosen = ","
    for priority, delimiter in enumerate(DELIMITERS):
        rows: list[list[str]] = []
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            for row in reader:
                rows.append(row)
                if len(rows) > _SNIFF_ROWS:
                    break
        except csv.Error:
            pass
        if truncated and rows:
            rows.pop()  # the last row may be cut in the middle
        rows = [row for row in rows if row]
        if not rows:
            continue
        mode, freq = Counter(len(row) for row in rows).most_common(1)[0]
        if mode <= 1:
            continue
        # A wrong delimiter breaks the quoting: quotes end up inside the fields it splits.
        stray = sum(1 for row in rows for field in row if '"' in field)
        score = (-stray, freq, mode, -priority)
        if score > best:
            best, chosen = score, delimiter
    return chosen


# --------------------------------------------------------------------------- zip pre-flight


@dataclass
class ZipPlan:
    """What the pre-flight found in a zip that passed it.

    ``deferred`` lists the (sheet name, part) of big sheets whose cell scan was left to
    ``scan_deferred`` (only their head was checked), so it can run beside a parser that cannot
    harm this process (a child process).
    """

    kind: str  # "xlsx" | "csvzip"
    csv_members: list[str] = field(default_factory=list)
    scan_seconds: float = 0.0
    deferred: list[tuple[str, str]] = field(default_factory=list)
    sheet_bytes: int = 0  # XML of all the sheets


_MAX_MEMBERS = 10_000
_CHUNK = 4 * MB
# Sheets with at most this much XML are always fully scanned: all of them (see the docstring).
FULL_SCAN_BYTES = float("inf")
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref\s*=\s*[\"']([^\"']*)[\"']")
_REF = re.compile(r"^\$?([A-Za-z]{1,7})\$?([0-9]{1,10})$")
_R_ATTR = re.compile(rb"\br\s*=\s*[\"']([A-Za-z]*)([0-9]*)[\"']")
_SHEET_DIRS = ("xl/worksheets/", "xl/macrosheets/", "xl/dialogsheets/")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def col_name(n: int) -> str:
    """1 → ``A``, 500 → ``SF``, 16384 → ``XFD``."""
    name = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        name = chr(65 + rem) + name
    return name


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _greater_same_length(s: str, digits: bool) -> str | None:
    """A regex for strings of ``len(s)`` digits (or capital letters) that sort after ``s``.

    Same-length column names sort like their numbers, as do same-length decimals. Built as a
    trie (``2(?:[1-9]…|0(?:…))``) so a normal reference fails after a step or two per character.
    """
    if not s:
        return None
    head, rest = s[0], s[1:]
    top = "9" if digits else "Z"
    any_char = "[0-9]" if digits else "[A-Z]"
    alts = []
    if head != top:
        alts.append(
            f"[{chr(ord(head) + 1)}-{top}]" + (f"{any_char}{{{len(rest)}}}" if rest else "")
        )
    deeper = _greater_same_length(rest, digits)
    if deeper:
        alts.append(head + deeper)
    return "(?:" + "|".join(alts) + ")" if alts else None


def _beyond_alternatives(rows: int, cols: int) -> bytes:
    """Regex alternatives (after ``r="``) for a reference beyond ``rows``/``cols``.

    Built as a trie so a normal reference fails after a step or two per character; lower-case
    references (calamine accepts them) always match, so they get the exact scan.
    """
    digits, letters = str(max(rows, 1)), col_name(max(cols, 1))
    same_rows = _greater_same_length(digits, True) or "(?!)"
    same_cols = _greater_same_length(letters, False) or "(?!)"
    return (
        f"[A-Z]{{{len(letters) + 1}}}|{same_cols}[0-9]"
        f'|[A-Z]*+(?:[a-z]|[0-9]{{{len(digits) + 1}}}|{same_rows}")'
    ).encode()


@lru_cache(maxsize=256)
def _fast_scan(prefix: bytes, rows: int, cols: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """(with formulas, without): one pattern for everything the fast path must notice.

    It matches a cell whose reference is beyond ``rows``/``cols`` or odd, a cell whose first
    attribute is not ``r="…"`` (calamine then places it by counting), and (first pattern only,
    group ``formula``) a cell whose first child is a formula. The literal ``<c`` prefix keeps the
    search in C; nothing matches in a normal sheet. Measured on the 2-core test box: 1.0-1.1 s
    per 330 MB of inline-string sheet XML (6.2 M cells), decompression included.
    """
    p = re.escape(prefix)
    beyond = _beyond_alternatives(rows, cols)
    formula = rb'|(?P<formula>[^"]*+"[^>]*+>\s*<' + p + rb"f[\s/>])"
    odd = rb'|(?! r=")[\s/>])'
    return (
        re.compile(b"<" + p + b'c(?: r="(?:' + beyond + formula + b")" + odd),
        re.compile(b"<" + p + b'c(?: r="(?:' + beyond + b")" + odd),
    )


def _round_up(n: int) -> int:
    """``n`` rounded up to two significant digits, so few distinct patterns get compiled."""
    step = 10 ** max(len(str(n)) - 2, 0)
    return -(-n // step) * step


@lru_cache(maxsize=8)
def _patterns(prefix: bytes) -> dict[str, Any]:
    p = re.escape(prefix)
    not_end = rb"(?:[^<]|<(?!/" + p + rb"c>|" + p + rb"[vc][\s>/]))"
    return {
        "row_mark": b"<" + prefix + b'row r="',
        "cell_r": b"<" + prefix + b'c r="',
        "last_row": re.compile(b"<" + p + rb'row r="([0-9]{1,10})"'),
        "first_cells": re.compile(b"<" + p + rb'c r="([A-Z]{1,3})[0-9]'),
        # A <c> holding an <f> and no <v> before its </c>: a formula without a cached value.
        "formula_no_value": re.compile(
            b"<"
            + p
            + rb"c\b((?:[^>/]|/(?!>))*)>"
            + not_end
            + b"*?<"
            + p
            + rb"f[\s>/]"
            + not_end
            + b"*</"
            + p
            + b"c>"
        ),  # fmt: skip
        "tag": re.compile(b"<" + p + rb"(row|c)(?=[\s>/])([^>]*)>"),
    }


def _too_big(name: str, rows: int, cols: int, limits: Limits, declared: bool = False) -> None:
    """ImportFileError when the sheet is over a limit (``declared``: by its <dimension>).

    Each message is written out whole, so the views can translate it (app/views/import_errors).
    """
    if rows > limits.max_rows:
        raise ImportFileError(
            f"too many rows ({rows:,}) in sheet {name!r} (by its declared size); the limit is"
            f" {limits.max_rows:,}: export a shorter date range or split the file"
            if declared
            else f"too many rows ({rows:,}) in sheet {name!r}; the limit is {limits.max_rows:,}:"
            " export a shorter date range or split the file"
        )
    if cols > limits.max_columns:
        raise ImportFileError(
            f"too many columns ({cols:,}) in sheet {name!r} (by its declared size); the limit is"
            f" {limits.max_columns:,}: export only the columns you need"
            if declared
            else f"too many columns ({cols:,}) in sheet {name!r}; the limit is"
            f" {limits.max_columns:,}: export only the columns you need"
        )
    if rows * cols > limits.max_cells:
        raise ImportFileError(
            f"sheet {name!r} is too large ({rows:,} rows × {cols:,} columns (by its declared"
            f" size)); the limit is {limits.max_cells:,} cells: export a shorter date range or"
            " split the file"
            if declared
            else f"sheet {name!r} is too large ({rows:,} rows × {cols:,} columns); the limit is"
            f" {limits.max_cells:,} cells: export a shorter date range or split the file"
        )


def _parse_dimension(ref: str) -> tuple[int, int] | None:
    match = _REF.match(ref.split(":")[-1].strip())
    if not match:
        return None
    return int(match.group(2)), col_number(match.group(1))


Tick = Callable[[int], None]  # told how many more bytes of sheet XML were scanned


def _chunks(zf: zipfile.ZipFile, part: str, tick: Tick | None = None) -> Iterator[bytes]:
    """Yield the member's bytes cut after a ``>`` so no tag or ``r="…"`` is ever split.

    Reading through zipfile also proves the member's real size and CRC match its header.
    """
    carry = b""
    with zf.open(part) as stream:
        while True:
            data = stream.read(_CHUNK)
            if not data:
                break
            if tick is not None:
                tick(len(data))
            buf = carry + data if carry else data
            cut = buf.rfind(b">") + 1
            if cut == 0:  # a megabyte without '>': inside text; keep a tail for the regexes
                cut = max(len(buf) - 256, 0)
            yield buf[:cut]
            carry = buf[cut:]
    if carry:
        yield carry


def _formula_check(name: str, pattern: re.Pattern[bytes], chunk: bytes) -> None:
    hit = pattern.search(chunk)
    if hit:
        ref = _R_ATTR.search(hit.group(1))
        cell = (ref.group(1) + ref.group(2)).decode() if ref else "?"
        raise ImportFileError(
            f"formula without a value (sheet {name!r}, cell {cell}): open the file in Excel and"
            " save it, or export it again"
        )


def trust_dimension(dimension: tuple[int, int] | None, sheet_bytes: int) -> bool:
    """Whether a sheet's declared ``<dimension>`` may stand in for the full scan.

    The full scan costs 30-40 % of calamine's own read on a 200,000-row sheet, so, as the
    design allows, it is skipped for a big sheet (over ``FULL_SCAN_BYTES`` of XML) whose
    dimension looks right: present, and not too small for the amount of XML (TikTok writes
    ``A1:A1`` over a full sheet). Small sheets are always scanned: it costs at most ~0.15 s
    and blocks the few-kilobyte crafted files. The residual risk is a deliberately crafted big
    sheet whose dimension lies; see the module docstring.
    """
    if dimension is None or sheet_bytes <= FULL_SCAN_BYTES:
        return False
    rows, cols = dimension
    return sheet_bytes <= 64 * 1024 + rows * cols * 2048


def check_sheet(
    zf: zipfile.ZipFile, name: str, part: str, limits: Limits, tick: Tick | None = None
) -> None:
    """Prove calamine's allocation for this sheet stays within the limits, streaming its XML.

    A big sheet with a trustworthy dimension (``trust_dimension``) is checked on its dimension
    alone. Otherwise one fast pass bounds every cell reference by the declared ``<dimension>``
    (else by the highest ``<row r>`` so far, rounded up, and the columns of the first rows) and
    checks formulas for a cached value. A wrong dimension gets a second fast pass without it;
    cells without a leading ``r`` attribute, odd or out-of-order references get the exact scan.
    """
    verdict = _fast_pass(zf, name, part, limits, use_dimension=True, tick=tick)
    if verdict == "wrong dimension":
        verdict = _fast_pass(zf, name, part, limits, use_dimension=False, tick=tick)
    if verdict != "ok":
        head = next(_chunks(zf, part))[:65536]
        root = _ROOT_PREFIX.search(head)
        prefix = root.group(1) + b":" if root and root.group(1) else b""
        _exact_extent(zf, name, part, _patterns(prefix), limits, tick)


def check_sheet_head(zf: zipfile.ZipFile, name: str, part: str, limits: Limits) -> None:
    """The cheap part of ``check_sheet``: no DTD, and a declared size within the limits."""
    head = next(_chunks(zf, part), b"")[:65536]
    if _DOCTYPE.search(head):
        raise _doctype()
    dim = _DIMENSION.search(head)
    dimension = _parse_dimension(dim.group(1).decode("latin-1")) if dim else None
    if dimension:
        _too_big(name, *dimension, limits, declared=True)


def _fast_pass(
    zf: zipfile.ZipFile,
    name: str,
    part: str,
    limits: Limits,
    *,
    use_dimension: bool,
    tick: Tick | None = None,
) -> str:
    """One streamed pass; returns ``"ok"``, ``"wrong dimension"`` or ``"exact"`` (scan needed)."""
    pats: dict[str, Any] = {}
    dimension: tuple[int, int] | None = None
    prefix = b""
    rows = cols = seen_rows = 0
    for index, chunk in enumerate(_chunks(zf, part, tick)):
        if index == 0:
            head = chunk[:65536]
            if _DOCTYPE.search(head):
                raise _doctype()
            root = _ROOT_PREFIX.search(head)
            prefix = root.group(1) + b":" if root and root.group(1) else b""
            pats = _patterns(prefix)
            dim = _DIMENSION.search(head) if use_dimension else None
            dimension = _parse_dimension(dim.group(1).decode("latin-1")) if dim else None
            if dimension:
                _too_big(name, *dimension, limits, declared=True)
                if trust_dimension(dimension, zf.getinfo(part).file_size):
                    return "ok"
                rows, cols = dimension
            else:
                letters = pats["first_cells"].findall(head)
                cols = max(map(col_number, map(bytes.decode, letters)), default=1)
        if dimension is None:
            at = chunk.rfind(pats["row_mark"])
            last = pats["last_row"].match(chunk, at) if at >= 0 else None
            if last is not None:
                seen_rows = max(seen_rows, int(last.group(1)))
                rows = max(rows, _round_up(seen_rows))
        with_formulas, cells_only = _fast_scan(prefix, rows, cols)
        hit = with_formulas.search(chunk)
        if hit is not None and hit.group("formula"):
            _formula_check(name, pats["formula_no_value"], chunk)
            hit = cells_only.search(chunk, hit.end())
        if hit is not None:
            with_ref = hit.group().startswith(pats["cell_r"])
            return "wrong dimension" if dimension and with_ref else "exact"
    if dimension is None and (rows > limits.max_rows or rows * cols > limits.max_cells):
        _too_big(name, seen_rows, cols, limits)  # over for real, or only by the rounding
        return "exact"
    _too_big(name, rows if dimension else seen_rows, cols, limits)
    return "ok"


def _exact_extent(
    zf: zipfile.ZipFile,
    name: str,
    part: str,
    pats: dict[str, Any],
    limits: Limits,
    tick: Tick | None = None,
) -> None:
    """The slow path: follow every <row>/<c> as calamine does (refs, or counting when absent).

    Only for sheets with a wrong dimension, cells without a leading ``r``, or odd references;
    it stops as soon as the extent is over the limits.
    """
    row = col = max_row = max_col = 0
    for chunk in _chunks(zf, part, tick):
        for match in pats["tag"].finditer(chunk):
            ref = _R_ATTR.search(match.group(2))
            if match.group(1) == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                col = col_number(ref.group(1).decode())
                row = int(ref.group(2)) if ref.group(2) else row
            else:
                col += 1
            if row > max_row or col > max_col:
                max_row, max_col = max(max_row, row), max(max_col, col)
                if max_row > limits.max_rows or max_col > limits.max_columns:
                    _too_big(name, max_row, max_col, limits)
        if b"<f" in chunk or b":f" in chunk:
            _formula_check(name, pats["formula_no_value"], chunk)
    _too_big(name, max_row, max_col, limits)


def _doctype() -> ImportFileError:
    return ImportFileError(
        "the workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes; it was"
        " not opened for safety: export it again from the platform"
    )


def _drain(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Decompress a member fully (verifies its real size and CRC) and refuse DTDs in XML."""
    with zf.open(info) as stream:
        head = stream.read(65536)
        if info.filename.endswith((".xml", ".rels")) and _DOCTYPE.search(head):
            raise _doctype()
        while stream.read(_CHUNK):
            pass


def _parse_xml(zf: zipfile.ZipFile, name: str):
    info = zf.getinfo(name)
    if info.file_size > 16 * MB:
        raise ImportFileError(DAMAGED)
    try:
        return SafeET.fromstring(zf.read(info))
    except DefusedXmlException:
        raise _doctype() from None
    except ParseError:
        raise ImportFileError(DAMAGED) from None


def sheet_parts(zf: zipfile.ZipFile, names: dict[str, str]) -> list[tuple[str, str]]:
    """(sheet name, part) for each sheet in workbook order, plus any stray sheet part."""
    found: list[tuple[str, str]] = []
    workbook = names["xl/workbook.xml"]
    rels_name = names.get("xl/_rels/workbook.xml.rels")
    if rels_name is not None:
        book = _parse_xml(zf, workbook)
        rels = _parse_xml(zf, rels_name)
        targets = {}
        for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = target
        for sheet in book.iter(f"{_NS_MAIN}sheet"):
            part = targets.get(sheet.get(f"{_NS_REL}id"))
            if part and part.lower() in names:
                found.append((sheet.get("name", "?"), names[part.lower()]))
    seen = {part for _, part in found}
    for lower, real in names.items():
        if lower.startswith(_SHEET_DIRS) and lower.endswith(".xml") and real not in seen:
            found.append((posixpath.basename(real), real))
    return found


def _open_zip(path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise ImportFileError(DAMAGED) from None


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > _MAX_MEMBERS:
        raise ImportFileError(
            f"the file holds {len(infos):,} parts, far more than a spreadsheet has; it was not"
            " opened: export it again from the platform"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise ImportFileError(
            f"the file unpacks to {human_size(total)}, more than the limit of"
            f" {human_size(limits.max_uncompressed_bytes)}: export a shorter date range"
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportFileError(
                "the file is password-protected: save it without a password, then import it"
            )
        if info.file_size > MB and info.file_size > limits.max_compression_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ImportFileError(
                f"the file looks like a zip bomb (a part unpacks {ratio:,.0f} times larger than it"
                " is stored); it was not opened: export it again from the platform"
            )


def preflight_zip(path, limits: Limits, *, defer_over: float = float("inf")) -> ZipPlan:
    """Check a zip before any parser sees it; returns what it holds, or raises ImportFileError.

    Sheets with more than ``defer_over`` bytes of XML get only their head checked here; their
    cell scan is listed in ``plan.deferred`` for ``scan_deferred``.
    """
    start = time.perf_counter()
    with _open_zip(path) as zf:
        infos = zf.infolist()
        _check_sizes(infos, limits)
        names = {info.filename.lower(): info.filename for info in infos if not info.is_dir()}
        if "xl/workbook.xml" in names:
            plan = ZipPlan("xlsx")
            try:
                parts = sheet_parts(zf, names)
                scanned = set()
                for sheet_name, part in parts:
                    plan.sheet_bytes += zf.getinfo(part).file_size
                    if zf.getinfo(part).file_size > defer_over:
                        check_sheet_head(zf, sheet_name, part, limits)
                        plan.deferred.append((sheet_name, part))
                    else:
                        check_sheet(zf, sheet_name, part, limits)
                    scanned.add(part)
                for info in infos:
                    if not info.is_dir() and info.filename not in scanned:
                        _drain(zf, info)
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, KeyError):
                raise ImportFileError(DAMAGED) from None
            plan.scan_seconds = time.perf_counter() - start
            return plan
        if "xl/workbook.bin" in names:
            raise ImportFileError(
                "this is a binary Excel workbook (.xlsb): open it in Excel and save it as .xlsx"
            )
        csvs = [
            real
            for lower, real in names.items()
            if lower.endswith((".csv", ".tsv")) and not lower.startswith("__macosx/")
        ]
        if csvs:
            return ZipPlan("csvzip", csv_members=csvs, scan_seconds=time.perf_counter() - start)
        if "word/document.xml" in names:
            raise ImportFileError(
                "this is a Word document, not a spreadsheet: " + NOT_A_SPREADSHEET
            )
        if "mimetype" in names and "content.xml" in names:
            raise ImportFileError(
                "this is an OpenDocument file (WPS/LibreOffice): open it and save it as .xlsx"
            )
        listed = ", ".join(sorted(names.values())[:5]) or "nothing"
        raise ImportFileError(
            f"this is a zip archive with no spreadsheet in it (found: {listed}): unzip it and"
            " import the .xlsx or .csv file inside"
        )


def deferred_bytes(path, plan: ZipPlan) -> int:
    """How many bytes of sheet XML ``scan_deferred`` will read."""
    with _open_zip(path) as zf:
        return sum(zf.getinfo(part).file_size for _, part in plan.deferred)


def scan_deferred(path, plan: ZipPlan, limits: Limits, tick: Tick | None = None) -> None:
    """The cell scan ``preflight_zip`` left for later (see ``ZipPlan.deferred``)."""
    with _open_zip(path) as zf:
        try:
            for sheet_name, part in plan.deferred:
                check_sheet(zf, sheet_name, part, limits, tick)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, KeyError):
            raise ImportFileError(DAMAGED) from None
