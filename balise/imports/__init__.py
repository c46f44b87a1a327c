"""Importers: documents (text, DOCX, PDF, interchange JSON) → `PlanOutline` + report.

The layout parsers in this package are pure Python (no Django); saving an outline is the job
of `balise.plans.actions.import_plan`.
"""
