"""The plan pages: list, plan page with in-place editing, import from the browser."""
