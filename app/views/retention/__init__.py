"""The Retention tab's body (留存活动): churn warning, campaigns, UGC, needs, crisis watch."""
