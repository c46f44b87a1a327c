"""``manage.py send_reminders [--dry-run] [--date YYYY-MM-DD]``: e-mail each user what is due."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balise.todo.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail each user the values and evaluations waiting for them (once a day per item)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print the messages instead of sending")
        parser.add_argument("--date", help="the day to compute what is due for (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r}: write the date as YYYY-MM-DD") from None
        outcome = send_reminders(today, dry_run=options["dry_run"], out=self.stdout)
        verb = "would send" if options["dry_run"] else "sent"
        self.stdout.write(
            f"{verb} {outcome.sent} message(s) with {outcome.items} item(s); "
            f"{outcome.skipped} item(s) already sent today"
        )
