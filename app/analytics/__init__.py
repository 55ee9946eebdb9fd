"""Pure analytics: DataFrames in, DataFrames and numbers out (no SQL, no Qt)."""
