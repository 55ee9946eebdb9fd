"""The headless commands: version, migrate, demo."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app import __version__, migrations
from app.cli import build_parser, main
from app.db import Store, sqlite_revision
from tests.query import scalar


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"shopreel {__version__}"


def test_db_is_accepted_before_and_after_the_command() -> None:
    assert build_parser().parse_args(["--db", "a.db", "migrate"]).db == "a.db"
    assert build_parser().parse_args(["migrate", "--db", "b.db"]).db == "b.db"
    assert build_parser().parse_args([]).command is None


def test_migrate_creates_a_current_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new" / "shop.db"
    assert main(["migrate", "--db", str(path)]) == 0
    assert sqlite_revision(path) == migrations.HEAD_REVISION
    assert f"schema {migrations.HEAD_REVISION}" in capsys.readouterr().out


def test_migrate_refuses_a_newer_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shop.db"
    main(["migrate", "--db", str(path)])
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    assert main(["migrate", "--db", str(path)]) == 1
    assert "newer ShopReel" in capsys.readouterr().err


def test_demo_builds_a_shop_and_refuses_to_overwrite_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--seed", "3", "--today", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    assert "videos" in out
    with sqlite3.connect(path) as conn:
        lines = conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0]
    assert lines > 1000
    assert main(["demo", "--db", str(path)]) == 1
    assert "already" in capsys.readouterr().err.lower()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == lines
    assert main(["demo", "--db", str(path), "--force", "--seed", "3", "--today", "2026-11-28"]) == 0


def test_bad_dates_are_explained(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--today", "28/11/2026"])
    assert "expected a date like 2026-11-28" in capsys.readouterr().err


def test_import_prints_json_and_fails_on_a_rejected_file(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tests.exports import channels_videos, write_csv

    good = channels_videos(tmp_path / "视频号_动态数据明细.csv", [10, 20])
    bad = write_csv(tmp_path / "notes.csv", ["备注", "金额"], [["x", "1"]])
    db = store.url
    assert main(["import", "--db", db, "--json", str(good), str(bad)]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [(r["file"], r["status"]) for r in results] == [
        ("视频号_动态数据明细.csv", "imported"),
        ("notes.csv", "rejected"),
    ]
    assert results[0]["inserted"] == 2
    assert results[0]["kind"] == "channels_video_detail"
    assert "recognise" in results[1]["error"]["message"]
    assert main(["import", "--db", db, str(good)]) == 0
    assert "already imported" in capsys.readouterr().out
    assert scalar(store, "SELECT COUNT(*) FROM videos") == 2


def test_dry_run_writes_nothing(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.dump import dump_hash
    from tests.exports import channels_videos

    path = channels_videos(tmp_path / "v.csv", [10])
    before = dump_hash(store)
    assert main(["import", "--db", store.url, "--dry-run", str(path)]) == 0
    assert "would import" in capsys.readouterr().out
    assert scalar(store, "SELECT COUNT(*) FROM videos") == 0
    assert dump_hash(store) == before


def test_stats_prints_the_months_figures(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tests.exports import doudian_line, doudian_orders

    path = doudian_orders(tmp_path / "o.csv", [doudian_line(1), doudian_line(2, buyer=1)])
    db = store.url
    assert main(["import", "--db", db, str(path)]) == 0
    capsys.readouterr()
    assert main(["stats", "--db", db, "--month", "2026-10", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["orders_paid"] == 2
    assert figures["gmv"] == 238.0
    assert figures["gmv_by_currency"] == {"CNY": 238.0}
    assert (figures["buyers"], figures["repeat_buyers"], figures["new_customers"]) == (1, 1, 1)
    assert main(["stats", "--db", db, "--month", "2026-13"]) == 2


def test_needs_prints_the_repeated_terms(
    demo_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from app.services import retention

    args = ["needs", "--db", demo_store.url, "--from", "2026-09-01", "--to", "2026-11-28"]
    assert main([*args, "--limit", "5", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    reader = demo_store.reader()
    expected = retention.needs_insight(reader, date(2026, 9, 1), date(2026, 11, 28), limit=5)
    reader.close()
    assert [row["term"] for row in printed] == list(expected["term"])
    assert [row["mentions"] for row in printed] == list(expected["mentions"])
    assert len(printed) == 5
    assert main([*args, "--complaints", "--limit", "50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any("起球" in line.split("\t")[0] for line in lines)
    assert all(line.endswith("%") for line in lines)
