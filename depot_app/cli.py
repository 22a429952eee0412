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

from depot_app.config import AppConfig, resolve_config, setup_logging
from depot_app.domain.errors import DepotError

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
    return parser


def _open_services(config: AppConfig):  # type: ignore[no-untyped-def]
    from depot_app.services import Services

    return Services.open(config.db_url, backup_dir=str(config.backup_dir))


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
          f"{summary.elapsed:.1f} s -> {config.db_url}")
    return 0


def cmd_gui(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.ui.application import run_gui

    return run_gui(config, language=args.lang)


def cmd_screenshots(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.ui.screenshots import render_screenshots

    return render_screenshots(config, out_dir=args.out, cases=args.cases)


COMMANDS: dict[str, Command] = {
    "gui": cmd_gui,
    "demo-data": cmd_demo,
    "migrate": cmd_migrate,
    "screenshots": cmd_screenshots,
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
