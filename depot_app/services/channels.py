"""The ways a message leaves the depot: SMTP e-mail, an Alibaba Cloud SendSms-compatible SMS API, a webhook.

Each channel turns one :class:`Outgoing` message into one :class:`Attempt`
(sent, retry later, gateway offline, or give up) and carries the message's
idempotency key to the other side (the SMS ``OutId``, the e-mail's
``Message-ID``, the webhook's ``Idempotency-Key``), so a message resent after
a crash can be recognised there. Details never contain a secret: the keys and
passwords only ever go into signatures and the SMTP login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Any, Protocol

from depot_app.domain.notifications import Attempt, Outcome

#: SendSms answers that will not change by trying again: the message fails at once.
#: Any other code (throttling isv.BUSINESS_LIMIT_CONTROL, isp.SYSTEM_ERROR, a signature
#: or key the depot must correct) is tried again later, up to the maximum tries.
SMS_GIVE_UP = frozenset({
    "isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT", "isv.BLACK_KEY_CONTROL_LIMIT",
    "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_PARAMETERS", "isv.PARAM_LENGTH_LIMIT",
    "isv.INVALID_JSON_PARAM", "isv.PARAM_NOT_SUPPORT_URL", "isv.DAY_LIMIT_CONTROL",
})


@dataclass(frozen=True)
class Outgoing:
    """One claimed message as a channel needs it (plain data, safe across threads)."""

    id: int
    key: str
    channel: str
    event: str
    case_no: str
    recipient: str
    language: str
    subject: str
    body: str
    params: Mapping[str, str]


class Deliverer(Protocol):
    """A channel: one message in, one attempt's result out."""

    def send(self, message: Outgoing) -> Attempt: ...


