"""Customer lists to xlsx/CSV (formula-safe, phones masked) and ``shopreel export customers``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.db import Store
from app.services.customers import customer_list, export_customers
from app.services.tiers import recompute_tiers
from tests.conftest import TODAY
from tests.customer_store import add_customer, add_line, add_rules


@pytest.fixture
def shop_db(store: Store) -> str:
    """Two repeat buyers (one named like a formula, one with a phone in its note), one new;
    the store's URL (a SQLite file, or a database on the test server)."""
    add_rules(store, {"name": "老客", "min_orders": 2}, {"name": "新客"})
    evil = add_customer(store, '=HYPERLINK("http://x")', "138****0001")
    plain = add_customer(store, "李**", "139****0002")
    new = add_customer(store, "王**", "137****0003")
    for cid in (evil, plain):
        add_line(store, cid, "2026-11-01 10:00:00", 10_000)
        add_line(store, cid, "2026-11-20 10:00:00", 20_000)
    add_line(store, new, "2026-11-25 10:00:00", 5_000)
    from app.services.customers import set_note

    set_note(store, plain, "回访电话 13912345678")
    recompute_tiers(store, TODAY)
    return store.url


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_cli_exports_one_tier_to_csv(shop_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "repeat.csv"
    code = main(
        [
            "export",
            "customers",
            "--db",
            shop_db,
            "--tier",
            "老客",
            "--out",
            str(out),
            "--as-of",
            "2026-11-28",
        ]
    )
    assert code == 0
    assert "2 customers" in capsys.readouterr().out
    rows = read_csv(out)
    assert rows[0][:3] == ["客户编号", "客户", "手机号"]
    assert [r[5] for r in rows[1:]] == ["老客", "老客"]
    names = {r[1] for r in rows[1:]}
    assert '\'=HYPERLINK("http://x")' in names  # formula-safe: stays text
    assert all("13912345678" not in cell for r in rows for cell in r)
    assert any("139****5678" in cell for r in rows for cell in r)  # the note's phone, masked


def test_cli_exports_a_segment_to_xlsx_with_text_cells(shop_db: str, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    assert (
        main(
            [
                "export",
                "customers",
                "--db",
                shop_db,
                "--out",
                str(out),
                "--as-of",
                "2026-11-28",
            ]
        )
        == 0
    )
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 4
    cell = next(
        c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"
    assert str(cell.value).startswith("'=")
    seg = tmp_path / "seg.csv"
    assert (
        main(
            [
                "export",
                "customers",
                "--db",
                shop_db,
                "--segment",
                "新客户",
                "--out",
                str(seg),
                "--as-of",
                "2026-11-28",
            ]
        )
        == 0
    )
    assert [r[1] for r in read_csv(seg)[1:]] == ["王**"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--tier", "钻石"], "There is no tier '钻石'"),
        (["--segment", "whales"], "There is no RFM segment"),
    ],
)
def test_cli_refuses_unknown_names_and_writes_nothing(
    shop_db: str,
    tmp_path: Path,
    capsys,
    extra: list[str],
    message: str,  # noqa: ANN001
) -> None:
    out = tmp_path / "x.csv"
    assert main(["export", "customers", "--db", shop_db, *extra, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_refuses_other_file_types(shop_db: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert main(["export", "customers", "--db", shop_db, "--out", str(tmp_path / "x.pdf")]) == 2
    assert ".xlsx or .csv" in capsys.readouterr().err


def test_english_headers_and_chosen_customers(store: Store, tmp_path: Path) -> None:
    one = add_customer(store, "甲**", "138****0001")
    add_line(store, one, "2026-11-20 10:00:00", 12_345)
    add_customer(store, "乙**", "138****0002")
    frame = customer_list(store.reader(), TODAY, ids=[one])
    out = tmp_path / "chosen.csv"
    assert export_customers(frame, out, language="en", mask_names=True) == 1
    rows = read_csv(out)
    assert rows[0][:3] == ["Customer", "Name", "Phone"]
    assert rows[1][1] == "甲**"
    assert rows[1][rows[0].index("Net paid")] == "123.45"
    with pytest.raises(ValueError, match=".xlsx or .csv"):
        export_customers(frame, tmp_path / "x.json")
