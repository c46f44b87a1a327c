"""Outputs of Balise: charts (``charts``) and, later, documents that reuse them."""
