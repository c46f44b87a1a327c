"""Import drafts: an uploaded document read into blocks and roles, reviewed and corrected by the
user, and written as a plan only on confirmation; the corrections kept as a mapping per
municipality and document template."""
