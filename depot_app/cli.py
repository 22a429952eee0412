"""Command line: ``depot-app [--data-dir DIR] [--db URL] [COMMAND ...]``.

Without a command the desk window opens. Commands for scheduled and scripted
runs share the services with the window, so both follow the same rules.
Every command exits non-zero with a clear message on bad input.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from depot_app import cli_outbox
from depot_app.cli_address import add_address_parsers, cmd_address, cmd_cases
from depot_app.cli_photos import add_photo_parsers, cmd_photos
from depot_app.cli_tracking import add_tracking_parser, cmd_tracking
from depot_app.config import AppConfig, resolve_config, setup_logging
from depot_app.domain.errors import DepotError, NotFoundError, ValidationError
from depot_app.domain.money import format_yuan

log = logging.getLogger(__name__)

Command = Callable[[argparse.Namespace, AppConfig], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="depot-app",
        description="Depot Desk (网点问题件工作台): the problem-parcel desk of a courier depot.")
    parser.add_argument("--data-dir", help="data folder (default: the platform's user data folder; "
                        "env DEPOT_DATA_DIR)")
    parser.add_argument("--db", dest="db_url", help="database URL (default: SQLite in the data folder; "
                        "env DEPOT_DB_URL), e.g. postgresql+psycopg://desk@server/depot")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language for this run")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the desk window (the default)")
    demo = sub.add_parser("demo-data", help="fill the database with realistic sample cases")
    demo.add_argument("--cases", type=int, default=2000, help="how many cases (default 2000)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    sub.add_parser("migrate", help="bring the database to the current schema and exit")
    shots = sub.add_parser("screenshots", help="render the main screens to PNG files")
    shots.add_argument("--out", required=True, help="folder for the PNG files")
    shots.add_argument("--cases", type=int, default=300, help="demo cases to show (default 300)")

    export = sub.add_parser("export", help="write a PDF report or the monthly Excel workbook")
    what = export.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name, helptext in (("case", "case report PDF"), ("claim", "compensation claim form PDF")):
        p = what.add_parser(name, help=helptext)
        p.add_argument("case_no", metavar="CASE_NO", help="case number, e.g. SH01-261120-0007")
        _export_options(p, "PDF")
    closed = what.add_parser("closed", help="every case closed in a period, one PDF with contents")
    closed.add_argument("--from", dest="date_from", required=True, type=_date, help="first day, YYYY-MM-DD")
    closed.add_argument("--to", dest="date_to", required=True, type=_date, help="last day, YYYY-MM-DD")
    _export_options(closed, "PDF")
    month = what.add_parser("month", help="monthly workbook (.xlsx) for head office and finance")
    month.add_argument("month", metavar="YYYY-MM", type=_month, help="the month, e.g. 2026-11")
    _export_options(month, "xlsx")

    report = sub.add_parser("report", help="print figures")
    report_what = report.add_subparsers(dest="report_what", metavar="WHAT", required=True)
    dash = report_what.add_parser("dashboard", help="the manager's figures for a period and the one before")
    dash.add_argument("--from", dest="date_from", required=True, type=_date, help="first day, YYYY-MM-DD")
    dash.add_argument("--to", dest="date_to", required=True, type=_date, help="last day, YYYY-MM-DD")
    dash.add_argument("--json", action="store_true", help="print every figure as JSON")
    dash.add_argument("--pdf", metavar="FILE", help="also write the dashboard as a one-page PDF")
    dash.add_argument("--lang", dest="pdf_lang", choices=["zh", "zh_CN", "en"],
                      help="language of the PDF (default: the run's --lang, else Chinese)")
    dash.add_argument("--by", help="manager name or id (default: the first manager)")
    _pin_option(dash)

    sub.add_parser("check", help="check the photo store: missing or altered files, files no record "
                   "points to; on PostgreSQL the photos in the database, chunk by chunk (exits 1 when "
                   "anything is wrong)")
    imp = sub.add_parser("import", help="register cases from a head-office list (.xlsx or .csv); "
                         "exits 3 when some rows were refused")
    imp.add_argument("file", metavar="FILE", help="the list to import")
    imp.add_argument("--report", help="where to write the row-by-row report (default: beside FILE)")
    imp.add_argument("--by", help="operator name or id recorded on the cases (default: the first manager)")
    _pin_option(imp)

    add_photo_parsers(sub)
    add_tracking_parser(sub, _pin_option)
    add_address_parsers(sub, _pin_option)

    backup = sub.add_parser("backup", help="write one backup archive (database and photos) of an SQLite depot")
    backup.add_argument("--out", help="folder for the archive (default: the data folder's backups/)")
    restore = sub.add_parser("restore", help="verify a backup archive and restore it (SQLite; close the desk "
                             "first); the current database is kept aside")
    restore.add_argument("archive", metavar="ARCHIVE", help="a depot-backup-YYYYMMDD-HHMMSS.zip")

    ops = sub.add_parser("operators", help="list, add, set the PIN of or unlock operators (run on the machine "
                         "holding the database, e.g. when the only manager forgot their PIN)")
    op_cmd = ops.add_subparsers(dest="op_command", metavar="ACTION", required=True)
    op_cmd.add_parser("list", help="every operator with role, state and last sign-in")
    add = op_cmd.add_parser("add", help="add an operator (asks for the PIN twice)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=["courier", "clerk", "manager"], required=True)
    _pin_option(add)
    set_pin = op_cmd.add_parser("set-pin", help="set an operator's PIN (also lifts a lock-out)")
    set_pin.add_argument("name", metavar="NAME", help="operator name or id")
    _pin_option(set_pin)
    unlock = op_cmd.add_parser("unlock", help="lift a lock-out after too many wrong PINs")
    unlock.add_argument("name", metavar="NAME", help="operator name or id")
    cli_outbox.add_parsers(sub)
    return parser


def _pin_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pin-stdin", action="store_true",
                   help="read the operator's PIN from the first line of standard input instead of asking "
                   "(for scripts; needed when the operator has a PIN)")


def _export_options(p: argparse.ArgumentParser, kind: str) -> None:
    p.add_argument("-o", "--out", required=True, help=f"the {kind} file to write")
    p.add_argument("--unmasked", action="store_true",
                   help="show full phones and addresses (recorded on the audit trail)")
    p.add_argument("--by", help="operator name or id doing the export (default: the first manager)")
    _pin_option(p)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date like 2026-11-20") from None


def _month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a month like 2026-11") from None
    return year, month


def _operator_id(services, who: str | None, args: argparse.Namespace | None = None) -> int:  # type: ignore[no-untyped-def]
    """The operator named (by name or id), or the first manager — signed in with their PIN.

    What a command does is recorded under this operator, so an operator who
    has a PIN must give it (``--pin-stdin``, or typed when run in a terminal);
    the sign-in is on the audit trail as made from the command line.
    """
    operators = services.operators.list()
    chosen = None
    if who:
        for op in operators:
            if who == op.name or (who.isdigit() and int(who) == op.id):
                chosen = op
        if chosen is None:
            names = ", ".join(op.name for op in operators) or "none"
            raise ValidationError(f"No active operator “{who}”. Operators: {names}.",
                                  f"没有名为“{who}”的在职操作员。现有操作员：{names}。", field="by")
    else:
        managers = [op for op in operators if op.role.value == "manager"]
        chosen = managers[0] if managers else services.operators.ensure_first()
    if chosen.has_secret:
        if args is not None and getattr(args, "pin_stdin", False):
            secret = sys.stdin.readline().rstrip("\r\n")
        elif sys.stdin.isatty():
            import getpass

            secret = getpass.getpass(f"PIN of {chosen.name} / {chosen.name} 的 PIN: ")
        else:
            raise ValidationError(
                f"This is recorded under {chosen.name}, who has a PIN: give it with --pin-stdin.",
                f"此操作记录在 {chosen.name} 名下，需要其 PIN：请用 --pin-stdin 提供。", field="secret")
        services.operators.sign_in(operator_id=chosen.id, secret=secret, workstation="command line")
    return int(chosen.id)


def _open_services(config: AppConfig):  # type: ignore[no-untyped-def]
    from depot_app.services import Services

    return Services.open(config.db_url, backup_dir=str(config.backup_dir), photo_dir=config.photo_dir)


def cmd_migrate(args: argparse.Namespace, config: AppConfig) -> int:
    services = _open_services(config)
    services.close()
    print(f"Database is up to date: {config.db_url}")
    return 0


def cmd_demo(args: argparse.Namespace, config: AppConfig) -> int:
    if args.cases < 1 or args.cases > 2_000_000:
        print("--cases must be between 1 and 2,000,000", file=sys.stderr)
        return 2
    from depot_app.services.demo import generate_demo_data
    from depot_app.services.demo_bulk import TEMPLATE_CASES, BulkStep, generate_bulk_demo_data

    services = _open_services(config)
    try:
        _refuse_real_depot(services, config)
        last = [0]

        def progress(done: int, total: int) -> None:
            if done - last[0] >= max(1, total // 20) or done == total:
                last[0] = done
                print(f"  {done}/{total}", file=sys.stderr)

        began = time.perf_counter()

        def bulk_progress(step: BulkStep) -> None:
            print(f"  {time.perf_counter() - began:6.1f} s  {step.step}: {step.done:,}/{step.total:,}",
                  file=sys.stderr, flush=True)

        if args.cases > TEMPLATE_CASES and services.db.is_sqlite:
            summary = generate_bulk_demo_data(services, cases=args.cases, seed=args.seed,
                                              progress=bulk_progress)
        else:
            summary = generate_demo_data(services, cases=args.cases, seed=args.seed, progress=progress)
    finally:
        services.close()
    print(f"Demo data: {summary.cases} cases ({summary.open} open, {summary.closed} closed, "
          f"{summary.compensated} compensated), {summary.operators} operators, "
          f"{summary.elapsed_seconds:.1f} s -> {config.db_url}")
    from depot_app.services.demo import DEMO_OPERATORS, DEMO_PIN

    print(f"Sample operators ({', '.join(name for name, _role in DEMO_OPERATORS)}) sign in with PIN {DEMO_PIN}.")
    return 0


def _refuse_real_depot(services, config: AppConfig) -> None:  # type: ignore[no-untyped-def]
    """Sample data goes only into an empty database or one that already holds sample data:
    its operators share a published PIN and its cases are invented."""
    from depot_app.services.demo import DEMO_OPERATORS
    from depot_app.services.queries import QueueFilter

    demo_names = {name for name, _role in DEMO_OPERATORS}
    names = [op.name for op in services.operators.list(include_inactive=True)]
    real = [name for name in names if name not in demo_names]
    has_cases = services.queries.count(QueueFilter()) > 0
    demo_present = len(real) < len(names)
    if real or (has_cases and not demo_present):
        raise ValidationError(
            f"{config.db_url} already holds a depot's own data (operators: {', '.join(real) or 'none'}); sample "
            "data is only added to an empty database. Use a new folder: depot-app --data-dir DIR demo-data",
            f"{config.db_url} 已有网点的真实数据（操作员：{'、'.join(real) or '无'}）；演示数据只能写入空数据库。"
            "请换一个文件夹：depot-app --data-dir 文件夹 demo-data", field="database")


def cmd_gui(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.ui.application import run_gui

    return run_gui(config, language=args.lang)


def cmd_screenshots(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.ui.screenshots import render_screenshots

    return render_screenshots(config, out_dir=args.out, cases=args.cases)


def cmd_export(args: argparse.Namespace, config: AppConfig) -> int:
    language = args.lang or "zh_CN"
    out = Path(args.out)
    if not out.parent.exists():
        raise ValidationError(f"The folder {out.parent} does not exist.", f"文件夹 {out.parent} 不存在。",
                              field="out")
    services = _open_services(config)
    try:
        by = _operator_id(services, args.by, args)
        reports = services.reports
        if args.what in ("case", "claim"):
            case_id = services.queries.case_id_by_no(args.case_no)
            if case_id is None:
                raise NotFoundError(f"There is no case {args.case_no}.", f"没有登记号为 {args.case_no} 的问题件。")
            write = reports.case_report if args.what == "case" else reports.claim_form
            path = write(case_id=case_id, out=out, by=by, unmasked=args.unmasked, language=language)
        elif args.what == "closed":
            path = reports.closed_batch(date_from=args.date_from, date_to=args.date_to, out=out, by=by,
                                        unmasked=args.unmasked, language=language)
        else:
            year, month = args.month
            result = services.monthly.export_month(
                year=year, month=month, out=out, by=by, unmasked=args.unmasked, language=language)
            path = result.path
            print(f"{result.case_count} cases, {result.compensation_count} compensations, "
                  f"{format_yuan(result.compensation_total)} in total", file=sys.stderr)
    finally:
        services.close()
    print(path)
    return 0


def cmd_report(args: argparse.Namespace, config: AppConfig) -> int:
    import json

    from depot_app.domain.dashboard import Period
    from depot_app.services.dashboard import DashboardService

    if args.date_to < args.date_from:
        raise ValidationError("--to is before --from.", "结束日期早于开始日期。", field="to")
    services = _open_services(config)
    try:
        by = _operator_id(services, args.by, args)
        result = DashboardService(services.db, services.clock).figures(
            period=Period(args.date_from, args.date_to), by=by)
        if args.pdf:
            from depot_app.services.dashboard_export import DashboardExportService

            language = "en" if (args.pdf_lang or args.lang or "zh_CN") == "en" else "zh_CN"
            written = DashboardExportService(services.db, services.clock).write_pdf(
                period=result.period, by=by, out=args.pdf, language=language, board=result)
            print(f"PDF: {written}", file=sys.stderr)
    finally:
        services.close()
    data = result.as_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        zh = (args.lang or "en").startswith("zh")
        for key, fig in data["figures"].items():
            label = fig["label_zh"] if zh else fig["label_en"]
            print(f"{label}: {fig['value']} (previous {fig['previous']}, change {fig['change']})  [{key}]")
    return 0


def cmd_import(args: argparse.Namespace, config: AppConfig) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise ValidationError(f"There is no file {source}.", f"文件 {source} 不存在。", field="file")
    services = _open_services(config)
    try:
        by = _operator_id(services, args.by, args)
        result = services.importer.import_file(
            path=source, by=by, report_path=args.report)
    finally:
        services.close()
    print(f"{len(result.created)} created, {len(result.skipped)} skipped (already open), "
          f"{len(result.refused)} refused; report: {result.report_path}")
    for row in result.refused:
        print(row.text("en"), file=sys.stderr)
    # Exit 3 tells a scheduled run that some rows need a person (see the report).
    return 3 if result.refused else 0


def cmd_check(args: argparse.Namespace, config: AppConfig) -> int:
    services = _open_services(config)
    try:
        report = services.photos.check()
    finally:
        services.close()
    for line in report.lines(args.lang or "en"):
        print(line)
    return 0 if report.ok else 1


def _pg_refusal(config: AppConfig) -> DepotError:
    """Backups of a PostgreSQL depot are pg_dump's job; said before connecting to anything."""
    from depot_app.db.engine import Database
    from depot_app.services.backup import postgres_refusal

    db = Database(config.db_url)  # creates no connection
    try:
        return postgres_refusal(db)
    finally:
        db.dispose()


