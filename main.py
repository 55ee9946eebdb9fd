"""Start the ShopReel desktop app: ``python main.py``."""

import multiprocessing
import os
import sys

from app.cli import main
from app.config import persist_matplotlib_cache

if __name__ == "__main__":
    # A windowed build (ShopReel.exe on Windows) has no console: what would be printed is dropped.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    persist_matplotlib_cache()
    # The frozen app's reader processes (big workbooks are parsed in a child) start here too.
    multiprocessing.freeze_support()
    raise SystemExit(main())
