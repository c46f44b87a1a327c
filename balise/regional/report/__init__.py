"""The annual implementation report: built once from the data (`data.build_report`) into frozen
dataclasses, then written as an HTML page, a DOCX (python-docx) or a PDF (WeasyPrint)."""
