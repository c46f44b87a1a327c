"""Reading published crime statistics and Safety Monitor tables (CSV or XLSX) into figures.

`read_rows` turns a file into rows of text cells; `parse` finds the header (the place, category
and year columns, in French, Dutch, German or English), then accounts for every non-empty line
below it: placed as figures, or listed unplaced with the reason (unknown place, unknown category,
no value). Both layouts of the published files are read: one column per year ("wide") and one
line per year ("long").
"""
