"""Open data: the published plans as CSV and JSON tables, and their DCAT-AP catalogue.

Everything here is built from `balise.publication.selectors` (published fields only). The column
names are stable and documented in docs/opendata.md; add columns at the end, never rename.
"""
