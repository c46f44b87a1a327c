"""What a municipality or region chooses to show the public, and the reads of the public site.

A plan is published by a named action (`actions.publish`) that says which parts go public: the
signed plan itself, its indicators and targets, the values of the years whose evaluation is
analysed or closed, and that analysed evaluation. Nothing else is ever read for the public:
the selectors here build frozen dataclasses holding only published fields (no user, no comment,
no source, no draft), which the public pages, the open-data files and the catalogue all use.
"""
