"""Balise: Belgian local security and prevention plans as structured, measurable data."""

__version__ = "0.1.0"
