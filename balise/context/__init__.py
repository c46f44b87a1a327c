"""Context statistics: police crime figures and Safety Monitor results, beside the plans.

They are context for a phenomenon, never a plan's indicator: they live in their own tables,
keyed by organisation (municipality or police zone), published category and year, and reach a
phenomenon only through the category mapping kept as reference data (`data.CATEGORIES`).
"""