def _network_failure(exc: BaseException, what: str) -> Attempt:
    """A failure below the protocol: unreachable is "offline", a time-out is "retry"."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, TimeoutError | socket.timeout):
        return Attempt(Outcome.RETRY, f"{what}: no answer in time")
    if isinstance(exc, ConnectionRefusedError | socket.gaierror | ConnectionResetError | OSError):
        return Attempt(Outcome.OFFLINE, f"{what} unreachable: {type(exc).__name__}")
    return Attempt(Outcome.RETRY, f"{what}: {type(exc).__name__}")


# --------------------------------------------------------------------- SMTP
@dataclass(frozen=True)
class SmtpChannel:
    """E-mail through the depot's SMTP server (STARTTLS, SSL or plain, with an optional login)."""

    host: str
    port: int
    security: str
    user: str
    password: str
    sender: str
    ca_file: str = ""
    timeout: float = 20.0

    def __repr__(self) -> str:  # the password never reaches a log line
        return f"SmtpChannel({self.host}:{self.port}, {self.security}, user={self.user!r})"

    def send(self, message: Outgoing) -> Attempt:
        if not self.host or not self.sender:
            return Attempt(Outcome.RETRY, "e-mail is not set up: smtp_host and smtp_from are needed")
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail["Message-ID"] = f"<{message.key}@depot-desk>"
        mail["X-Idempotency-Key"] = message.key
        mail.set_content(message.body)
        context = ssl.create_default_context(cafile=self.ca_file or None)
        try:
            client: smtplib.SMTP
            if self.security == "ssl":
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.security == "starttls":
                    client.starttls(context=context)
                if self.user:
                    try:
                        client.login(self.user, self.password)
                    except smtplib.SMTPException as exc:
                        # Some servers hang up after a wrong password instead of answering 535.
                        code = getattr(exc, "smtp_code", "")
                        return Attempt(Outcome.RETRY, f"the mail server refused the login {code}".strip()
                                       + "; check smtp_user and smtp_password")
                client.send_message(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = ", ".join(str(code) for code, _msg in exc.recipients.values())
            return Attempt(Outcome.GIVE_UP, f"the mail server refused the address ({codes})")
        except smtplib.SMTPResponseException as exc:
            outcome = Outcome.RETRY if 400 <= exc.smtp_code < 500 else Outcome.GIVE_UP
            return Attempt(outcome, f"the mail server answered {exc.smtp_code}")
        except ssl.SSLError as exc:
            return Attempt(Outcome.RETRY, f"TLS with the mail server failed: {exc.reason or type(exc).__name__}")
        except smtplib.SMTPException as exc:
            return Attempt(Outcome.RETRY, f"mail server: {type(exc).__name__}")
        except OSError as exc:
            return _network_failure(exc, "mail server")
        return Attempt(Outcome.SENT, "", message.key)


# ---------------------------------------------------------------------- SMS
def percent_encode(value: str) -> str:
    """RFC 3986 encoding as the RPC signature wants it: UTF-8, only A-Z a-z 0-9 - _ . ~ kept."""
    return urllib.parse.quote(value, safe="-_.~")


def canonical_query(params: Mapping[str, str]) -> str:
    """The parameters sorted by name, each ``name=value`` percent-encoded, joined by ``&``."""
    return "&".join(f"{percent_encode(k)}={percent_encode(params[k])}" for k in sorted(params))


def rpc_signature(params: Mapping[str, str], secret: str, method: str = "GET") -> str:
    """Alibaba Cloud RPC signature v1: Base64(HMAC-SHA1(secret + "&", METHOD&%2F&encoded query))."""
    string_to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


@dataclass(frozen=True)
class AliyunSmsChannel:
    """SMS through an Alibaba Cloud SendSms-compatible API (RPC style, version 2017-05-25)."""

    endpoint: str
    access_key_id: str
    access_key_secret: str
    sign_name: str
    template_codes: Mapping[str, str]
    timeout: float = 10.0
    region: str = "cn-hangzhou"

    def __repr__(self) -> str:
        return f"AliyunSmsChannel({self.endpoint}, key={self.access_key_id!r})"

    def request_params(self, message: Outgoing, *, nonce: str, timestamp: str) -> dict[str, str]:
        """Every parameter of the SendSms call except the signature."""
        phone = message.recipient.removeprefix("+86")
        return {
            "AccessKeyId": self.access_key_id, "Action": "SendSms", "Format": "JSON",
            "OutId": message.key, "PhoneNumbers": phone, "RegionId": self.region,
            "SignName": self.sign_name, "SignatureMethod": "HMAC-SHA1", "SignatureNonce": nonce,
            "SignatureVersion": "1.0", "TemplateCode": self.template_codes.get(message.event, ""),
            "TemplateParam": json.dumps(dict(message.params), ensure_ascii=False, separators=(",", ":")),
            "Timestamp": timestamp, "Version": "2017-05-25",
        }

    def send(self, message: Outgoing) -> Attempt:
        if not (self.endpoint and self.access_key_id and self.access_key_secret and self.sign_name):
            return Attempt(Outcome.RETRY, "SMS is not set up: sms_endpoint, sms_access_key_id, "
                                          "sms_access_key_secret and sms_sign_name are needed")
        if not self.template_codes.get(message.event):
            return Attempt(Outcome.RETRY, f"no SMS template code for “{message.event}” (sms_template_codes)")
        params = self.request_params(message, nonce=uuid.uuid4().hex,
                                     timestamp=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        signature = rpc_signature(params, self.access_key_secret)
        url = f"{self.endpoint.rstrip('/')}/?Signature={percent_encode(signature)}&{canonical_query(params)}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:  # noqa: S310 - https or test http
                answer = _json(response.read())
        except urllib.error.HTTPError as exc:
            answer = _json(exc.read())
            if exc.code >= 500 or not answer.get("Code"):
                return Attempt(Outcome.RETRY, f"SMS gateway answered HTTP {exc.code}")
        except (OSError, urllib.error.URLError) as exc:
            return _network_failure(exc, "SMS gateway")
        return sms_outcome(answer)


def _json(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sms_outcome(answer: Mapping[str, Any]) -> Attempt:
    """What a SendSms answer means for the message."""
    code = str(answer.get("Code", ""))
    text = str(answer.get("Message", ""))[:200]
    if code == "OK":
        return Attempt(Outcome.SENT, "", str(answer.get("BizId", "")))
    if code in SMS_GIVE_UP:
        return Attempt(Outcome.GIVE_UP, f"{code}: {text}".strip(": "))
    return Attempt(Outcome.RETRY, f"{code or 'no code'}: {text}".strip(": "))


# ------------------------------------------------------------------ webhook
def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` + HMAC-SHA256(secret, timestamp + "." + body) in hex."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


@dataclass(frozen=True)
class WebhookChannel:
    """A JSON POST to the depot's own system, signed with HMAC-SHA256."""

    url: str
    secret: str
    timeout: float = 10.0

    def __repr__(self) -> str:
        return f"WebhookChannel({urllib.parse.urlsplit(self.url).netloc})"

    def send(self, message: Outgoing) -> Attempt:
        if not self.url:
            return Attempt(Outcome.RETRY, "the webhook is not set up: webhook_url is empty")
        body = json.dumps({"id": message.key, "event": message.event, "case_no": message.case_no,
                           "language": message.language, "text": message.body,
                           "facts": dict(message.params)}, ensure_ascii=False).encode("utf-8")
        timestamp = str(int(datetime.now(UTC).timestamp()))
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Idempotency-Key": message.key,
            "X-Depot-Timestamp": timestamp, "X-Depot-Signature": webhook_signature(self.secret, timestamp, body)})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (OSError, urllib.error.URLError) as exc:
            return _network_failure(exc, "webhook")
        if 200 <= status < 300:
            return Attempt(Outcome.SENT, "", message.key)
        if status in (408, 425, 429) or status >= 500:
            return Attempt(Outcome.RETRY, f"webhook answered HTTP {status}")
        return Attempt(Outcome.GIVE_UP, f"webhook refused the message: HTTP {status}")
