"""Reading the change log in tests."""

from __future__ import annotations

from app.db import Store
from app.services.edits import ChangeRow, list_changes


def changes(store: Store, **filters: object) -> list[ChangeRow]:
    """The logged changes (newest first), filtered as ``list_changes`` filters them."""
    reader = store.reader()
    try:
        return list_changes(reader, **filters)  # type: ignore[arg-type]
    finally:
        reader.close()
