"""``depot-app tracking import|show|refresh``: carrier scans from the command line.

Kept apart from :mod:`depot_app.cli`, which hands in the two helpers every
command shares (opening the services, signing the operator in).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from depot_app.config import AppConfig
from depot_app.domain.clock import to_local
from depot_app.domain.errors import NotFoundError, ValidationError
from depot_app.domain.scans import since_text, source_label

PinOption = Callable[[argparse.ArgumentParser], None]


def add_tracking_parser(sub: Any, pin_option: PinOption) -> None:
    """The ``tracking`` command and its three actions."""
    tracking = sub.add_parser("tracking", help="carrier scans: import a head-office tracking export, show a "
                              "parcel's scans, refresh a case's scans from the query service")
    what = tracking.add_subparsers(dest="tracking_what", metavar="ACTION", required=True)
    imp = what.add_parser("import", help="store the scans of a tracking export (.xlsx or .csv, UTF-8 or GBK); "
                          "exits 3 when some rows were refused")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--source", help="who sent the export (its column mapping is remembered under this "
                     "name; default: the file's name)")
    imp.add_argument("--report", help="where to write the refused rows (default: beside FILE)")
    imp.add_argument("--by", help="operator name or id (default: the first manager)")
    pin_option(imp)
    show = what.add_parser("show", help="a parcel's scans, newest first")
    show.add_argument("tracking_no", metavar="TRACKING_NO")
    show.add_argument("--json", action="store_true", help="print the scans as JSON")
    refresh = what.add_parser("refresh", help="ask the query service for a case's scans now")
    refresh.add_argument("case_no", metavar="CASE_NO")
    refresh.add_argument("--by", help="operator name or id (default: the first manager)")
    pin_option(refresh)


def cmd_tracking(args: argparse.Namespace, config: AppConfig, *, open_services: Callable[[AppConfig], Any],
                 operator_id: Callable[[Any, str | None, argparse.Namespace], int]) -> int:
    services = open_services(config)
    try:
        if args.tracking_what == "import":
            return _import(services, args, operator_id)
        if args.tracking_what == "show":
            return _show(services, args)
        return _refresh(services, args, operator_id)
    finally:
        services.close()


def _import(services: Any, args: argparse.Namespace,
            operator_id: Callable[[Any, str | None, argparse.Namespace], int]) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise ValidationError(f"There is no file {source}.", f"文件 {source} 不存在。", field="file")
    by = operator_id(services, args.by, args)
    result = services.tracking_import.import_file(path=source, by=by, source=args.source or "",
                                                  report_path=args.report)
    print(f"{result.rows_read} rows from {result.source}: {result.added} new scans, {result.merged} already "
          f"known, {len(result.refused)} refused; {result.cases_touched} open cases got new scans"
          + (f"; report: {result.report_path}" if result.report_path else ""))
    for row in result.refused[:20]:
        print(f"row {row.row}: {row.text('en')}", file=sys.stderr)
    return 3 if result.refused else 0


def _show(services: Any, args: argparse.Namespace) -> int:
    parcel = services.tracking.show(args.tracking_no)
    lang = args.lang or "en"
    if args.json:
        print(json.dumps({
            "tracking_no": parcel.tracking_no, "cases": parcel.case_numbers,
            "scans": [{"at_utc": s.at.isoformat(timespec="seconds") + "Z",
                       "local_time": s.local_at.isoformat(timespec="seconds"), "zone": s.zone_text,
                       "type": s.scan_type.value, "type_label": s.scan_type.label(lang), "place": s.place,
                       "text": s.text, "sources": list(s.sources)} for s in parcel.scans],
        }, ensure_ascii=False, indent=2))
        return 0
    if not parcel.scans:
        print(f"No scans are known for {parcel.tracking_no}.")
        return 0
    tz = services.settings.get("timezone")
    print(f"{parcel.tracking_no}: {len(parcel.scans)} scans, last "
          f"{since_text(parcel.scans[0].at, services.clock.now(), lang)}"
          + (f"; cases {', '.join(parcel.case_numbers)}" if parcel.case_numbers else ""))
    for s in parcel.scans:
        sources = ", ".join(source_label(x, lang) for x in s.sources)
        print(f"{to_local(s.at, tz):%Y-%m-%d %H:%M}  {s.scan_type.label(lang):<18} {s.place}  {s.text}  "
              f"[{sources}]")
    return 0


def _refresh(services: Any, args: argparse.Namespace,
             operator_id: Callable[[Any, str | None, argparse.Namespace], int]) -> int:
    case_id = services.queries.case_id_by_no(args.case_no)
    if case_id is None:
        raise NotFoundError(f"There is no case {args.case_no}.", f"没有问题件 {args.case_no}。")
    by = operator_id(services, args.by, args)
    outcome = services.tracking.refresh_case(case_id=case_id, by=by)
    print(outcome.message("en"))
    return 0
