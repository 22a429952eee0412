"""``depot-app address check|check-cases|area|import-area`` and ``depot-app cases search``.

Kept apart from :mod:`depot_app.cli`, which hands in the two helpers every
command shares (opening the services, signing the operator in).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from depot_app.config import AppConfig
from depot_app.domain.delivery_area import AddressCheck
from depot_app.services.queries import QueueFilter

PinOption = Callable[[argparse.ArgumentParser], None]
OperatorId = Callable[[Any, str | None, argparse.Namespace], int]


def add_address_parsers(sub: Any, pin_option: PinOption) -> None:
    """The ``address`` and ``cases`` commands."""
    address = sub.add_parser("address", help="read an address into its parts and check it against the "
                             "delivery area; check every open case; show or import the area")
    what = address.add_subparsers(dest="address_what", metavar="ACTION", required=True)
    check = what.add_parser("check", help="the parts of ADDRESS and the verdict (clear, unclear, out of area); "
                            "exits 3 when it is not clear")
    check.add_argument("address", metavar="ADDRESS")
    check.add_argument("--sender", action="store_true", help="the address is the sender's (whom to call)")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    cases = what.add_parser("check-cases", help="the open cases whose recipient address is unclear or out of area")
    cases.add_argument("--all", action="store_true", help="closed cases too, and the clear ones")
    cases.add_argument("--json", action="store_true", help="print the result as JSON")
    cases.add_argument("--by", help="operator name or id (default: the first manager)")
    pin_option(cases)
    what.add_parser("area", help="the districts and streets served and the excluded places")
    imp = what.add_parser("import-area", help="replace the delivery area by a list (.xlsx or .csv: a place a row, "
                          "second column 排除/exclude for a village or compound not served); whole or nothing")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--by", help="manager name or id (default: the first manager)")
    pin_option(imp)

    search = sub.add_parser("cases", help="find cases the way the queue's search box does")
    search_what = search.add_subparsers(dest="cases_what", metavar="ACTION", required=True)
    find = search_what.add_parser("search", help="tracking or case number, phone, 尾号, name, or pinyin "
                                  "(zhangsan, zs) of a name or an address")
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--open", action="store_true", help="open cases only")
    find.add_argument("--limit", type=int, default=50, help="at most this many rows (default 50)")
    find.add_argument("--json", action="store_true", help="print the rows as JSON")
    find.add_argument("--by", help="operator name or id (default: the first manager)")
    pin_option(find)


def _check_lines(check: AddressCheck, language: str) -> list[str]:
    p = check.parsed
    names = {"province": "province 省", "city": "city 市", "district": "district 区县",
             "street": "street 街道/乡镇", "rest": "rest 详细地址"}
    lines = [f"{names[k]:<18} {v or '-'}" for k, v in p.parts().items()]
    if p.renamed:
        lines.append(f"{'former name 旧称':<18} {p.renamed}")
    if p.ambiguous:
        note = "同名区县不止一处" if language.startswith("zh") else "name found in several places"
        lines.append(f"{'note 提示':<18} {note}")
    lines.append(f"{'verdict 结论':<18} {check.summary(language)}")
    if check.resolutions:
        lines.append(f"{'resolutions 处理':<18} " + ", ".join(r.label(language) for r in check.resolutions))
    if check.contact:
        lines.append(f"{'contact 联系':<18} {check.contact.label(language)}")
    return lines


def cmd_address(args: argparse.Namespace, config: AppConfig, *, open_services: Callable[[AppConfig], Any],
                operator_id: OperatorId) -> int:
    services = open_services(config)
    language = args.lang or "en"
    try:
        if args.address_what == "check":
            check = services.addresses.check(args.address, recipient_side=not args.sender)
            if args.json:
                print(json.dumps(check.to_json(), ensure_ascii=False, indent=2))
            else:
                print("\n".join(_check_lines(check, language)))
            return 0 if check.verdict.value == "ok" else 3
        if args.address_what == "area":
            area = services.addresses.area()
            if not area.configured:
                print("No delivery area is set up: nothing counts as out of area.")
            for code, name in area.names():
                print(f"{code}  {name}")
            for name in area.excluded:
                print(f"excluded  {name}")
            return 0
        by = operator_id(services, args.by, args)
        if args.address_what == "import-area":
            area = services.addresses.import_area(path=args.file, by=by)
            print(f"Delivery area replaced: {len(area.districts)} districts, {len(area.streets)} streets, "
                  f"{len(area.excluded)} excluded places.")
            return 0
        found = services.addresses.check_cases(open_only=not args.all, problems_only=not args.all)
        if args.json:
            print(json.dumps([{"case_no": c.case_no, "tracking_no": c.tracking_no, **c.check.to_json()}
                              for c in found], ensure_ascii=False, indent=2))
        else:
            for c in found:
                print(f"{c.case_no}  {c.tracking_no}  {c.check.summary(language)}  {c.check.parsed.text}")
            print(f"{len(found)} cases.")
        return 0
    finally:
        services.close()


def cmd_cases(args: argparse.Namespace, config: AppConfig, *, open_services: Callable[[AppConfig], Any],
              operator_id: OperatorId) -> int:
    services = open_services(config)
    language = args.lang or "en"
    try:
        operator_id(services, args.by, args)
        flt = QueueFilter(text=args.query, open_only=args.open)
        total = services.queries.count(flt)
        rows = services.queries.fetch(flt, sort="reported_at", descending=True, limit=max(1, args.limit))
        if args.json:
            print(json.dumps({"total": total, "cases": [
                {"case_no": r.case_no, "tracking_no": r.tracking_no, "carrier": r.carrier, "kind": r.kind.value,
                 "status": r.status.value, "recipient_name": r.recipient_name,
                 "reported_at": r.reported_at.isoformat(timespec="seconds") + "Z"} for r in rows]},
                ensure_ascii=False, indent=2))
            return 0
        for r in rows:
            print(f"{r.case_no}  {r.tracking_no}  {r.kind.label(language)}  {r.status.label(language)}  "
                  f"{r.recipient_name}")
        print(f"{total} cases" + (f" ({len(rows)} shown)" if total > len(rows) else "") + ".")
        return 0
    finally:
        services.close()
