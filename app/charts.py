"""Matplotlib figure builders shared by the tabs and the monthly report (no pyplot, no Qt).

Every builder starts from :func:`new_figure`, which makes sure Chinese labels render with the
bundled Noto Sans CJK SC, whatever fonts the machine has.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from app.config import cjk_font_path

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FALLBACK_FAMILIES = ["DejaVu Sans"]


@cache
def cjk_font_family() -> str | None:
    """Register the CJK font with matplotlib once; its family name (None when missing)."""
    from matplotlib import font_manager

    path = cjk_font_path()
    if path is None:
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def font_rc() -> dict[str, Any]:
    """rcParams that put the CJK font first (Latin falls back to it too) and keep minus signs."""
    family = cjk_font_family()
    families = ([family] if family else []) + FALLBACK_FAMILIES
    return {
        "font.family": "sans-serif",
        "font.sans-serif": families,
        "axes.unicode_minus": False,  # the CJK font has no U+2212 glyph
        "pdf.fonttype": 3,  # DESIGN.md: type 42 embeds an invalid font; type 3 stays searchable
    }


def new_figure(width_in: float = 8.0, height_in: float = 4.5, dpi: int = 100) -> Figure:
    """An empty Figure whose text renders Chinese; builders draw on it."""
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(font_rc())
    return Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
