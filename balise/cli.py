"""The ``balise`` command line. Every command works on an empty database: it migrates first.

Exit codes: 0 success, 2 bad input (the message says which file and what), 1 unexpected.

Each command imports what it uses inside its function: the console script must call
``django.setup()`` before any model is imported, and ``balise --help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from balise.domain.periods import FIRST_YEAR, LAST_YEAR, plausible_year
from balise.errors import BaliseError

if TYPE_CHECKING:
    from balise.imports.recognise.mapping import Mapping

EXIT_BAD_INPUT = 2


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    _activate_language()


def _activate_language() -> None:
    """Messages in the language the shell asks for (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``, read in gettext's order; the first one Balise speaks wins), else the site's default."""
    from django.conf import settings
    from django.utils import translation

    known = {code for code, _name in settings.LANGUAGES}
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in os.environ.get(variable, "").split(":"):
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in known:
                translation.activate(code)
                return
    translation.activate(settings.LANGUAGE_CODE)


def _ensure_database(verbose: bool = False) -> None:
    """Apply migrations and load the reference lists when the database is new."""
    from django.conf import settings
    from django.core.management import call_command

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if verbose or _migrations_to_apply():
        call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
    call_command("createcachetable", verbosity=0)  # only when CACHE_URL=db:// (else nothing to do)
    from balise.reference.loader import load_reference
    from balise.reference.models import Phenomenon

    if not Phenomenon.objects.exists():
        load_reference()
    _ensure_progress()


def _migrations_to_apply() -> bool:
    """Whether the database lacks a migration: reading the migration graph and the applied ones
    costs ~10 ms, where ``migrate`` with nothing to do still rebuilds every model's state and runs
    its post-migrate handlers (~0.6 s at every command)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _ensure_progress() -> None:
    """A database migrated from before the progress table has indicators but no rows: fill it once."""
    from balise.monitoring.models import IndicatorYearProgress
    from balise.monitoring.progress_store import rebuild
    from balise.plans.models import Indicator

    if not IndicatorYearProgress.objects.exists() and Indicator.objects.exists():
        rebuild()


def _year(text: str) -> int:
    """A --year Balise knows (1990-2100): anything else is a usage error (exit 2), not a crash."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not plausible_year(year):
        raise argparse.ArgumentTypeError(f"{year} is not a year from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def _fail(message: str) -> int:
    print(f"balise: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def cmd_migrate(args: argparse.Namespace) -> int:
    _ensure_database(verbose=True)
    return 0


def cmd_load_reference(args: argparse.Namespace) -> int:
    _ensure_database()
    from balise.reference.loader import load_reference

    counts = load_reference()
    print(", ".join(f"{n} {name}" for name, n in counts.items()))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Exit 2 when the mapping or any document is refused (the others are imported)."""
    _ensure_database()
    from balise.imports.recognise.mapping import Mapping, MappingError

    mapping = None
    if args.mapping:
        try:
            mapping = Mapping.from_json(Path(args.mapping).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, MappingError) as exc:
            _fail(f"{Path(args.mapping).name}: {exc}")
            return EXIT_BAD_INPUT
    summaries = []
    total = len(args.files)
    for n, name in enumerate(args.files, start=1):
        path = Path(name)
        if total > 1 and not args.json:
            print(f"[{n}/{total}] {path.name}", file=sys.stderr)
        summaries.append(_import_file(path, args, mapping))
    if args.json:
        print(json.dumps({"imports": summaries}, ensure_ascii=False, indent=2))
    return EXIT_BAD_INPUT if any("error" in summary for summary in summaries) else 0


def _import_file(path: Path, args: argparse.Namespace, mapping: Mapping | None) -> dict[str, Any]:
    """One document stored as a plan (or attached as a translation): its summary, or the
    refusal (printed) under ``error``: lines left unplaced with ``--strict``, a translation of
    a stored plan, a plan already stored without ``--replace``."""
    from balise.accounts.actors import SYSTEM
    from balise.imports.pipeline import parse_file
    from balise.imports.report import DocumentRefused
    from balise.plans.actions import PlanConflict, import_plan
    from balise.plans.translation import translation_candidates

    try:
        result = parse_file(path, layout=args.layout, mapping=mapping)
        if args.strict and result.unplaced:
            first = result.unplaced[0]
            raise DocumentRefused(
                f"{path.name}: {len(result.unplaced)} unplaced line(s) with --strict; "
                f"first at line {first.number}: {first.text[:80]!r}"
            )
        if args.as_translation_of is not None:
            return _attach_translation(path, result.outline, args.as_translation_of, args.json)
        translated = [] if args.not_a_translation else translation_candidates(result.outline)
        if translated:
            raise DocumentRefused(_translation_notice(path, translated))
        outcome = import_plan(
            result.outline, source_name=path.name, layout=result.layout, replace=args.replace, user=SYSTEM
        )
    except (DocumentRefused, PlanConflict) as exc:
        message = str(exc) if str(exc).startswith(path.name) else f"{path.name}: {exc}"
        if isinstance(exc, PlanConflict):
            message += "; use --replace to store this document as its new version"
        _fail(message)
        return {"file": str(path), "error": message}
    summary = {
        "file": str(path),
        "plan_id": outcome.plan.pk,
        "version": outcome.plan.version,
        "created": outcome.created,
        "message": outcome.message,
        **result.summary(),
    }
    if args.save_mapping and result.reading is not None:
        Path(args.save_mapping).write_text(result.reading.learned(mapping).to_json() + "\n", encoding="utf-8")
    if not args.json:
        _print_summary(summary)
    return summary


def _translation_notice(path: Path, plans: list[Any]) -> str:
    """What to do with a document that has the tree of stored plans in another language."""
    named = ", ".join(f"plan {p.pk} ({p.language}, “{p.title}”)" for p in plans)
    return (
        f"{path.name}: nothing imported: this document has the same structure as {named} in another "
        f"language; attach it as its translation with --as-translation-of {plans[0].pk}, or import it "
        "as a plan of its own with --not-a-translation"
    )


def _attach_translation(path: Path, outline: Any, plan_id: int, quiet: bool) -> dict:
    from balise.accounts.actors import SYSTEM
    from balise.plans.translation import attach_translation

    attached = attach_translation(SYSTEM, plan_id, outline, source_name=path.name)
    summary = {
        "file": str(path),
        "plan_id": attached.plan.pk,
        "translation": attached.language,
        "texts": attached.texts,
    }
    if not quiet:
        print(
            f"{path.name}: attached as the {attached.language} translation of plan {attached.plan.pk} "
            f"v{attached.plan.version}: {attached.texts} texts"
        )
    return summary


def _print_summary(summary: dict) -> None:
    counts = summary["counts"]
    head = f"{summary['file']}: plan {summary['plan_id']} v{summary['version']} ({summary['layout']})"
    if summary["layout"] == "generic" and summary.get("confidence", 1.0) < 0.8:
        head += f" — low confidence ({summary['confidence']:.2f}): review the outline"
    print(f"{head} — {summary['message']}")
    print("  " + ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items() if value))
    lines = summary["lines"]
    print("  lines: " + ", ".join(f"{value} {key}" for key, value in lines.items() if value))
    for line in summary["unplaced"]:
        print(f"  unplaced line {line['line']}: {line['text'][:100]}")


