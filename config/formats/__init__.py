"""Belgian date and number formats, one module per language (Django's FORMAT_MODULE_PATH).

Django's own `fr` and `nl` formats are those of France and the Netherlands (e.g. "d-m-Y" in
Dutch); Belgian documents write 22/11/2026 and 1 234,56 in both languages.
"""
