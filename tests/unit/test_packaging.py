"""The installable build's inputs: what packaging/shopreel.spec ships must exist and agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from app import __version__
from app.config import app_icon_path, cjk_font_path
from app.migrations import KNOWN_REVISIONS

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "shopreel.spec"


def test_the_icons_the_spec_and_installer_name_exist() -> None:
    icons = ROOT / "resources" / "icons"
    assert app_icon_path() == icons / "shopreel.png"
    assert app_icon_path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (icons / "shopreel.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "shopreel.icns").read_bytes()[:4] == b"icns"
    iss = (ROOT / "packaging" / "windows" / "shopreel.iss").read_text("utf-8")
    assert "resources\\icons\\shopreel.ico" in iss


def test_the_spec_ships_font_migrations_and_translations() -> None:
    spec = SPEC.read_text("utf-8")
    font = cjk_font_path()
    assert font is not None
    assert font.name in spec
    assert '"resources/fonts"' in spec  # where config.cjk_font_path() looks first
    assert '"app/migrations/versions"' in spec
    assert "script.py.mako" in spec
    assert 'glob("*.qm")' in spec
    versions = sorted(p.stem[:4] for p in (ROOT / "app/migrations/versions").glob("0*.py"))
    assert tuple(versions) == KNOWN_REVISIONS


def test_one_version_everywhere() -> None:
    """pyproject takes the version from app.__version__; the installer script reads it too."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    iss = (ROOT / "packaging" / "windows" / "shopreel.iss").read_text("utf-8")
    assert "__version__" in iss  # not a second copy of the number
    assert project["project"]["optional-dependencies"]["package"][0].startswith("pyinstaller==")
