"""Charts render Chinese with the bundled font, with no missing-glyph warnings."""

from __future__ import annotations

import io
import warnings

from matplotlib import font_manager

from app.charts import cjk_font_family, font_rc, new_figure


def test_the_cjk_font_is_registered_with_matplotlib() -> None:
    family = cjk_font_family()
    assert family == "Noto Sans CJK SC"
    found = font_manager.findfont(font_manager.FontProperties(family=family))
    assert found.endswith("NotoSansCJKsc-Regular.otf")
    assert font_rc()["font.sans-serif"][0] == family


def test_a_chinese_chart_draws_every_glyph() -> None:
    figure = new_figure(4, 3)
    axes = figure.add_subplot()
    axes.bar(["抖音", "快手", "视频号"], [3, -1, 2])
    axes.set_title("各平台播放量 −1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" would be raised here
        png = io.BytesIO()
        figure.savefig(png, format="png")
    assert png.getvalue().startswith(b"\x89PNG")
