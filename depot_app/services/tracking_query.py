"""The real-time tracking query service (Kuaidi100-style 实时快递查询).

One POST per question, form-encoded: ``customer`` (the company code the
service issued), ``param`` (JSON: carrier code ``com``, number ``num``, the
recipient's ``phone`` — SF Express and others want its last four digits —
and ``resultv2=1`` so each scan carries its state name) and ``sign``, the
upper-case hex MD5 of ``param + key + customer``. The key never travels.

Answers: ``{"message": "ok", "state": "3", "data": [{"time", "context",
"status", "areaName"}, …]}`` with the scans newest first; or ``{"result":
false, "returnCode": "…", "message": "…"}``: 500 no data (yet), 503 wrong
signature, 502 / HTTP 429 too many questions, 400 / 408 bad request or phone
digits, 601 key expired. Each refusal becomes a :class:`TrackingQueryError`
a clerk can act on; "no data yet" is an answer, not an error.
"""

from __future__ import annotations

import hashlib
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from depot_app.domain.errors import DepotError
from depot_app.domain.identifiers import Carrier
from depot_app.domain.scans import QUERY_SOURCE, NewScan, kuaidi100_scan_type, parse_scan_time

#: Our carriers as the query service's company codes.
CARRIER_CODES: dict[Carrier, str] = {
    Carrier.SF: "shunfeng", Carrier.YTO: "yuantong", Carrier.ZTO: "zhongtong", Carrier.STO: "shentong",
    Carrier.YUNDA: "yunda", Carrier.JD: "jd", Carrier.EMS: "ems", Carrier.CHINA_POST: "youzhengguonei",
    Carrier.JT: "jtexpress", Carrier.DEBANG: "debangwuliu", Carrier.UPU_INTL: "youzhengguoji",
}
#: The zone the service states its times in.
SERVICE_ZONE = "Asia/Shanghai"


class TrackingQueryError(DepotError):
    """The query service refused or did not answer; ``reason`` says which."""

    def __init__(self, en: str, zh: str, *, reason: str) -> None:
        super().__init__(en, zh)
        self.reason = reason


def sign(param: str, key: str, customer: str) -> str:
    """The request's signature: MD5 of param + key + customer, upper-case hex."""
    return hashlib.md5((param + key + customer).encode("utf-8"), usedforsecurity=False).hexdigest().upper()


@dataclass(frozen=True)
class QueryAnswer:
    """What the service said about one parcel."""

    scans: list[NewScan]
    state: str  # the parcel's state code ("" when there is no data yet)
    no_data: bool


def query(*, settings: dict[str, Any], carrier: Carrier, tracking_no: str, phone_last4: str) -> QueryAnswer:
    """Ask the service for a parcel's scans (a network call: run it off the GUI thread)."""
    if not settings.get("enabled"):
        raise TrackingQueryError("The tracking query service is not set up: a manager turns it on in the "
                                 "depot settings.", "尚未配置轨迹查询服务：请网点负责人在网点设置中开启。",
                                 reason="disabled")
    com = CARRIER_CODES.get(carrier)
    if com is None:
        raise TrackingQueryError(f"The query service cannot look up {tracking_no}: its carrier is unknown.",
                                 f"无法查询 {tracking_no}：不能识别所属快递公司。", reason="carrier")
    param = json.dumps({"com": com, "num": tracking_no, "phone": phone_last4, "resultv2": "1"},
                       ensure_ascii=False, separators=(",", ":"))
    body = urllib.parse.urlencode({"customer": settings["customer"], "sign": sign(param, settings["key"],
                                                                                  settings["customer"]),
                                   "param": param}).encode("utf-8")
    request = urllib.request.Request(settings["url"], data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=float(settings["timeout_seconds"])) as response:
            raw = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 429:
            raise _throttled() from None
        raise TrackingQueryError(f"The query service answered HTTP {exc.code}; try again later.",
                                 f"轨迹查询服务返回 HTTP {exc.code}，请稍后再试。", reason="http") from None
    except TimeoutError:
        raise _timed_out(settings) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _timed_out(settings) from None
        raise TrackingQueryError(f"The query service cannot be reached ({exc.reason}).",
                                 f"无法连接轨迹查询服务（{exc.reason}）。", reason="network") from None
    try:
        answer = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise TrackingQueryError("The query service's answer could not be read.", "无法解析轨迹查询服务的返回内容。",
                                 reason="answer") from None
    return _answer(answer, tracking_no)


def _throttled() -> TrackingQueryError:
    return TrackingQueryError("The query service says too many questions were asked; try again in a few minutes.",
                              "轨迹查询过于频繁，请几分钟后再试。", reason="throttled")


def _timed_out(settings: dict[str, Any]) -> TrackingQueryError:
    return TrackingQueryError(f"The query service did not answer within {settings['timeout_seconds']} s; "
                              "try again later.",
                              f"轨迹查询服务 {settings['timeout_seconds']} 秒内未响应，请稍后再试。", reason="timeout")


_REFUSALS: dict[str, tuple[str, str, str]] = {
    "503": ("signature", "The query service refused the signature: check the customer code and the key in "
            "the depot settings.", "轨迹查询服务签名验证失败：请检查网点设置中的 customer 编号和授权 key。"),
    "502": ("throttled", "", ""),
    "400": ("request", "The query service refused the question (number or carrier not accepted).",
            "轨迹查询服务拒绝了请求（单号或快递公司不被接受）。"),
    "408": ("phone", "The query service wants the right last four digits of the recipient's phone.",
            "轨迹查询需要正确的收件人手机尾号四位。"),
    "601": ("key", "The query service's key has expired or has no balance left.",
            "轨迹查询服务的 key 已过期或余额不足。"),
}


def _answer(answer: Any, tracking_no: str) -> QueryAnswer:
    if not isinstance(answer, dict):
        raise TrackingQueryError("The query service's answer could not be read.", "无法解析轨迹查询服务的返回内容。",
                                 reason="answer")
    code = str(answer.get("returnCode", "") or "")
    if answer.get("result") is False or code:
        if code == "500":
            return QueryAnswer(scans=[], state="", no_data=True)
        reason, en, zh = _REFUSALS.get(code, ("refused", "", ""))
        if reason == "throttled":
            raise _throttled()
        message = str(answer.get("message", ""))
        raise TrackingQueryError(en or f"The query service refused: {message} ({code}).",
                                 zh or f"轨迹查询服务拒绝：{message}（{code}）。", reason=reason)
    state = str(answer.get("state", ""))
    scans = []
    for item in answer.get("data") or []:
        context = str(item.get("context", ""))
        at = parse_scan_time(item.get("ftime") or item.get("time"), SERVICE_ZONE)
        scans.append(NewScan(tracking_no=tracking_no, at=at, place=str(item.get("areaName") or "")[:128],
                             scan_type=kuaidi100_scan_type(str(item.get("status", "")), state, context),
                             text=context, source=QUERY_SOURCE))
    return QueryAnswer(scans=scans, state=state, no_data=not scans)
