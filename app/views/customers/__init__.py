"""The Customers tab's body (私域客户): ledger, merges, RFM, tiers, private domain, LTV."""
