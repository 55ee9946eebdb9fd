"""Start-up as a user gets it: smoke and screenshot commands, nothing heavy before the window."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
TABS = ["content", "traffic", "conversion", "customers", "retention", "imports"]


def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "app.cli", *args]
    with tempfile.TemporaryDirectory() as home:
        # A settings folder of its own: the user's saved last tab must not decide what loads.
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "XDG_DATA_HOME": str(Path(home) / "data"),
        }
        return subprocess.run(
            command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=180
        )


def test_smoke_prints_startup_time(demo_db: Path) -> None:
    done = run("--db", str(demo_db), "smoke")
    assert done.returncode == 0, done.stderr
    key, value = done.stdout.strip().split("=")
    assert key == "startup_ms"
    assert 0 < int(value) < 60_000


def test_smoke_fails_cleanly_on_a_damaged_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    done = run("--db", str(bad), "smoke")
    assert done.returncode == 1
    assert "damaged" in done.stderr


def test_window_shows_before_heavy_modules_load(demo_db: Path) -> None:
    code = (
        "import sys\nfrom app.cli import main\n"
        f"rc = main(['--db', {str(demo_db)!r}, 'smoke'])\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'sqlalchemy', 'alembic',\n"
        "                     'app.services.imports', 'python_calamine', 'sqlcipher3', 'keyring')\n"
        "         if m in sys.modules]\n"
        "print('heavy=' + ','.join(heavy), rc)\n"
    )
    done = run(code=code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "heavy= 0"


def test_screenshots_of_every_tab_in_chinese(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    done = run("--db", str(demo_db), "screenshot", "--out", str(out), "--lang", "zh_CN")
    assert done.returncode == 0, done.stderr
    for tab in TABS:
        image = QImage(str(out / f"{tab}.png"))
        assert (image.width(), image.height()) == (1280, 800), tab
        assert len({image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}) > 8


def test_screenshot_of_an_empty_store_is_the_welcome_page(tmp_path: Path) -> None:
    done = run("--db", str(tmp_path / "new.db"), "screenshot", "--out", str(tmp_path / "s"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "welcome.png").exists()
