"""The to-do list: what waits for each user across monitoring and finance (`items`), the e-mail
reminders of it (`reminders`, `manage.py send_reminders`) and the home page's panel
(``{% load todo %}{% due_panel %}``). It sits above monitoring and finance, which each know one part."""
