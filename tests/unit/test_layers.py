"""Qt stays in the views; heavy modules stay off the start-up path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_MODULES = [
    "app.charts",
    "app.cli",
    "app.config",
    "app.db",
    "app.demo",
    "app.migrations",
    "app.models",
    "app.reports.monthly",
    "app.services.demo_store",
    "app.services.overview",
    "app.services.reports",
    "app.services.shop",
    "app.services.store",
]


def imported_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_modules_do_not_import_qt(module: str) -> None:
    modules = imported_after(f"import {module}")
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}


def test_no_qt_import_outside_views_and_tasks() -> None:
    offenders = []
    for path in (ROOT / "app").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("app/views/") or relative == "app/tasks.py":
            continue
        if "PySide6" in path.read_text(encoding="utf-8"):
            offenders.append(relative)
    assert offenders == []
