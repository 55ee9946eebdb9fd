"""Store normalised records: upsert on natural keys, newer snapshots win, every change logged."""
