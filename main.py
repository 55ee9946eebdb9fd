"""Start the ShopReel desktop app: ``python main.py``."""

import multiprocessing

from app.cli import main

if __name__ == "__main__":
    # The frozen app's reader processes (big workbooks are parsed in a child) start here too.
    multiprocessing.freeze_support()
    raise SystemExit(main())
