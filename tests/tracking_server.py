"""A local stand-in for the Kuaidi100-style tracking query service, on 127.0.0.1, started by the tests.

It checks what the real service checks: a form POST with ``customer``,
``param`` and ``sign``; the customer code it issued; the signature (upper-case
MD5 of param + key + customer); a JSON ``param`` with ``com`` and ``num``; the
phone's last four digits for SF Express. Then it answers as the service does:
the scans of the parcels it knows, "no result" (500) for the others, 503 for
a wrong signature, 502 when ``throttled`` is set, and nothing for ``delay``
seconds when a time-out is wanted.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class TrackingServer:
    """The query service; ``parcels`` maps (com, num) to (phone last 4, state, scans newest first)."""

    def __init__(self, *, customer: str = "DESK0001", key: str = "k3y-s3cret") -> None:
        self.customer, self.key = customer, key
        self.parcels: dict[tuple[str, str], tuple[str, str, list[dict[str, str]]]] = {}
        self.throttled = False
        self.delay = 0.0
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))
                server.requests.append(form)
                if server.delay:
                    time.sleep(server.delay)
                status, answer = server.answer(self.path, self.headers.get("Content-Type", ""), form)
                data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json;charset=UTF-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the time-out test)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/poll/query.do"

    def start(self) -> TrackingServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @staticmethod
    def _refused(code: str, message: str) -> dict[str, Any]:
        return {"result": False, "returnCode": code, "message": message}

    def answer(self, path: str, content_type: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if path != "/poll/query.do" or "application/x-www-form-urlencoded" not in content_type:
            return 404, self._refused("400", "wrong address or body")
        if not {"customer", "param", "sign"} <= form.keys():
            return 200, self._refused("400", "提交的数据不完整")
        expected = hashlib.md5((form["param"] + self.key + self.customer).encode("utf-8")).hexdigest().upper()
        if form["customer"] != self.customer or form["sign"] != expected:
            return 200, self._refused("503", "验证签名失败")
        if self.throttled:
            return 200, self._refused("502", "查询频率过高")
        try:
            param = json.loads(form["param"])
            com, num = param["com"], param["num"]
        except (ValueError, KeyError, TypeError):
            return 200, self._refused("400", "param 格式错误")
        known = self.parcels.get((com, num))
        if known is None:
            return 200, self._refused("500", "查询无结果，请隔段时间再查")
        phone, state, scans = known
        if com == "shunfeng" and param.get("phone") != phone:
            return 200, self._refused("408", "手机号码后四位错误")
        return 200, {"message": "ok", "nu": num, "ischeck": "1" if state == "3" else "0", "com": com,
                     "status": "200", "state": state, "condition": "F00", "data": scans}
