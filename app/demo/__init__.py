"""The demo shop: a fictional home-textile shop's last 90 days on five platforms.

``build_demo(store, seed=..., today=...)`` fills an empty store with a realistic, deterministic
shop (same seed and today, same data) so every tab, the report and the CLI have something real to
show before the owner imports their own exports. It gets there the owner's way: it writes the
platforms' export files and imports them with the importer, then adds what no export carries.
"""

from app.demo.builder import DEFAULT_SEED, DemoSummary, build_demo

__all__ = ["DEFAULT_SEED", "DemoSummary", "build_demo"]
