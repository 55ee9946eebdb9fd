"""Start the ShopReel desktop app: ``python main.py``."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
