"""Render resources/icons/shopreel.svg into the icon files the builds need.

``shopreel.png`` (512 px, the window icon and Linux), ``shopreel.ico`` (Windows: 16-256 px) and
``shopreel.icns`` (macOS). The outputs are committed; run this only after changing the SVG:
``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py``.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render(svg: Path, size: int) -> Image.Image:
    """The SVG drawn on a transparent ``size`` x ``size`` square, as a Pillow image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data())))


def main() -> None:
    """Write the PNG, ICO and ICNS beside the SVG."""
    _app = QGuiApplication([])
    big = render(ICONS / "shopreel.svg", 1024)
    big.resize((512, 512), Image.Resampling.LANCZOS).save(ICONS / "shopreel.png", optimize=True)
    big.save(ICONS / "shopreel.ico", sizes=ICO_SIZES)
    big.save(ICONS / "shopreel.icns")
    for name in ("shopreel.png", "shopreel.ico", "shopreel.icns"):
        print(f"{name}: {(ICONS / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
