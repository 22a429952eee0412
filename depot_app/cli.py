"""Command line: ``depot-app [--data-dir DIR] [--db URL] [COMMAND ...]``.

Without a command the desk window opens. Commands for scheduled and scripted
runs share the services with the window, so both follow the same rules.
Every command exits non-zero with a clear message on bad input.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

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

    sub.add_parser("check", help="check the photo store: missing or altered files, files no record "
                   "points to (exits 1 when anything is wrong)")
    imp = sub.add_parser("import", help="register cases from a head-office list (.xlsx or .csv); "
                         "exits 3 when some rows were refused")
    imp.add_argument("file", metavar="FILE", help="the list to import")
    imp.add_argument("--report", help="where to write the row-by-row report (default: beside FILE)")
    imp.add_argument("--by", help="operator name or id recorded on the cases (default: the first manager)")
    return parser


def _export_options(p: argparse.ArgumentParser, kind: str) -> None:
    p.add_argument("-o", "--out", required=True, help=f"the {kind} file to write")
    p.add_argument("--unmasked", action="store_true",
                   help="show full phones and addresses (recorded on the audit trail)")
    p.add_argument("--by", help="operator name or id doing the export (default: the first manager)")


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


def _operator_id(services, who: str | None) -> int:  # type: ignore[no-untyped-def]
    """The operator named (by name or id), or the first manager."""
    operators = services.operators.list()
    if who:
        for op in operators:
            if who == op.name or (who.isdigit() and int(who) == op.id):
                return op.id
        names = ", ".join(op.name for op in operators) or "none"
        raise ValidationError(f"No active operator “{who}”. Operators: {names}.",
                              f"没有名为“{who}”的在职操作员。现有操作员：{names}。", field="by")
    managers = [op for op in operators if op.role.value == "manager"]
    if not managers:
        return services.operators.ensure_first().id
    return managers[0].id


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

    services = _open_services(config)
    try:
        last = [0]

        def progress(done: int, total: int) -> None:
            if done - last[0] >= max(1, total // 20) or done == total:
                last[0] = done
                print(f"  {done}/{total}", file=sys.stderr)

        summary = generate_demo_data(services, cases=args.cases, seed=args.seed, progress=progress)
    finally:
        services.close()
    print(f"Demo data: {summary.cases} cases ({summary.open} open, {summary.closed} closed, "
          f"{summary.compensated} compensated), {summary.operators} operators, "
          f"{summary.elapsed_seconds:.1f} s -> {config.db_url}")
    return 0


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
        by = _operator_id(services, args.by)
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


def cmd_import(args: argparse.Namespace, config: AppConfig) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise ValidationError(f"There is no file {source}.", f"文件 {source} 不存在。", field="file")
    services = _open_services(config)
    try:
        by = _operator_id(services, args.by)
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


COMMANDS: dict[str, Command] = {
    "gui": cmd_gui,
    "demo-data": cmd_demo,
    "migrate": cmd_migrate,
    "screenshots": cmd_screenshots,
    "export": cmd_export,
    "import": cmd_import,
    "check": cmd_check,
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
        log.warning("%s failed: %s", args.command or "gui", exc.en)
        print(f"{exc.en}\n{exc.zh}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("Unexpected failure in %s", args.command or "gui")
        print(f"Unexpected error; details are in {config.log_dir}", file=sys.stderr)
        return 1
