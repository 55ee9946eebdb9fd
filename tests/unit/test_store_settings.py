"""Shop-wide settings round-trip through the store."""

from __future__ import annotations

from app.db import Store
from app.services.store_settings import get_setting, set_setting


def test_a_setting_round_trips_and_is_replaced(store: Store) -> None:
    reader = store.reader()
    try:
        assert get_setting(reader, "retention.warning_days", 30) == 30
        set_setting(store, "retention.negative_keywords", ["质量差", "假货"])
        set_setting(store, "retention.warning_days", 45)
        set_setting(store, "retention.warning_days", 60)
        assert get_setting(reader, "retention.warning_days") == 60
        assert get_setting(reader, "retention.negative_keywords") == ["质量差", "假货"]
        _columns, rows = reader.query("SELECT COUNT(*) FROM store_settings")
        assert rows[0][0] == 2
    finally:
        reader.close()
