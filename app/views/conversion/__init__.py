"""The Conversion tab's body and its sub-views (built lazily: pandas and matplotlib)."""