def cmd_export(args: argparse.Namespace) -> int:
    _ensure_database()
    if args.format in ("docx", "pdf"):
        return _export_convention(args)
    if args.format == "xlsx":
        return _export_workbook(args)
    from balise.domain.interchange import dumps
    from balise.plans.models import Plan
    from balise.plans.selectors import dimension_codes, plan_outline, plan_with_tree

    try:
        plan = plan_with_tree(args.plan_id)
    except Plan.DoesNotExist:
        return _fail(f"plan {args.plan_id} does not exist")
    text = dumps(plan_outline(plan, args.lang, dimension_codes(plan)))
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _export_convention(args: argparse.Namespace) -> int:
    """The convention as DOCX or PDF, to ``-o`` or to ``convention-<plan>-<lang>[-<year>].<ext>``."""
    from balise.exports.convention import build_convention, render

    convention = build_convention(args.plan_id, year=args.year, language=args.lang)
    output = Path(args.output or f"{convention.file_stem}.{args.format}")
    output.write_bytes(render(convention, args.format))
    print(f"wrote {output}", file=sys.stderr)
    return 0


def _export_workbook(args: argparse.Namespace) -> int:
    """The evaluation workbook of one year (``--year``, default: the plan's current year)."""
    from balise.monitoring.selectors import plan_years
    from balise.monitoring.views.common import chosen_year
    from balise.plans.models import Plan
    from balise.workbook.apply import export_workbook

    plan = Plan.objects.filter(pk=args.plan_id).first()
    if plan is None:
        return _fail(f"plan {args.plan_id} does not exist")
    years = plan_years(plan)
    year = getattr(args, "year", None)
    if year is not None and year not in years:
        return _fail(f"{year} is outside the period of plan {plan.pk} ({years[0]}-{years[-1]})")
    data = export_workbook(plan, year or chosen_year(None, years))
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_import_workbook(args: argparse.Namespace) -> int:
    """Exit 2 with one line per error when any cell is refused (nothing is applied then)."""
    _ensure_database()
    from balise.workbook.apply import import_workbook
    from balise.workbook.read import WorkbookRefused

    user = _acting_user(args.user)
    path = Path(args.file)
    if not path.is_file():
        return _fail(f"{path}: no such file")
    try:
        outcome = import_workbook(path, user, dry_run=args.dry_run)
    except WorkbookRefused as exc:
        for problem in exc.problems:
            print(f"{path.name}: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except PermissionDenied:
        return _fail(f"{args.user} may not record values of this plan")
    verb = "would be" if args.dry_run else "were"
    print(
        f"{path.name}: plan {outcome.plan.pk} v{outcome.plan.version}, {outcome.year}: "
        f"{outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged "
        f"({verb} applied)"
    )
    return 0


def cmd_import_translation(args: argparse.Namespace) -> int:
    """A document of a stored plan in another language, kept as that plan's translation."""
    _ensure_database()
    from balise.imports.pipeline import parse_file
    from balise.plans.translation import attach_translation

    user = _acting_user(args.user)
    path = Path(args.file)
    result = parse_file(path, layout=args.layout)
    attached = attach_translation(user, args.plan_id, result.outline, source_name=path.name)
    print(
        f"{path.name}: plan {attached.plan.pk} v{attached.plan.version}: "
        f"{attached.texts} texts in {attached.language}"
    )
    return 0


def _acting_user(username: str | None) -> Any:
    """The person named by ``--user`` (who must exist), else Balise itself (the operator)."""
    from django.contrib.auth import get_user_model

    from balise.accounts.actors import SYSTEM

    if not username:
        return SYSTEM
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise BaliseError(f"user {username!r} does not exist")
    return user


def cmd_import_statistics(args: argparse.Namespace) -> int:
    """Police crime statistics or Safety Monitor tables (.csv, .xlsx); exit 2 on a bad file."""
    _ensure_database()
    from balise.accounts.actors import SYSTEM
    from balise.imports.statistics.importing import import_statistics

    for name in args.files:
        path = Path(name)
        if not path.is_file():
            return _fail(f"{path}: no such file")
        report = import_statistics(path.name, path.read_bytes(), user=SYSTEM, strict=args.strict)
        print(
            f"{path.name}: {report.lines} lines, {report.placed} placed, {len(report.unplaced)} unplaced; "
            f"figures {report.created} created, {report.updated} updated"
        )
        for line, text, reason in report.unplaced:
            print(f"  line {line}: {reason}: {text[:100]}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    _ensure_database()
    from balise.plans.selectors import plans_list

    rows = list(plans_list())
    if not rows:
        print("no plans yet: try `balise import FILE` or `balise demo`")
    for plan in rows:
        period = f"{plan.period_start or '?'}..{plan.period_end or '?'}"
        print(f"{plan.pk:>5}  {plan.kind:<5} v{plan.version:<3} {period:<23} {plan.status:<10} {plan.title}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _ensure_database()
    from balise.demo import load_demo

    logins = load_demo()
    print("Demo data loaded. Open http://127.0.0.1:8000/demo/ and pick a role, or log in at")
    print("http://127.0.0.1:8000/accounts/login/ as one of these users (password: demo):")
    for username, role, organisation in logins:
        print(f"  {username:<14} {role:<22} {organisation}")
    return 0


def cmd_send_reminders(args: argparse.Namespace) -> int:
    _ensure_database()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    options = {"dry_run": args.dry_run}
    if args.date:
        options["date"] = args.date
    try:
        call_command("send_reminders", **options)
    except CommandError as exc:
        return _fail(str(exc))
    return 0


def cmd_rebuild_progress(args: argparse.Namespace) -> int:
    _ensure_database()
    from django.core.management import call_command

    call_command("rebuild_progress")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Gunicorn with N workers after collecting the static files; ``--with-worker`` also runs a job
    worker beside it and stops it with the server (the demo)."""
    _ensure_database()
    from django.conf import settings
    from django.db import connections

    from balise.operations.server import ServerOptions, run_server, start_worker_beside, stop
    from balise.operations.static import collect_static

    collect_static()
    connections.close_all()  # the server's processes open their own
    options = ServerOptions(
        host=args.host,
        port=args.port,
        workers=args.workers or settings.BALISE_WEB_WORKERS,
        trusted_proxies=tuple(settings.TRUSTED_PROXIES),
    )
    worker = start_worker_beside() if args.with_worker else None
    try:
        run_server(options)
    finally:
        if worker is not None:
            stop(worker)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run background jobs until stopped (SIGTERM finishes the current job first)."""
    _ensure_database()
    from balise.jobs.worker import run_worker

    run_worker(interval=args.interval, batch=args.batch)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """A consistent archive of every table and of the files, while Balise runs."""
    _ensure_database()
    from balise.operations.backup import backup

    target = Path(args.file)
    if not target.parent.is_dir():
        return _fail(f"{target.parent}: no such folder")
    manifest = backup(target)
    rows = sum(manifest.counts.values())
    print(
        f"wrote {target}: {rows} rows of {len(manifest.counts)} tables, {manifest.files} files",
        file=sys.stderr,
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Into an empty database of either engine (it is not migrated first: the archive says how)."""
    from django.conf import settings

    from balise.operations.backup import restore

    source = Path(args.file)
    if not source.is_file():
        return _fail(f"{source}: no such file")
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    manifest = restore(source)
    rows = sum(manifest.counts.values())
    print(
        f"restored {source}: {rows} rows, {manifest.files} files (backup of {manifest.created_at})",
        file=sys.stderr,
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The annual evaluation report of a plan; nothing is written when the plan or year is refused."""
    _ensure_database()
    from balise.exports.report.data import load_plan
    from balise.exports.report.document import produce

    document = produce(load_plan(args.plan_id), args.year, args.format, args.lang)
    path = Path(args.output or document.filename)
    try:
        path.write_bytes(document.content)
    except OSError as exc:
        return _fail(f"{path}: {exc.strerror}")
    print(f"wrote {path}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="balise", description="Belgian local security and prevention plans as structured data."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_document_commands(sub)
    _add_operation_commands(sub)
    return parser


def _add_document_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Plans, translations, workbooks, reports and statistics in and out."""
    _add_import_command(sub)

    p = sub.add_parser("export", help="export a plan")
    p.add_argument("plan_id", type=int, metavar="PLAN_ID")
    p.add_argument("--format", choices=["json", "xlsx", "docx", "pdf"], default="json")
    p.add_argument("--year", type=_year, help="year of an evaluation workbook (xlsx) or shown (docx, pdf)")
    p.add_argument(
        "--lang",
        choices=["fr", "nl", "de"],
        help="language of a docx/pdf (default: the plan's); the content in its translation into it",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import-translation", help="attach a document of a stored plan in another language as its translation"
    )
    p.add_argument("plan_id", type=int, metavar="PLAN_ID")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--layout", help="force a layout instead of detecting it")
    p.add_argument("--user", metavar="USERNAME", help="attach as this user (who must be allowed)")
    p.set_defaults(func=cmd_import_translation)

    p = sub.add_parser("import-workbook", help="apply the values of an evaluation workbook (.xlsx)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check every cell, apply nothing")
    p.add_argument("--user", metavar="USERNAME", help="record the values as this user (who must be allowed)")
    p.set_defaults(func=cmd_import_workbook)

    p = sub.add_parser("report", help="the annual evaluation report of a plan (PDF or DOCX)")
    p.add_argument("plan_id", type=int, metavar="PLAN_ID")
    p.add_argument("--year", type=_year, required=True, help="the evaluated year")
    p.add_argument("--format", choices=["pdf", "docx"], default="pdf")
    p.add_argument("--lang", choices=["fr", "nl", "de"], help="language of the report (default: the plan's)")
    p.add_argument("-o", "--output", metavar="FILE", help="default: plan-ID-report-YEAR-LANG.FORMAT")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("import-statistics", help="import police crime statistics or Safety Monitor figures")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--strict", action="store_true", help="refuse a file with any unplaced line")
    p.set_defaults(func=cmd_import_statistics)


def _add_import_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``balise import FILE…``: plan documents in, as plans, new versions or translations."""
    p = sub.add_parser(
        "import", help="import plan documents (.txt, .md, .docx, .pdf, .odt, .ods, .xlsx, .json)"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print a JSON summary (with plan_id)")
    p.add_argument("--layout", help="force a layout instead of detecting it")
    p.add_argument("--strict", action="store_true", help="fail when any line could not be placed")
    p.add_argument("--mapping", metavar="FILE", help="apply a mapping of roles, labels and styles (JSON)")
    p.add_argument(
        "--save-mapping", metavar="FILE", help="write the mapping used, with the template's styles (JSON)"
    )
    p.add_argument("--replace", action="store_true", help="store as a new version of an existing plan")
    p.add_argument(
        "--as-translation-of",
        type=int,
        metavar="PLAN_ID",
        help="attach the document (the same plan in another language) as the translation of PLAN_ID",
    )
    p.add_argument(
        "--not-a-translation",
        action="store_true",
        help="import as a plan of its own even when it has the tree of a stored plan in another language",
    )
    p.set_defaults(func=cmd_import)


def _add_operation_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Running Balise: the database, reference and demo data, reminders, backups, the worker, the server."""
    sub.add_parser("list", help="list plans").set_defaults(func=cmd_list)
    sub.add_parser("load-reference", help="load the reference lists").set_defaults(func=cmd_load_reference)
    sub.add_parser("demo", help="load the demo plan and demo users").set_defaults(func=cmd_demo)
    sub.add_parser("migrate", help="create or update the database").set_defaults(func=cmd_migrate)
    p = sub.add_parser("send-reminders", help="e-mail each user the values and evaluations due")
    p.add_argument("--dry-run", action="store_true", help="print the messages instead of sending them")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="compute what is due on this day (default: today)")
    p.set_defaults(func=cmd_send_reminders)
    p = sub.add_parser("backup", help="write every table and file to an archive (while Balise runs)")
    p.add_argument("file", metavar="FILE", help="the archive to write (.tar.gz)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="load an archive of `balise backup` into an empty database")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("worker", help="run background jobs (reports, imports, reminders)")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between looks at an empty queue")
    p.add_argument("--batch", action="store_true", help="run the waiting jobs, then stop")
    p.set_defaults(func=cmd_worker)
    sub.add_parser(
        "rebuild-progress", help="recompute the progress of every indicator and year from the values"
    ).set_defaults(func=cmd_rebuild_progress)
    p = sub.add_parser("serve", help="run the web application (gunicorn)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, help="web worker processes (default: BALISE_WEB_WORKERS or 2)")
    p.add_argument(
        "--with-worker", action="store_true", help="also run a job worker (stopped with the server)"
    )
    p.set_defaults(func=cmd_serve)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup()
    try:
        return args.func(args)
    # The one place where refusals become exit codes: every refusal of the family (bad input, a
    # state that does not allow it, an unknown plan) and a missing role are the user's to fix,
    # one line each, exit 2; anything else is a crash with its traceback.
    except BaliseError as refused:
        for line in str(refused).splitlines() or [type(refused).__name__]:
            _fail(line)
        return EXIT_BAD_INPUT
    except PermissionDenied:
        return _fail("this user may not do this")


if __name__ == "__main__":
    sys.exit(main())
