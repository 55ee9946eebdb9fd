"""File → recognised platform export → normalised records → atomic upsert (no Qt here)."""
