"""Every UI string has a Simplified Chinese translation, and the compiled file is current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "shopreel_zh_CN.ts"
BIN = Path(sys.executable).parent


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    copy = tmp_path / "check.ts"
    shutil.copyfile(TS, copy)
    sources = [str(p) for p in (ROOT / "app" / "views").rglob("*.py")] + [
        str(ROOT / "app/tasks.py")
    ]
    done = subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0 new" in done.stdout, "run `make i18n-update` and translate the new strings"
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert text.count("<source>") > 200


def test_compiled_translation_is_not_older_than_its_source() -> None:
    qm = TS.with_suffix(".qm")
    assert qm.exists(), "run `make setup` to compile the translation"
    assert qm.stat().st_mtime >= TS.stat().st_mtime
