"""The audit trail of a plan: every recorded change to its content."""
