"""The services' error messages reach the shop owner in the UI language."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.services.campaigns import CampaignError
from app.services.costs import CostImportError
from app.services.experiments import ExperimentError
from app.services.shop import AccountProfile, ProfileError, ShopProfile, validate_profile
from app.views.i18n import Translations
from app.views.service_errors import MESSAGES, error_text, message_text
from tests.source_texts import message_template

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [
        *(ROOT / "app" / "services").glob("*.py"),
        *(ROOT / "app" / "analytics").glob("*.py"),
        ROOT / "app" / "db.py",
    ]
)
# Files whose every raised message is for the shop owner (the others' are mostly for callers).
USER_FACING = (
    "backups.py",
    "encryption.py",
    "shop.py",
    "campaigns.py",
    "customers.py",
    "experiments.py",
    "costs.py",
    "cost_file.py",
    "db.py",
    "privacy.py",
    "team_store.py",
)
# Raised there, but never shown: a caller's mistake, or a state the UI does not offer.
INTERNAL = {
    "unknown backup reason %1",
    "Unknown alert status %1.",
    "The alert is already %1.",
    "A %1 can be in only one variant (it is in %2 and %3).",
}


def _texts(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = message_template(node) if isinstance(node, ast.expr) else None
        if text:
            yield text


def _raised(path: Path) -> Iterator[str]:
    """The message of each ``raise SomeError(...)``: the first argument, or the second after a
    field name (``ExperimentError("name", "Give the experiment a name.")``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        texts = [message_template(a) for a in node.exc.args[:2]]
        field_first = len(texts) == 2 and texts[0] is not None and re.fullmatch(r"\w+", texts[0])
        message = texts[1] if field_first else texts[0] if texts else None
        if message:
            yield message


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_listed_message_is_a_services_text_word_for_word() -> None:
    texts = {text for path in SOURCES for text in _texts(path)}
    assert [m for m in MESSAGES if m not in texts] == []
    assert len(set(MESSAGES)) == len(MESSAGES)


def test_every_message_the_shop_owner_can_meet_is_listed() -> None:
    raised = {m for p in SOURCES if p.name in USER_FACING for m in _raised(p)}
    missing = sorted(m for m in raised if m not in MESSAGES and m not in INTERNAL)
    assert missing == []


@pytest.mark.usefixtures("chinese")
def test_every_listed_message_reads_in_chinese() -> None:
    for message in MESSAGES:
        filled = re.sub(r"%\d", "“x”", message)
        assert has_chinese(message_text(filled)), message


@pytest.mark.usefixtures("chinese")
def test_real_errors_read_in_chinese() -> None:
    profile = ShopProfile(
        "云朵小屋", (AccountProfile("douyin", "a"), AccountProfile("douyin", "a"))
    )
    with pytest.raises(ProfileError) as twice:
        validate_profile(profile)
    assert error_text(twice.value) == "第 2 个账号：抖音 账号 'a' 重复填写了。"
    wrong = ShopProfile("云朵小屋", (AccountProfile("douyin", "a", currency="XYZ"),))
    with pytest.raises(ProfileError) as currency:
        validate_profile(wrong)
    assert error_text(currency.value) == "第 1 个账号：未知币种 'XYZ'。"
    assert error_text(CampaignError("Give the campaign a name.")) == "请给活动起个名字。"
    named = ExperimentError("name", "Give the experiment a name.")
    assert error_text(named) == "请给测试起个名字。"
    twice_in_file = CostImportError(
        "This product and SKU is already on row 3.", file="成本.xlsx", row=5
    )
    assert error_text(twice_in_file) == "成本.xlsx，第 5 行：这个商品和规格已经在第 3 行出现过。"
    from app.services.backups import BackupError

    missing = BackupError("There is no store at /x/shop.db to back up.")
    assert error_text(missing) == "/x/shop.db 处没有数据库，无法备份。"
    unknown = ValueError("something new")
    assert error_text(unknown) == "something new"  # unknown messages stay as they are


def test_in_english_the_messages_are_the_services_own(qapp: QApplication) -> None:
    Translations(qapp).apply("en")
    error = CampaignError("The cost cannot be negative.")
    assert error_text(error) == str(error)
    named = ExperimentError("name", "Give the experiment a name.")
    assert error_text(named) == "Give the experiment a name."  # without the field's code


@pytest.mark.usefixtures("chinese")
def test_the_store_and_key_errors_read_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import db

    path = tmp_path / "shop.db"
    with pytest.raises(db.StoreError) as absent:
        db.SqliteReader(path)
    assert error_text(absent.value) == f"数据库 {path} 不存在。"
    path.write_bytes(os.urandom(4096))  # random whole pages: what an encrypted store looks like
    monkeypatch.setattr(db, "encryption_available", lambda: True)
    monkeypatch.setattr(db, "store_key", lambda _path: None)
    with pytest.raises(db.MissingKeyError) as missing:
        db.connect(path)
    text = error_text(missing.value)
    assert text.startswith(f"{path} 已加密，但这台电脑的系统钥匙串里没有它的密钥")
    assert re.findall(r"[A-Za-z]{2,}", text.replace(str(path), "")) == []
    no_keyring = error_text(db.KeyringUnavailableError(db._no_keyring(RuntimeError("无后端"))))
    assert (
        no_keyring
        == "这台电脑的系统钥匙串无法使用（无后端）。加密数据库的密钥要保存在那里；没有做任何改动。"
    )


@pytest.mark.usefixtures("chinese")
def test_a_failed_upgrade_reads_in_chinese_with_or_without_a_backup() -> None:
    from app.services.store import MigrationError

    failed = (
        "Upgrading the store /x/shop.db from schema 0004 failed (disk I/O error). "
        "The upgrade was rolled back and nothing was changed."
    )
    expected = (
        "把数据库 /x/shop.db 从第 0004 版结构升级时失败了（disk I/O error）。"
        "升级已回滚，没有做任何改动。"
    )
    assert error_text(MigrationError(failed)) == expected
    kept = failed + " A backup made just before is at /x/backups/shop.db."
    assert error_text(MigrationError(kept)) == expected + "升级前刚做的备份在 /x/backups/shop.db。"
