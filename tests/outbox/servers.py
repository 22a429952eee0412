"""Local stand-ins for the SMS gateway, the webhook receiver and the mail server, on 127.0.0.1.

They check what the real ones check: the SMS gateway recomputes the Alibaba
Cloud RPC signature with the secret it was given, refuses a stale timestamp
or a reused nonce, and wants every SendSms parameter; the webhook receiver
checks the HMAC-SHA256 header; the mail server (aiosmtpd) speaks STARTTLS or
SSL with a certificate made for the test and checks the login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import socket
import subprocess
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes
from email import policy as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REQUIRED = ("AccessKeyId", "Action", "Format", "OutId", "PhoneNumbers", "RegionId", "SignName",
            "SignatureMethod", "SignatureNonce", "SignatureVersion", "TemplateCode", "TemplateParam",
            "Timestamp", "Version")


def _encode(value: str) -> str:
    # Written apart from the desk's own code, from the rules: RFC 3986 unreserved characters only.
    out = []
    for byte in value.encode("utf-8"):
        ch = chr(byte)
        if ch.isascii() and (ch.isalnum() or ch in "-_.~"):
            out.append(ch)
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def expected_signature(params: dict[str, str], secret: str) -> str:
    query = "&".join(f"{_encode(k)}={_encode(params[k])}" for k in sorted(params))
    to_sign = "GET&%2F&" + _encode(query)
    return base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


@dataclass
class Received:
    out_id: str
    phone: str
    code: str
    template_param: dict[str, Any]
    on_time: bool = True  # False: the answer was held back past the desk's time-out


@dataclass
class SmsGateway:
    """SendSms on 127.0.0.1; ``mode`` is ok, throttled, invalid, http500, timeout or random."""

    key_id: str = "LTAI-test-key"
    secret: str = "test-secret/with+chars="
    mode: str = "ok"
    failure_rate: float = 0.3
    timeout_share: float = 0.05
    seed: int = 1
    stall_seconds: float = 1.0
    received: list[Received] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(self.seed)
        self._nonces: set[str] = set()
        self.hold = threading.Event()      # set: the next OK answer waits for release
        self.holding = threading.Event()   # the gateway sent an SMS and holds its answer
        self.release = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                gateway._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def start(self) -> SmsGateway:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def delivered(self) -> Counter[str]:
        """OutIds answered OK, with how many times each."""
        return Counter(r.out_id for r in self.received if r.code == "OK")

    def _answer(self, handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the desk gave up waiting (a time-out) or was killed

    def _refuse(self, handler: BaseHTTPRequestHandler, code: str, why: str) -> None:
        with self._lock:
            self.rejected.append(f"{code}: {why}")
        self._answer(handler, 400, {"Code": code, "Message": why, "RequestId": "r"})

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        query = urllib.parse.urlsplit(handler.path).query
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
        params = dict(pairs)
        signature = params.pop("Signature", "")
        missing = [k for k in REQUIRED if not params.get(k) and k != "TemplateParam"]
        if missing:
            return self._refuse(handler, "MissingParameter", ", ".join(missing))
        if params["AccessKeyId"] != self.key_id:
            return self._refuse(handler, "InvalidAccessKeyId.NotFound", "unknown key")
        if (params["SignatureMethod"], params["SignatureVersion"]) != ("HMAC-SHA1", "1.0"):
            return self._refuse(handler, "InvalidParameter", "signature method")
        if not hmac.compare_digest(signature, expected_signature(params, self.secret)):
            return self._refuse(handler, "SignatureDoesNotMatch", "signature")
        stamp = datetime.strptime(params["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        if abs((datetime.now(UTC) - stamp).total_seconds()) > 900:
            return self._refuse(handler, "InvalidTimeStamp.Expired", "timestamp")
        with self._lock:
            if params["SignatureNonce"] in self._nonces:
                return self._refuse(handler, "SignatureNonceUsed", "nonce")
            self._nonces.add(params["SignatureNonce"])
        if (params["Action"], params["Version"], params["Format"]) != ("SendSms", "2017-05-25", "JSON"):
            return self._refuse(handler, "InvalidParameter", "action")
        template_param = json.loads(params.get("TemplateParam") or "{}")
        mode = self.mode
        if mode == "random":
            with self._lock:
                roll = self._rng.random()
            if roll < self.timeout_share:
                mode = "timeout"
            elif roll < self.failure_rate:
                mode = ("throttled", "http500", "invalid")[int(roll * 1000) % 3]
            else:
                mode = "ok"
        phone = params["PhoneNumbers"]
        if not (len(phone) == 11 and phone.isdigit() and phone.startswith("1")):
            mode = "invalid"
        code = {"ok": "OK", "throttled": "isv.BUSINESS_LIMIT_CONTROL", "invalid": "isv.MOBILE_NUMBER_ILLEGAL",
                "http500": "isp.SYSTEM_ERROR", "timeout": "OK"}[mode]
        with self._lock:
            # A time-out is the worst case: the SMS went out, the answer does not arrive in time.
            self.received.append(Received(params["OutId"], phone, code, template_param,
                                          on_time=mode != "timeout"))
        if mode == "timeout":
            time.sleep(self.stall_seconds)
            return self._answer(handler, 200, {"Code": "OK", "Message": "OK", "BizId": "late"})
        if mode == "http500":
            return self._answer(handler, 500, {"Code": code, "Message": "system error"})
        if code == "OK" and self.hold.is_set():
            self.holding.set()
            self.release.wait(30)
        status = 200
        self._answer(handler, status, {"Code": code, "Message": "OK" if code == "OK" else mode,
                                       "BizId": f"biz-{params['OutId'][:8]}", "RequestId": "r"})


@dataclass
class WebhookReceiver:
    """Accepts signed JSON POSTs; answers 401 to a bad signature."""

    secret: str = "hook-secret"
    status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)
    bad: int = 0

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                stamp = self.headers.get("X-Depot-Timestamp", "")
                want = "sha256=" + hmac.new(receiver.secret.encode(), stamp.encode() + b"." + body,
                                            hashlib.sha256).hexdigest()
                if not hmac.compare_digest(self.headers.get("X-Depot-Signature", ""), want):
                    receiver.bad += 1
                    self.send_response(401)
                else:
                    data = json.loads(body)
                    data["_key"] = self.headers.get("Idempotency-Key")
                    receiver.received.append(data)
                    self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/depot-events"

    def start(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl), returned as (cert, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


class MailServer:
    """aiosmtpd on 127.0.0.1: STARTTLS (required before login) or implicit SSL, with one login."""

    def __init__(self, folder: Path, *, security: str, user: str = "desk", password: str = "mail-pw") -> None:
        import ssl

        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        self.cert, key = make_certificate(folder)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, key)
        self.messages: list[Any] = []
        self.logins: list[str] = []
        server = self

        class Handler:
            async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                if session.authenticated is not True:
                    return "530 Authentication required"
                mail = message_from_bytes(envelope.content, policy=email_policy.default)
                server.messages.append((envelope.rcpt_tos, mail))
                return "250 OK"

            async def handle_RCPT(self, smtp: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                                  options: Any) -> str:
                if address.endswith("@invalid.example"):
                    return "550 No such user"
                envelope.rcpt_tos.append(address)
                return "250 OK"

        def authenticate(smtp: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = isinstance(data, LoginPassword) and data.login == user.encode() and data.password == password.encode()
            server.logins.append(f"{mechanism}:{'ok' if ok else 'refused'}")
            return AuthResult(success=ok)

        kwargs: dict[str, Any] = dict(hostname="127.0.0.1", port=free_port(), authenticator=authenticate,
                                      auth_require_tls=True)
        if security == "ssl":
            # The whole connection is TLS; aiosmtpd only tracks STARTTLS for its AUTH-needs-TLS rule.
            kwargs.update(ssl_context=context, auth_require_tls=False)
        else:
            kwargs.update(tls_context=context, require_starttls=True)
        self.controller = Controller(Handler(), **kwargs)

    def start(self) -> MailServer:
        self.controller.start()
        return self

    @property
    def port(self) -> int:
        return int(self.controller.port)

    def stop(self) -> None:
        self.controller.stop()
