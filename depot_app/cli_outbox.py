"""Command line for the outbox and the depot settings.

``depot-app outbox list [--json] [--state S] [--channel C]``,
``depot-app outbox deliver --once [--max N]`` (what a scheduled task runs), and
``depot-app settings list | get KEY | set KEY VALUE [--value-stdin]``.
Secrets (passwords, keys) are never printed: they show as ••••.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from depot_app.config import SECRET_MASK, SECRET_SETTINGS, AppConfig
from depot_app.domain.errors import ValidationError
from depot_app.domain.notifications import Channel, MessageState


def add_parsers(sub: Any) -> None:
    """The ``outbox`` and ``settings`` commands on the main parser."""
    outbox = sub.add_parser("outbox", help="list the messages to customers, or deliver the due ones")
    ob = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    listing = ob.add_parser("list", help="messages, newest first (addresses masked)")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.add_argument("--state", choices=[s.value for s in MessageState])
    listing.add_argument("--channel", choices=[c.value for c in Channel])
    listing.add_argument("--limit", type=int, default=200, help="at most this many (default 200)")
    deliver = ob.add_parser("deliver", help="send every message that is due now, then exit")
    deliver.add_argument("--once", action="store_true", required=True,
                         help="one round (the desk's own sender runs in its background)")
    deliver.add_argument("--max", type=int, default=None, help="at most this many attempts")
    opt_out = ob.add_parser("opt-out", help="customers who asked for no more messages")
    oo = opt_out.add_subparsers(dest="opt_out_command", metavar="ACTION", required=True)
    replies = oo.add_parser("import", help="read the SMS gateway's reply export (.xlsx/.csv): "
                                           "every T/TD/N/退订 reply opts its phone out")
    replies.add_argument("file", metavar="FILE")
    replies.add_argument("--operator", type=int, default=None,
                         help="operator id recorded on the audit trail (default: the first manager)")
    oo.add_parser("list", help="the opt-out list (addresses masked)")

    settings = sub.add_parser("settings", help="list, read or change the depot settings (docs/settings.md)")
    st = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    st.add_parser("list", help="every setting with its value (secrets as ••••)")
    get = st.add_parser("get", help="one setting's value")
    get.add_argument("key", metavar="KEY")
    put = st.add_parser("set", help="change one setting (checked first; recorded on the audit trail)")
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE", nargs="?",
                     help="JSON (3, true, [\"sms\"], {...}) or plain text")
    put.add_argument("--value-stdin", action="store_true",
                     help="read VALUE from standard input (for secrets: not in the shell history)")


def _open(config: AppConfig) -> Any:
    from depot_app.services import Services

    return Services.open(config.db_url, backup_dir=str(config.backup_dir), photo_dir=config.photo_dir)


def cmd_outbox(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.services.outbox import OutboxFilter
    from depot_app.services.outbox_sender import OutboxSender

    services = _open(config)
    try:
        if args.outbox_command == "opt-out":
            return _opt_out(args, services)
        if args.outbox_command == "deliver":
            report = OutboxSender(services.db, services.clock).deliver_once(max_messages=args.max)
            print(report.line())
            return 0
        flt = OutboxFilter(state=MessageState(args.state) if args.state else None,
                           channel=Channel(args.channel) if args.channel else None, limit=args.limit)
        rows = services.outbox.messages(flt)
        counts = services.outbox.counts()
    finally:
        services.close()
    if args.json:
        print(json.dumps([m.as_json() for m in rows], ensure_ascii=False, indent=2))
        return 0
    lang = args.lang or "en"
    for m in rows:
        when = f"sent {m.sent_at:%Y-%m-%d %H:%M} UTC" if m.sent_at else f"next {m.next_attempt_at:%Y-%m-%d %H:%M} UTC"
        error = f"  [{m.last_error}]" if m.last_error else ""
        print(f"{m.id:>6}  {m.case_no:<18} {m.event.value:<22} {m.channel.value:<7} {m.to_masked:<20} "
              f"{m.state.label(lang)} ({m.tries}/{m.max_tries}) {when}{error}")
    print(f"{counts.waiting} waiting, {counts.failing} failing, {counts.failed} failed, {counts.manual} by hand"
          + (", a gateway is offline" if counts.offline else ""), file=sys.stderr)
    return 0


def _opt_out(args: argparse.Namespace, services: Any) -> int:
    from depot_app.services.opt_out_import import import_opt_outs

    if args.opt_out_command == "list":
        for address, at, reason in services.outbox.opted_out():
            print(f"{address:<24} {at:%Y-%m-%d %H:%M} UTC  {reason}")
        return 0
    by = args.operator
    if by is None:
        managers = [op.id for op in services.operators.list() if op.role.value == "manager" and op.active]
        if not managers:
            raise ValidationError("No manager to record the import under; give --operator ID.",
                                  "没有可记录导入的网点负责人；请用 --operator ID 指定。", field="operator")
        by = managers[0]
    result = import_opt_outs(services.outbox, path=args.file, by=by)
    for address in result.opted_out:
        print(f"opted out: {address}")
    print(result.line())
    return 0


def shown(key: str, value: Any) -> str:
    """A setting's value as printed: JSON, plain text for text, •••• for a secret."""
    from depot_app.services.settings import shown_setting

    if key in SECRET_SETTINGS:
        return f"{SECRET_MASK} (set)" if value else "(not set)"
    value = shown_setting(key, value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def parse_value(text: str) -> Any:
    """JSON when it reads as JSON, otherwise the text itself (so 21:00-08:00 needs no quotes)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def cmd_settings(args: argparse.Namespace, config: AppConfig) -> int:
    from depot_app.config import DEPOT_SETTINGS

    if args.settings_command in ("get", "set") and args.key not in DEPOT_SETTINGS:
        raise ValidationError(f"Unknown setting “{args.key}”; `depot-app settings list` shows them all.",
                              f"未知的设置项“{args.key}”；用 `depot-app settings list` 查看全部。", field="key")
    if args.settings_command == "set":
        if args.value_stdin == (args.value is not None):
            raise ValidationError("Give VALUE or --value-stdin (one of them).",
                                  "请给出 VALUE 或 --value-stdin（二选一）。", field="value")
        raw = sys.stdin.read().rstrip("\r\n") if args.value_stdin else args.value
        # A secret is text as typed: never read as JSON (a password "1234" stays a string).
        value = raw if args.key in SECRET_SETTINGS else parse_value(raw)
    services = _open(config)
    try:
        if args.settings_command == "list":
            for key, value in services.settings.all().items():
                print(f"{key} = {shown(key, value)}")
            return 0
        if args.settings_command == "get":
            print(shown(args.key, services.settings.get(args.key)))
            return 0
        services.settings.set(key=args.key, value=value, by=None)
        print(f"{args.key} = {shown(args.key, services.settings.get(args.key))}")
        return 0
    finally:
        services.close()
