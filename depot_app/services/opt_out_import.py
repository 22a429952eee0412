"""Opt-outs from the customers' own replies: the SMS gateway's upstream-reply export.

An SMS gateway lists what customers answered to the depot's messages (the
console's "upstream replies" export: phone, reply text, time, as .xlsx or
.csv, column names in Chinese or English). Every reply that asks for no more
messages (T, TD, N, 退订 …, :func:`domain.notifications.is_opt_out_reply`)
puts that phone on the opt-out list, through :meth:`OutboxService.opt_out`
(audited, waiting messages to it are not sent). Other replies (ratings,
questions) are counted and left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from depot_app.domain.errors import ValidationError
from depot_app.domain.notifications import is_opt_out_reply, mask_address, mobile_number
from depot_app.services.importer import cell_text, normalize_header, read_list_file
from depot_app.services.outbox import OutboxService

#: Header words that name the phone column and the reply column of a gateway's export.
PHONE_HEADERS = ("phone", "phonenumber", "phonenumbers", "mobile", "手机号", "手机号码", "号码", "电话",
                 "电话号码", "发送号码", "用户号码")
REPLY_HEADERS = ("content", "reply", "replytext", "text", "message", "sms", "回复内容", "上行内容", "内容",
                 "短信内容", "回复")
#: Rows searched for the header line.
HEADER_SEARCH = 10


@dataclass(frozen=True)
class OptOutImportResult:
    """What one import of a reply export did (phones masked)."""

    replies: int
    opted_out: list[str] = field(default_factory=list)
    already: int = 0
    not_mobile: list[int] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.replies} replies read, {len(self.opted_out)} phones opted out, "
                f"{len(self.not_mobile)} rows without a mobile number")


def _columns(rows: list[list[Any]]) -> tuple[int, int, int]:
    """(header row, phone column, reply column) of the export."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        names = [normalize_header(cell) for cell in row]
        phone = next((i for i, n in enumerate(names) if n in PHONE_HEADERS), None)
        reply = next((i for i, n in enumerate(names) if n in REPLY_HEADERS), None)
        if phone is not None and reply is not None:
            return index, phone, reply
    raise ValidationError(
        "The file has no phone and reply columns (e.g. “手机号码” and “回复内容”, or “PhoneNumber” and “Content”).",
        "文件中找不到号码列和回复内容列（例如“手机号码”和“回复内容”，或“PhoneNumber”和“Content”）。",
        field="path")


def read_opt_out_replies(path: str | Path) -> list[tuple[int, str, str]]:
    """``(row number, phone, reply)`` of every data row of a reply export."""
    rows = read_list_file(path)
    header, phone_col, reply_col = _columns(rows)
    found = []
    for number, row in enumerate(rows[header + 1:], start=header + 2):
        phone = cell_text(row[phone_col]) if phone_col < len(row) else ""
        reply = cell_text(row[reply_col]) if reply_col < len(row) else ""
        if phone or reply:
            found.append((number, phone, reply))
    return found


def import_opt_outs(outbox: OutboxService, *, path: str | Path, by: int) -> OptOutImportResult:
    """Opt out every phone whose reply asks for no more messages (each one audited)."""
    replies = read_opt_out_replies(path)
    opted: list[str] = []
    seen: set[str] = set()
    not_mobile: list[int] = []
    already = 0
    source = Path(path).name
    for number, phone, reply in replies:
        if not is_opt_out_reply(reply):
            continue
        mobile = mobile_number(phone)
        if mobile is None:
            not_mobile.append(number)
            continue
        if mobile in seen:
            already += 1
            continue
        seen.add(mobile)
        outbox.opt_out(address=mobile, by=by, reason=f"replied “{reply.strip()}” ({source}, row {number})")
        opted.append(mask_address(mobile))
    return OptOutImportResult(replies=len(replies), opted_out=opted, already=already, not_mobile=not_mobile)