def cmd_backup(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.services.backup import BackupService

    if not config.is_sqlite:
        raise _pg_refusal(config)
    out = Path(args.out) if args.out else config.backup_dir
    services = _open_services(config)
    try:
        info = BackupService(services.db, services.clock, services.photos.store).create(out_dir=out, by=None)
    finally:
        services.close()
    print(info.path)
    print(f"{info.cases} cases, {info.photos} photo files, {info.size:,} bytes")
    return 0


def cmd_restore(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.domain.clock import utcnow
    from depot_app.services.backup import restore_archive

    if not config.is_sqlite:
        raise _pg_refusal(config)
    db_path = config.sqlite_path
    if db_path is None:
        raise ValidationError("An in-memory database cannot be restored into.", "无法恢复到内存数据库。")
    archive = Path(args.archive)
    result = restore_archive(archive, db_path=db_path, photo_dir=config.photo_dir, now=utcnow())
    for line in result.lines():
        print(line)
    return 0


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("PIN / 密码: ")
    if getpass.getpass("PIN again / 再输一次: ") != first:
        raise ValidationError("The two PINs differ; nothing was changed.", "两次输入的 PIN 不一致，未做任何修改。",
                              field="secret")
    return first


def cmd_operators(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.domain.vocabulary import Role

    services = _open_services(config)
    try:
        ops = services.operators
        if args.op_command == "list":
            for op in ops.list(include_inactive=True):
                state = "active" if op.active else "inactive"
                pin = "PIN set" if op.has_secret else "no PIN"
                locked = f", locked until {op.locked_until:%Y-%m-%d %H:%M} UTC" if op.locked_until else ""
                seen = f", last sign-in {op.last_sign_in_at:%Y-%m-%d %H:%M} UTC" if op.last_sign_in_at else ""
                print(f"{op.id:>4}  {op.name}  {op.role.value}  {state}, {pin}{locked}{seen}")
            return 0
        if args.op_command == "add":
            view = ops.add(name=args.name, role=Role(args.role), by=None, secret=_read_pin(args))
            print(f"Added {view.name} ({view.role.value}), #{view.id}.")
            return 0
        target = ops.find(args.name)
        if target is None:
            raise ValidationError(f"No operator “{args.name}”.", f"没有操作员“{args.name}”。", field="name")
        if args.op_command == "set-pin":
            ops.set_secret(operator_id=target.id, secret=_read_pin(args), by=None)
            print(f"PIN of {target.name} set; any lock-out is lifted.")
        else:
            ops.unlock(operator_id=target.id, by=None)
            locked = target.locked_until is not None and target.locked_until > services.clock.now()
            print(f"{target.name} is unlocked." if locked else
                  f"{target.name} was not locked; the count of wrong PINs is reset.")
        return 0
    finally:
        services.close()


COMMANDS: dict[str, Command] = {
    "gui": cmd_gui,
    "demo-data": cmd_demo,
    "migrate": cmd_migrate,
    "screenshots": cmd_screenshots,
    "export": cmd_export,
    "report": cmd_report,
    "import": cmd_import,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "operators": cmd_operators,
    "tracking": lambda args, config: cmd_tracking(args, config, open_services=_open_services,
                                                  operator_id=_operator_id),
    "outbox": cli_outbox.cmd_outbox,
    "address": lambda args, config: cmd_address(args, config, open_services=_open_services, operator_id=_operator_id),
    "cases": lambda args, config: cmd_cases(args, config, open_services=_open_services, operator_id=_operator_id),
    "settings": cli_outbox.cmd_settings,
    "photos": lambda args, config: cmd_photos(args, config, open_services=_open_services),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = resolve_config(data_dir=args.data_dir, db_url=args.db_url)
    except DepotError as exc:
        print(exc.en, file=sys.stderr)
        return 2
    setup_logging(config)
    command = COMMANDS[args.command or "gui"]
    try:
        return command(args, config)
    except DepotError as exc:
        log.info("%s refused: %s", args.command or "gui", exc.en)  # printed below in both languages
        print(f"{exc.en}\n{exc.zh}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("Unexpected failure in %s", args.command or "gui")
        print(f"Unexpected error; details are in {config.log_dir}", file=sys.stderr)
        return 1
