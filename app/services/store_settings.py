"""Shop-wide settings kept in the store (JSON values): they travel with the store and its backups.

Per-user choices (language, last tab, column widths) are preferences, not these. Keys are dotted
by area, e.g. ``customers.rfm_mode``, ``retention.warning_days``, ``retention.negative_keywords``.
"""

from __future__ import annotations

import json
from typing import Any

from app.db import Reader, Store


def get_setting(reader: Reader, key: str, default: Any = None) -> Any:
    """The stored value of ``key`` (decoded JSON), or ``default`` when it was never set."""
    _columns, rows = reader.query("SELECT value FROM store_settings WHERE key = :key", {"key": key})
    if not rows:
        return default
    return json.loads(rows[0][0])


def set_setting(store: Store, key: str, value: Any) -> None:
    """Store ``value`` (anything JSON can hold) under ``key``, replacing an earlier value."""
    from sqlalchemy import select

    from app.models import StoreSetting

    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with store.session_scope() as session:
        row = session.scalars(select(StoreSetting).where(StoreSetting.key == key)).first()
        if row is None:
            session.add(StoreSetting(key=key, value=text))
        else:
            row.value = text
