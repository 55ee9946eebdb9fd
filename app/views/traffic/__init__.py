"""The Traffic tab's parts: filter bar, sub-views, labels (loaded with the tab, not at start)."""
