"""A4 pages as matplotlib Figures: blocks stacked top to bottom, with a header and a footer.

A section adds :class:`Block` s (a height in inches and a function that draws into a SubFigure of
that size) to a :class:`Document`; the document flows them onto pages (a table that does not fit
splits between its rows, a heading keeps with what follows) and renders each page as a Figure:
the page is a column of bands made with ``subfigures(n, 1, height_ratios=…)``, so a chart from
:mod:`app.charts` draws into its band with its own constrained layout.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from app.config import cjk_font_path

if TYPE_CHECKING:
    from matplotlib.figure import Figure, SubFigure

PAGE_WIDTH, PAGE_HEIGHT = 8.27, 11.69  # A4, inches
MARGIN_X = 0.7
HEADER_HEIGHT, FOOTER_HEIGHT = 0.8, 0.6
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
BODY_HEIGHT = PAGE_HEIGHT - HEADER_HEIGHT - FOOTER_HEIGHT

INK, MUTED, RULE, STRIPE, ACCENT = "#222222", "#666666", "#bbbbbb", "#f3f4f6", "#2f5d8a"
BODY_PT, SMALL_PT, HEADING_PT = 9.0, 7.5, 14.0
LINE_SPACING = 1.45  # line height as a multiple of the font size
ROW_HEIGHT = 0.24  # inches, one table row at BODY_PT
POINTS_PER_INCH = 72.0

Draw = Callable[["SubFigure", float, float], None]


# --- Measuring and wrapping text ----------------------------------------------------------------


@cache
def _font() -> Any:
    from matplotlib.ft2font import FT2Font

    path = cjk_font_path()
    if path is None:
        return None
    font = FT2Font(str(path))
    font.set_size(100, 72)  # 1 px = 1 pt at 100 pt: advances read as hundredths of an em
    return font


@cache
def _advance(char: str) -> float:
    """The width of ``char`` in em (Noto Sans CJK's advance; an estimate without the font)."""
    font = _font()
    if font is not None:
        from matplotlib import ft2font

        # matplotlib 3.10 made the load flags an enum; 3.9 has module constants
        flags = ft2font.LoadFlags.NO_HINTING if hasattr(ft2font, "LoadFlags") else 2
        glyph = font.load_char(ord(char), flags=flags)
        return glyph.linearHoriAdvance / 65536 / 100
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.56


@cache
def _fallback_font() -> Any:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    return FT2Font(font_manager.findfont("DejaVu Sans"))


@cache
def _has_glyph(char: str) -> bool:
    if char in "\n\t" or unicodedata.category(char).startswith("Z"):
        return True
    fonts = [f for f in (_font(), _fallback_font()) if f is not None]
    return any(font.get_char_index(ord(char)) for font in fonts)


def printable(text: str) -> str:
    """``text`` without the characters no bundled font draws (emoji in titles): the PDF would
    show empty boxes for them."""
    return "".join(c for c in text if _has_glyph(c))


def text_width(text: str, size: float) -> float:
    """How wide ``text`` is at ``size`` points, in inches."""
    return sum(_advance(c) for c in text) * size / POINTS_PER_INCH


def fit(text: str, width: float, size: float) -> str:
    """``text`` (printable) cut (with …) to fit ``width`` inches at ``size`` points."""
    text = printable(text)
    if text_width(text, size) <= width:
        return text
    room = width - text_width("…", size)
    kept = ""
    for char in text:
        if text_width(kept + char, size) > room:
            break
        kept += char
    return kept.rstrip() + "…"


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of ``text`` no wider than ``width`` inches: Latin words stay whole, CJK breaks
    between any two characters (never before closing punctuation)."""
    lines: list[str] = []
    for paragraph in printable(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, size) or [""])
    return lines


NO_LINE_START = set("，。、；：？！）》」』”’%,.;:!?)")


def _tokens(text: str) -> list[str]:
    """Words (with their trailing space) and single CJK characters."""
    tokens: list[str] = []
    word = ""
    for char in text:
        wide = unicodedata.east_asian_width(char) in "WF"
        if wide or char == " ":
            if word:
                tokens.append(word + (" " if char == " " else ""))
                word = ""
            elif char == " " and tokens:
                tokens[-1] += " "
            if wide:
                tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def _wrap_paragraph(text: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if (
            line
            and text_width((line + token).rstrip(), size) > width
            and token[0] not in (NO_LINE_START)
        ):
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


# --- Blocks -------------------------------------------------------------------------------------


@dataclass
class Block:
    """Something on a page: ``height`` inches tall, drawn by ``draw(subfigure, width, height)``.

    Attributes:
        height: inches.
        draw: draws the block into its band (a SubFigure ``width`` × ``height`` inches).
        keep_with_next: start a new page rather than end a page with this block (headings).
        new_page: the block starts a page.
        split: for a block that may break across pages: given the inches left on the page, the
            part that fits (None when nothing useful does) and the rest.
        least: the height of the smallest part ``split`` gives.
        own_band: draw into a SubFigure of its own (a chart with axes); other blocks share
            one band with their neighbours (see :class:`_Slice`).
    """

    height: float
    draw: Draw
    keep_with_next: bool = False
    new_page: bool = False
    split: Callable[[float], tuple[Block | None, Block | None]] | None = None
    least: float | None = None
    own_band: bool = False

    @property
    def least_height(self) -> float:
        """The smallest first part this block can put on a page (``least`` when it splits)."""
        if self.split is None or self.least is None:
            return self.height
        return min(self.height, self.least)


def spacer(height: float) -> Block:
    """Empty room."""
    return Block(height, lambda _sub, _w, _h: None)


def _place(x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """Inches from the band's top-left corner → the band's own 0..1 coordinates."""
    return x / width, 1 - y / height


def heading(title: str, *, new_page: bool = False) -> Block:
    """A section title with a rule under it."""
    height = 0.5

    def draw(sub: SubFigure, width: float, band: float) -> None:
        from matplotlib.lines import Line2D

        sub.text(0, 1 - 0.3 / band, title, fontsize=HEADING_PT, color=ACCENT, va="baseline")
        y = 1 - 0.4 / band
        sub.add_artist(Line2D([0, 1], [y, y], color=ACCENT, linewidth=0.8))

    return Block(height, draw, keep_with_next=True, new_page=new_page)


def subheading(title: str) -> Block:
    """A smaller title inside a section."""
    height = 0.34

    def draw(sub: SubFigure, width: float, band: float) -> None:
        sub.text(0, 1 - 0.24 / band, title, fontsize=BODY_PT + 1.5, color=INK, va="baseline")

    return Block(height, draw, keep_with_next=True)


def paragraph(text: str, *, size: float = BODY_PT, color: str = INK, indent: float = 0.0) -> Block:
    """Wrapped text (Chinese and English), split between lines across pages."""
    lines = wrap(text, CONTENT_WIDTH - indent, size)
    return _lines_block(lines, size, color, indent)


def _lines_block(lines: list[str], size: float, color: str, indent: float) -> Block:
    line_height = size * LINE_SPACING / POINTS_PER_INCH
    height = line_height * len(lines) + 0.08

    def draw(sub: SubFigure, width: float, band: float) -> None:
        for n, line in enumerate(lines):
            x, y = _place(indent, line_height * (n + 0.78), width, band)
            sub.text(x, y, line, fontsize=size, color=color, va="baseline")

    def split(room: float) -> tuple[Block | None, Block | None]:
        fits = int((room - 0.08) // line_height)
        if fits < 2 or fits >= len(lines):
            return (None, None) if fits < 2 else (_lines_block(lines, size, color, indent), None)
        return (
            _lines_block(lines[:fits], size, color, indent),
            _lines_block(lines[fits:], size, color, indent),
        )

    least = line_height * 2 + 0.08
    return Block(height, draw, split=split if len(lines) > 2 else None, least=least)


def bullets(items: Sequence[str], *, size: float = BODY_PT) -> list[Block]:
    """A numbered list: one wrapped paragraph per item."""
    blocks = []
    for n, item in enumerate(items, start=1):
        label = f"{n}."
        lines = wrap(item, CONTENT_WIDTH - 0.3, size)
        block = _lines_block(lines, size, INK, 0.3)
        draw_lines = block.draw

        def draw(sub: SubFigure, width: float, band: float, label=label, draw_lines=draw_lines):
            line_height = size * LINE_SPACING / POINTS_PER_INCH
            x, y = _place(0.05, line_height * 0.78, width, band)
            sub.text(x, y, label, fontsize=size, color=ACCENT, va="baseline")
            draw_lines(sub, width, band)

        blocks.append(Block(block.height + 0.06, draw))
    return blocks


# --- Tables -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column: its title, width (inches) and alignment (``left`` or ``right``)."""

    title: str
    width: float
    align: str = "left"


@dataclass
class Table:
    """Rows of text under column titles; numbers right-aligned, thin rules, light stripes.

    Attributes:
        columns: the columns; widths are scaled to fill the content width.
        rows: the cells' text, one list per row.
        emphasis: indexes of rows printed in the accent colour (totals).
        size: font size in points.
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    emphasis: frozenset[int] = field(default_factory=frozenset)
    size: float = BODY_PT

    def block(self) -> Block:
        """The table as a block that splits between rows (the titles repeat on each page)."""
        return self._block(0, len(self.rows))

    def _block(self, start: int, end: int) -> Block:
        row_height = ROW_HEIGHT * self.size / BODY_PT
        height = row_height * (end - start + 1) + 0.1

        def split(room: float) -> tuple[Block | None, Block | None]:
            fits = int((room - 0.1) // row_height) - 1
            if fits >= end - start:
                return self._block(start, end), None
            if fits < 2:
                return None, None
            return self._block(start, start + fits), self._block(start + fits, end)

        return Block(
            height,
            lambda sub, width, band: self._draw(sub, width, band, start, end),
            split=split if end - start > 2 else None,
            least=row_height * 3 + 0.1,
        )

    def _draw(self, sub: SubFigure, width: float, band: float, start: int, end: int) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        row_height = ROW_HEIGHT * self.size / BODY_PT
        scale = width / sum(c.width for c in self.columns)
        widths = [c.width * scale for c in self.columns]
        pad = 0.05
        rows = [[c.title for c in self.columns], *self.rows[start:end]]
        for n, cells in enumerate(rows):
            top = n * row_height
            if n > 0 and (start + n) % 2 == 0:
                x, y = _place(0, top + row_height, width, band)
                sub.add_artist(
                    Rectangle((x, y), 1, row_height / band, color=STRIPE, linewidth=0, zorder=0)
                )
            baseline = top + row_height * 0.68
            left = 0.0
            for column, column_width, cell in zip(self.columns, widths, cells, strict=True):
                room = column_width - 2 * pad
                shown = fit(str(cell), room, self.size)
                right = column.align == "right"
                x, y = _place(left + (column_width - pad if right else pad), baseline, width, band)
                color = MUTED if n == 0 else ACCENT if (start + n - 1) in self.emphasis else INK
                sub.text(
                    x,
                    y,
                    shown,
                    fontsize=self.size - (0.5 if n == 0 else 0),
                    color=color,
                    ha="right" if right else "left",
                    va="baseline",
                )
                left += column_width
        for n, weight in ((0, 0.8), (1, 0.6), (len(rows), 0.8)):
            y = 1 - n * row_height / band
            sub.add_artist(Line2D([0, 1], [y, y], color=RULE if n == 1 else INK, linewidth=weight))


# --- Charts -------------------------------------------------------------------------------------


def chart(height: float, build: Callable[[SubFigure], Any]) -> Block:
    """A chart from :mod:`app.charts` drawn into its band (``build(subfigure)``)."""
    return Block(height, lambda sub, _w, _h: build(sub), own_band=True)


class _Slice:
    """A horizontal slice of a band that a text block draws into as if it were its own band.

    A page with a chart is laid out by constrained layout, whose cost grows fast with the
    number of SubFigures: runs of text blocks therefore share one SubFigure, each drawing
    through this stand-in (``text``, ``add_artist`` and ``transSubfigure`` in the block's own
    0..1 coordinates).
    """

    def __init__(self, band: SubFigure, top: float, height: float, total: float) -> None:
        from matplotlib.transforms import Affine2D

        self.band = band
        self.transSubfigure = (
            Affine2D().scale(1, height / total).translate(0, 1 - (top + height) / total)
            + band.transSubfigure
        )

    def text(self, x: float, y: float, s: str, **kwargs: Any) -> Any:
        """Text at (x, y) of the slice."""
        kwargs.setdefault("transform", self.transSubfigure)
        return self.band.text(x, y, s, **kwargs)

    def add_artist(self, artist: Any) -> Any:
        """An artist in the slice's coordinates (unless it has its own transform)."""
        if not artist.is_transform_set():
            artist.set_transform(self.transSubfigure)
        return self.band.add_artist(artist)


def _runs(blocks: Sequence[Block]) -> list[list[Block]]:
    """The blocks grouped into bands: each chart alone, the blocks between charts together."""
    runs: list[list[Block]] = []
    for block in blocks:
        if block.own_band or not runs or runs[-1][-1].own_band:
            runs.append([block])
        else:
            runs[-1].append(block)
    return runs


# --- The document -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """What every page carries: the shop's name and the month in the header, and a footer.

    Attributes:
        left: the header's left text (the shop's name).
        right: the header's right text (the report's title and month).
        footer: the footer's left text.
        page_label: ``page_label(n, total)`` → "第 n / N 页".
    """

    left: str
    right: str
    footer: str
    page_label: Callable[[int, int], str]


def _kept_height(block: Block, queue: Sequence[Block]) -> float:
    """The room the blocks a heading keeps with need: the chain of headings after it and the
    first part of the block they lead to."""
    needed = 0.0
    keep = block.keep_with_next
    for following in queue:
        if not keep:
            break
        needed += following.least_height if not following.keep_with_next else following.height
        keep = following.keep_with_next
    return needed


class Document:
    """Blocks flowed onto A4 pages."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.blocks: list[Block] = []
        self.sections: list[Any] = []  # the chosen sections (the cover lists them)

    def add(self, *blocks: Block) -> None:
        """Append blocks in reading order."""
        self.blocks.extend(blocks)

    def pages(self) -> list[list[Block]]:
        """The blocks of each page."""
        from collections import deque

        pages: list[list[Block]] = [[]]
        room = BODY_HEIGHT
        queue = deque(self.blocks)
        while queue:
            block = queue.popleft()
            if block.new_page and pages[-1]:
                pages.append([])
                room = BODY_HEIGHT
            needed = block.height + _kept_height(block, queue)
            if needed <= room + 1e-9:
                pages[-1].append(block)
                room -= block.height
                continue
            first, rest = block.split(room) if block.split is not None else (None, None)
            if first is not None:
                pages[-1].append(first)
                if rest is not None:
                    queue.appendleft(rest)
            elif pages[-1]:
                queue.appendleft(block)
            else:  # taller than a whole page and unsplittable: placed, the page clips it
                pages[-1].append(block)
            pages.append([])
            room = BODY_HEIGHT
        return [page for page in pages if page] or [[]]

    def render(self) -> list[Figure]:
        """One Figure per page."""
        pages = self.pages()
        return [self._render_page(blocks, n, len(pages)) for n, blocks in enumerate(pages, 1)]

    def _render_page(self, blocks: list[Block], number: int, total: int) -> Figure:
        from app.charts import new_figure

        figure = new_figure(PAGE_WIDTH, PAGE_HEIGHT)
        figure.get_layout_engine().set(w_pad=0.02, h_pad=0.02, wspace=0, hspace=0)
        columns = figure.subfigures(
            1, 3, width_ratios=[MARGIN_X, CONTENT_WIDTH, MARGIN_X], wspace=0
        )
        runs = _runs(blocks)
        heights = [HEADER_HEIGHT, *(sum(b.height for b in run) for run in runs)]
        left_over = BODY_HEIGHT - sum(b.height for b in blocks)
        if left_over > 0.01:
            heights.append(left_over)
        heights.append(FOOTER_HEIGHT)
        bands = columns[1].subfigures(
            len(heights), 1, height_ratios=heights, hspace=0, squeeze=False
        )
        bands = [row[0] for row in bands]
        for sub in (*columns, *bands):
            # a band's background is the page's: Qt's PDF printer fills the unfilled
            # ("fill: none") rectangles matplotlib writes for them black
            sub.patch.set_visible(False)
        self._draw_header(bands[0])
        for band, run, height in zip(bands[1:], runs, heights[1:], strict=False):
            if len(run) == 1:
                run[0].draw(band, CONTENT_WIDTH, run[0].height)
                continue
            top = 0.0
            for block in run:
                part = _Slice(band, top, block.height, height)
                block.draw(part, CONTENT_WIDTH, block.height)  # type: ignore[arg-type]
                top += block.height
        self._draw_footer(bands[-1], number, total)
        if figure.axes:
            # Solve the charts' layout once, now: with an engine left on, every save (the PDF,
            # each SVG page for the printer) first draws the whole page just to lay it out.
            figure.get_layout_engine().execute(figure)
        figure.set_layout_engine("none")
        return figure

    def _draw_header(self, sub: SubFigure) -> None:
        from matplotlib.lines import Line2D

        y = 1 - 0.5 / HEADER_HEIGHT
        sub.text(
            0,
            y,
            fit(self.frame.left, CONTENT_WIDTH * 0.55, BODY_PT),
            fontsize=BODY_PT,
            color=INK,
            va="baseline",
        )
        sub.text(1, y, self.frame.right, fontsize=BODY_PT, color=MUTED, ha="right", va="baseline")
        rule = 1 - 0.6 / HEADER_HEIGHT
        sub.add_artist(Line2D([0, 1], [rule, rule], color=RULE, linewidth=0.6))

    def _draw_footer(self, sub: SubFigure, number: int, total: int) -> None:
        from matplotlib.lines import Line2D

        rule = 1 - 0.12 / FOOTER_HEIGHT
        sub.add_artist(Line2D([0, 1], [rule, rule], color=RULE, linewidth=0.6))
        y = 1 - 0.32 / FOOTER_HEIGHT
        sub.text(0, y, self.frame.footer, fontsize=SMALL_PT, color=MUTED, va="baseline")
        label = self.frame.page_label(number, total)
        sub.text(1, y, label, fontsize=SMALL_PT, color=MUTED, ha="right", va="baseline")
