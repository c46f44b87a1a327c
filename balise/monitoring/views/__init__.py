"""Monitoring pages: a plan's values per year, its yearly evaluation (see ``urls.py``)."""
