"""The demo shop as a store of its own, for the GUI's "Open the demo shop" and ``make run``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.config import sqlite_url
from app.services.overview import store_is_empty
from app.services.progress import NullProgress, Progress
from app.services.store import open_store


def ensure_demo_store(
    path: Path,
    *,
    seed: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> str:
    """Build the demo shop at ``path`` unless it is already there; return the store's URL."""
    from app.demo import DEFAULT_SEED, build_demo

    url = sqlite_url(path)
    store = open_store(url)
    try:
        reader = store.reader()
        try:
            empty = store_is_empty(reader)
        finally:
            reader.close()
        if empty:
            build_demo(
                store,
                seed=DEFAULT_SEED if seed is None else seed,
                today=today,
                progress=progress or NullProgress(),
            )
    finally:
        store.dispose()
    return url
