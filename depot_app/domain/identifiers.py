"""Tracking numbers, phone numbers and the masking of personal data.

Everything here is pure Python so the registration dialog, the services and
the exporters share one definition of "a valid tracking number" and "a valid
phone". Validators raise :class:`TrackingNumberError` /
:class:`PhoneNumberError` with a message in English and Chinese that tells the
clerk what to fix; the normalisers never raise.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import phonenumbers

from depot_app.domain.errors import PhoneNumberError, TrackingNumberError

__all__ = [
    "Carrier",
    "PhoneInfo",
    "PhoneKind",
    "TrackingInfo",
    "detect_carrier",
    "is_s10",
    "mask_address",
    "mask_name",
    "mask_phone",
    "normalize_phone",
    "normalize_tracking",
    "phone_last4",
    "s10_check_digit",
    "validate_phone",
    "validate_s10",
    "validate_tracking",
]

# --------------------------------------------------------------------------
# Shared text clean-up
# --------------------------------------------------------------------------

# NFKC leaves these alone, yet they arrive in pasted text (WeChat, web pages,
# Excel) and are invisible on screen, so a number "looks right" but never
# matches in a search.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
# Every dash a keyboard, an IME or a word processor's autocorrect produces.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_DASH_RUN = re.compile(f"[{re.escape(_DASHES)}]")
_WHITESPACE = re.compile(r"\s+")
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _fold(raw: str) -> str:
    # NFKC turns full-width "ＳＦ１２３", "（", "＋" and the ideographic space
    # into their ASCII forms, which Chinese IMEs and some scanners emit.
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw))


def _quote_chars(chars: list[str]) -> str:
    # repr() makes stray control characters visible instead of printing them.
    return ", ".join(repr(c) for c in chars)


# --------------------------------------------------------------------------
# Tracking numbers
# --------------------------------------------------------------------------

TRACKING_MIN_LEN = 8
TRACKING_MAX_LEN = 32
_TRACKING_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def normalize_tracking(raw: str) -> str:
    """The canonical form of a typed, scanned or pasted tracking number.

    Full-width characters become ASCII, letters are upper-cased, and spaces,
    dashes, underscores and invisible characters are removed. Anything else
    is left in place for :func:`validate_tracking` to report. Never raises.
    """
    text = _fold(raw)
    text = _WHITESPACE.sub("", text)
    text = _DASH_RUN.sub("", text).replace("_", "")
    # Only ASCII letters are upper-cased: str.upper() would turn "ß" into
    # "SS" and let a non-Latin letter slip through as valid characters.
    return text.translate(_ASCII_UPPER)


class Carrier(StrEnum):
    """A courier company (or postal service) a tracking number belongs to.

    Values are stable lower-case codes for the database and exports; ``zh``,
    ``en`` and :meth:`label` give the names people read.
    """

    SF = "sf"
    YTO = "yto"
    ZTO = "zto"
    STO = "sto"
    YUNDA = "yunda"
    JD = "jd"
    EMS = "ems"
    CHINA_POST = "china_post"
    JT = "jt"
    DEBANG = "debang"
    UPU_INTL = "upu_intl"
    OTHER = "other"

    @property
    def zh(self) -> str:
        """The Chinese name, as printed on the carrier's waybills."""
        return _CARRIER_NAMES[self][0]

    @property
    def en(self) -> str:
        """The English name."""
        return _CARRIER_NAMES[self][1]

    def label(self, language: str = "zh_CN") -> str:
        """The name to show in ``language`` (``zh_CN`` or ``en``)."""
        return self.zh if language.startswith("zh") else self.en


_CARRIER_NAMES: dict[Carrier, tuple[str, str]] = {
    Carrier.SF: ("顺丰速运", "SF Express"),
    Carrier.YTO: ("圆通速递", "YTO Express"),
    Carrier.ZTO: ("中通快递", "ZTO Express"),
    Carrier.STO: ("申通快递", "STO Express"),
    Carrier.YUNDA: ("韵达速递", "Yunda Express"),
    Carrier.JD: ("京东物流", "JD Logistics"),
    Carrier.EMS: ("中国邮政EMS", "China Post EMS"),
    Carrier.CHINA_POST: ("中国邮政", "China Post"),
    Carrier.JT: ("极兔速递", "J&T Express"),
    Carrier.DEBANG: ("德邦快递", "Deppon Express"),
    Carrier.UPU_INTL: ("国际邮件（S10）", "International postal item (S10)"),
    Carrier.OTHER: ("其他", "Other"),
}


@dataclass(frozen=True, slots=True)
class TrackingInfo:
    """A validated tracking number with its (detected or chosen) carrier."""

    number: str
    carrier: Carrier
    is_s10: bool


# UPU S10: two service letters, 8 serial digits, a check digit, ISO country.
_S10 = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(eight_digits: str) -> int:
    """The UPU S10 check digit for the 8 serial digits of an item number.

    Weights 8 6 4 2 3 5 9 7; check = 11 - (sum mod 11), where 10 becomes 0
    and 11 becomes 5. Raises ``ValueError`` unless given exactly 8 ASCII
    digits (a programming error, not a clerk's).
    """
    if not re.fullmatch(r"[0-9]{8}", eight_digits):
        raise ValueError(f"expected exactly 8 digits, got {eight_digits!r}")
    total = sum(int(d) * w for d, w in zip(eight_digits, _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 10:
        return 0
    if check == 11:
        return 5
    return check


def is_s10(number: str) -> bool:
    """Whether ``number`` has the S10 shape ``AA123456789CN`` (check digit not verified)."""
    return _S10.fullmatch(normalize_tracking(number)) is not None


def validate_s10(number: str) -> None:
    """Raise :class:`TrackingNumberError` unless ``number`` is a well-formed S10 number.

    Both the shape and the check digit are verified; the message names the
    check digit the number should have had.
    """
    n = normalize_tracking(number)
    if _S10.fullmatch(n) is None:
        raise TrackingNumberError(
            f"{n} is not an international postal number: expected two letters, "
            "9 digits and two letters, e.g. RR123456785CN",
            f"{n} 不是国际邮件单号：应为 2 个字母、9 位数字、2 个字母，例如 RR123456785CN",
            field="tracking_no",
        )
    expected = s10_check_digit(n[2:10])
    actual = int(n[10])
    if expected != actual:
        raise TrackingNumberError(
            f"Check digit of {n} should be {expected}, not {actual}: "
            "the number was probably mistyped",
            f"单号 {n} 的校验位应为 {expected}，而不是 {actual}：单号可能输错了，请核对面单",
            field="tracking_no",
        )


# Detection rules, tried in order; the first match wins. The letter-prefixed
# forms are reliable. The digit-only forms are HEURISTICS taken from the
# carriers' public numbering habits: the same digit run can belong to two
# carriers, and carriers change their ranges. The registration screen shows
# the guess and the clerk can override it; an unrecognised number is OTHER,
# never an error. The more specific STO prefixes must come before YUNDA (3/4…)
# and ZTO (7/5…), which they overlap.
_DETECTION_RULES: tuple[tuple[re.Pattern[str], Carrier], ...] = (
    (re.compile(r"SF[0-9]{12,13}"), Carrier.SF),
    (re.compile(r"YT[0-9]{13,15}"), Carrier.YTO),
    (re.compile(r"JD(?:V[A-Z]|X)?[0-9]{10,15}"), Carrier.JD),
    (re.compile(r"JT[0-9]{13}"), Carrier.JT),
    (re.compile(r"DPK[0-9]{9,15}"), Carrier.DEBANG),
    (re.compile(r"(?=[0-9]{12,15}$)(?:77|88|[2-9]68)[0-9]+"), Carrier.STO),
    (re.compile(r"1[0-9]{12}"), Carrier.EMS),
    (re.compile(r"9[0-9]{12}"), Carrier.CHINA_POST),
    (re.compile(r"[34][0-9]{12,14}"), Carrier.YUNDA),
    (re.compile(r"[57][0-9]{11,13}"), Carrier.ZTO),
)


def detect_carrier(number: str) -> Carrier:
    """The most likely carrier for a tracking number, or ``Carrier.OTHER``.

    S10 numbers are international postal items, except that an 'E…' service
    from China is domestic-origin EMS. Digit-only rules are guesses the clerk
    may override.
    """
    n = normalize_tracking(number)
    if _S10.fullmatch(n):
        return Carrier.EMS if n[0] == "E" and n.endswith("CN") else Carrier.UPU_INTL
    for pattern, carrier in _DETECTION_RULES:
        if pattern.fullmatch(n):
            return carrier
    return Carrier.OTHER


@dataclass(frozen=True, slots=True)
class _Shape:
    """How long a carrier's numbers are, for catching clear contradictions."""

    prefix: re.Pattern[str] | None  # letters the number starts with, if any
    digits: tuple[int, int]  # digit count after the prefix
    bare: tuple[int, int] | None  # total length when typed as digits only
    en: str
    zh: str
    any_form: bool = False  # length applies whatever the characters are


# Wider than the detection rules on purpose: a clerk who picks the carrier by
# hand knows something we do not, so only a length no number of that carrier
# can have is refused. Legacy digit-only forms (old SF 12-digit numbers, a
# prefix left off when typing) stay acceptable.
_SHAPES: dict[Carrier, _Shape] = {
    Carrier.SF: _Shape(re.compile("SF"), (12, 13), (12, 13),
                       "SF followed by 12 or 13 digits", "SF 加 12 或 13 位数字"),
    Carrier.YTO: _Shape(re.compile("YT"), (13, 15), (10, 15),
                        "YT followed by 13 to 15 digits", "YT 加 13 至 15 位数字"),
    Carrier.JD: _Shape(re.compile(r"JD(?:V[A-Z]|X)?"), (10, 15), (10, 15),
                       "JD (or JDVA, JDVB, JDVC, JDX) followed by 10 to 15 digits",
                       "JD（或 JDVA、JDVB、JDVC、JDX）加 10 至 15 位数字"),
    Carrier.JT: _Shape(re.compile("JT"), (13, 13), (12, 15),
                       "JT followed by 13 digits", "JT 加 13 位数字"),
    Carrier.DEBANG: _Shape(re.compile("DPK"), (9, 15), (8, 12),
                           "DPK followed by 9 to 15 digits", "DPK 加 9 至 15 位数字"),
    Carrier.ZTO: _Shape(None, (12, 14), None, "12 to 14 digits", "12 至 14 位数字"),
    Carrier.STO: _Shape(None, (12, 15), None, "12 to 15 digits", "12 至 15 位数字"),
    Carrier.YUNDA: _Shape(None, (13, 15), None, "13 to 15 digits", "13 至 15 位数字"),
    Carrier.EMS: _Shape(None, (13, 13), None,
                        "13 characters: 13 digits, or an international number like EA123456789CN",
                        "13 位：13 位数字，或 EA123456789CN 这样的国际单号", any_form=True),
    Carrier.CHINA_POST: _Shape(None, (13, 13), None,
                               "13 characters: 13 digits, or an international number like RR123456789CN",
                               "13 位：13 位数字，或 RR123456789CN 这样的国际单号", any_form=True),
    Carrier.UPU_INTL: _Shape(None, (13, 13), None,
                             "two letters, 9 digits and two letters, e.g. RR123456785CN",
                             "2 个字母、9 位数字、2 个字母，例如 RR123456785CN", any_form=True),
}


def _length_for_carrier(number: str, shape: _Shape) -> int | None:
    """The length to judge against ``shape.digits``, or None when no claim can be made."""
    if shape.prefix is not None:
        match = shape.prefix.match(number)
        if match:
            return len(number) - match.end()
        return None
    if shape.any_form or number.isdigit():
        return len(number)
    return None


def _check_against_carrier(number: str, carrier: Carrier) -> None:
    shape = _SHAPES.get(carrier)
    if shape is None:
        return
    low, high = shape.digits
    length = _length_for_carrier(number, shape)
    if length is None and shape.bare is not None and number.isdigit():
        # The prefix was left off (or it is a legacy digit-only number).
        low, high = shape.bare
        length = len(number)
    if length is None or low <= length <= high:
        return
    if length < low:
        en_word, zh_word = "too short", "太短"
    else:
        en_word, zh_word = "too long", "太长"
    raise TrackingNumberError(
        f"Tracking number {number} is {en_word} for {carrier.en}: expected {shape.en}",
        f"快递单号 {number} 对{carrier.zh}来说{zh_word}：应为 {shape.zh}",
        field="tracking_no",
    )


def validate_tracking(raw: str, carrier: Carrier | None = None) -> TrackingInfo:
    """Normalise and check a tracking number; detect its carrier unless given.

    Raises :class:`TrackingNumberError` (``field="tracking_no"``) when the
    number is empty, has characters other than A-Z and 0-9, is shorter than
    8 or longer than 32 characters, is S10-shaped with a wrong check digit,
    or - only when ``carrier`` is passed - has a length that carrier's
    numbers cannot have. A well-formed number nobody recognises is accepted
    as ``Carrier.OTHER``.
    """
    number = normalize_tracking(raw)
    if not number:
        raise TrackingNumberError(
            "Tracking number is empty: scan or type the number on the waybill",
            "快递单号为空：请扫描或输入面单上的单号",
            field="tracking_no",
        )
    bad = sorted({c for c in number if c not in _TRACKING_CHARS})
    if bad:
        chars = _quote_chars(bad)
        raise TrackingNumberError(
            f"Tracking number {number} contains {chars}: only letters A-Z and digits are allowed",
            f"快递单号 {number} 含有不允许的字符 {chars}：只能包含字母和数字",
            field="tracking_no",
        )
    # The carrier-specific check comes first because its message is the more
    # useful one ("too short for SF Express: expected SF + 12 or 13 digits").
    if carrier is not None:
        _check_against_carrier(number, carrier)
    if len(number) < TRACKING_MIN_LEN:
        raise TrackingNumberError(
            f"Tracking number {number} is too short: it has {len(number)} characters, "
            f"a tracking number has at least {TRACKING_MIN_LEN}",
            f"快递单号 {number} 太短：只有 {len(number)} 位，快递单号至少 {TRACKING_MIN_LEN} 位",
            field="tracking_no",
        )
    if len(number) > TRACKING_MAX_LEN:
        raise TrackingNumberError(
            f"Tracking number {number} is too long: it has {len(number)} characters, "
            f"at most {TRACKING_MAX_LEN} are allowed (were two numbers scanned together?)",
            f"快递单号 {number} 太长：有 {len(number)} 位，最多 {TRACKING_MAX_LEN} 位"
            "（是否连续扫描了两个单号？）",
            field="tracking_no",
        )
    s10 = _S10.fullmatch(number) is not None
    if s10:
        validate_s10(number)
    return TrackingInfo(
        number=number,
        carrier=carrier if carrier is not None else detect_carrier(number),
        is_s10=s10,
    )


# --------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------

PhoneKind = Literal["mobile", "landline"]

# Explicit extension markers; a trailing "-1234" is handled separately because
# a dash is also an ordinary separator ("0571-8765-4321").
_EXT_MARKER = re.compile(r"转|轉|分机|分機|ext\.?", re.IGNORECASE)
_PHONE_SEPARATORS = re.compile(r"[\s().]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_SERVICE = re.compile(r"[48]00[0-9]{7}")
_EXTENSION = re.compile(r"[0-9]{1,6}")


def _area_code_length(digits: str) -> int:
    """Length of the area code (with its leading 0) of a landline's digits."""
    # 010 (Beijing) and 020-029 are the only 3-digit codes; all others are
    # 4 digits, e.g. 0571 Hangzhou, 0755 Shenzhen.
    return 3 if digits[1:2] in ("1", "2") else 4


def _is_full_landline(digits: str) -> bool:
    if not digits.isdigit() or not digits.startswith("0") or digits.startswith("00"):
        return False
    local = len(digits) - _area_code_length(digits)
    return 7 <= local <= 8


def _is_complete_number(digits: str) -> bool:
    # Mobiles count too, so "13812345678-12" is reported as a mobile with an
    # extension rather than as a 13-digit mobile.
    return (_is_full_landline(digits) or _SERVICE.fullmatch(digits) is not None
            or _MOBILE.fullmatch(digits) is not None)


def normalize_phone(raw: str) -> str:
    """The compact form of a phone number as typed: digits, then ``-ext`` if any.

    Full-width characters become ASCII; spaces, dashes, dots and parentheses
    are removed; a leading +86 / 0086 (or a bare 86 before an 11-digit
    mobile) is dropped, restoring the trunk 0 of a landline written in
    international form (+86 10 1234 5678 -> 01012345678). An extension given
    with 转 / 分机 / ext, or as a trailing "-1234" after a complete landline,
    is kept as ``-1234``. Never raises: odd input comes back cleaned for
    :func:`validate_phone` to report.
    """
    text = _DASH_RUN.sub("-", _fold(raw)).strip()
    ext = ""
    marker = _EXT_MARKER.search(text)
    if marker:
        ext = re.sub(r"[\s\-().:：#]", "", text[marker.end():])
        text = text[: marker.start()]
    text = _PHONE_SEPARATORS.sub("", text)

    international = False
    if text.startswith("+86"):
        text, international = text[3:], True
    elif text.startswith("0086"):
        text, international = text[4:], True
    text = text.lstrip("-")
    compact = text.replace("-", "")
    if international and compact and not compact.startswith("0") and not _MOBILE.fullmatch(compact):
        # International notation drops the trunk 0 of the area code.
        text, compact = "0" + text, "0" + compact
    elif re.fullmatch(r"861[3-9][0-9]{9}", compact):
        text, compact = text[2:].lstrip("-"), compact[2:]

    if not ext and "-" in text:
        head, _, tail = text.rpartition("-")
        head_digits = head.replace("-", "")
        if _EXTENSION.fullmatch(tail) and _is_complete_number(head_digits):
            compact, ext = head_digits, tail
    return f"{compact}-{ext}" if ext else compact


@dataclass(frozen=True, slots=True)
class PhoneInfo:
    """A validated mainland phone number.

    ``number`` is canonical: a mobile as 11 digits (``13812345678``), a
    landline as ``area-local`` with an optional ``-ext``
    (``0571-87654321-8001``), a 400/800 service number as 10 digits
    (kind ``landline``).
    """

    number: str
    kind: PhoneKind

    @property
    def masked(self) -> str:
        """The number as it may appear outside the depot (``138****1234``)."""
        return mask_phone(self.number)

    @property
    def last4(self) -> str:
        """The last four digits (尾号), for the indexed search."""
        return phone_last4(self.number)


_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _cn_number_type(digits: str) -> int | None:
    """The ``phonenumbers`` type of a mainland number in national digits, None when it cannot exist."""
    try:
        parsed = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return int(phonenumbers.number_type(parsed))


def _cn_area_code(digits: str) -> str:
    """The area code (with its trunk 0) that ``phonenumbers`` knows at the start of a landline, or ""."""
    for length in (3, 4):
        area = digits[:length]
        probe = area + "8" * (8 if length == 3 else 7)
        try:
            parsed = phonenumbers.parse(probe, "CN")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
            if national.split(" ")[0] == area:
                return area
    return ""


def _phone_error(field: str, en: str, zh: str) -> PhoneNumberError:
    return PhoneNumberError(en, zh, field=field)


def validate_phone(raw: str, *, field: str = "phone") -> PhoneInfo:
    """Normalise and check a mainland mobile, landline or 400/800 number.

    Raises :class:`PhoneNumberError` carrying ``field`` with a message that
    says what is wrong (digit count, missing area code, bad extension...).
    """
    normal = normalize_phone(raw)
    if not normal:
        raise _phone_error(field, "Phone number is empty", "电话号码为空")
    main, _, ext = normal.partition("-")
    if not main:
        # Only an extension was typed ("转 8001"): the number itself is missing.
        raise _phone_error(field, "Phone number is empty", "电话号码为空")
    bad = sorted({c for c in main if c not in "0123456789"})
    if bad:
        chars = _quote_chars(bad)
        if main.startswith(("+", "00")):
            raise _phone_error(
                field,
                f"Phone number {main} is not a mainland China number: only +86 numbers are accepted",
                f"电话号码 {main} 不是中国大陆号码：只接受 +86 的号码",
            )
        raise _phone_error(
            field,
            f"Phone number {main} contains {chars}: only digits are allowed",
            f"电话号码 {main} 含有非数字字符 {chars}：只能包含数字",
        )
    if ext and not _EXTENSION.fullmatch(ext):
        raise _phone_error(
            field,
            f"Extension {ext} of phone number {main} must be 1 to 6 digits",
            f"电话号码 {main} 的分机号 {ext} 应为 1 至 6 位数字",
        )
    n = len(main)

    if main.startswith("1"):
        if ext:
            raise _phone_error(
                field,
                f"Mobile number {main} cannot have an extension ({ext})",
                f"手机号 {main} 不能带分机号（{ext}）",
            )
        if n != 11:
            few = n < 11
            raise _phone_error(
                field,
                f"Mobile number {main} has {n} digits; a mainland mobile has 11",
                f"手机号 {main} {'只有' if few else '有'} {n} 位，大陆手机号应为 11 位",
            )
        if not _MOBILE.fullmatch(main):
            raise _phone_error(
                field,
                f"Mobile number {main} cannot start with {main[:2]}: "
                "mainland mobiles start with 13 to 19",
                f"手机号 {main} 不能以 {main[:2]} 开头，大陆手机号以 13 至 19 开头",
            )
        if _cn_number_type(main) not in _MOBILE_TYPES:
            raise _phone_error(
                field,
                f"Mobile number {main} does not exist: no mainland mobile network uses {main[:3]}; "
                "check the first digits",
                f"手机号 {main} 不存在：大陆没有以 {main[:3]} 开头的手机号段，请核对前几位",
            )
        return PhoneInfo(main, "mobile")

    if main.startswith(("400", "800")):
        if n != 10:
            raise _phone_error(
                field,
                f"Service number {main} has {n} digits; a {main[:3]} number has 10",
                f"服务号码 {main} 有 {n} 位，{main[:3]} 号码应为 10 位",
            )
        return PhoneInfo(f"{main}-{ext}" if ext else main, "landline")

    if main.startswith("00"):
        raise _phone_error(
            field,
            f"Phone number {main} is not a mainland China number: only +86 numbers are accepted",
            f"电话号码 {main} 不是中国大陆号码：只接受 +86 的号码",
        )

    if main.startswith("0"):
        area_len = _area_code_length(main)
        area, local = main[:area_len], main[area_len:]
        if _cn_number_type(main) is not None and 7 <= len(local) <= 8:
            return PhoneInfo(f"{area}-{local}" + (f"-{ext}" if ext else ""), "landline")
        known = _cn_area_code(main)
        if known and 7 <= len(main) - len(known) <= 8:
            raise _phone_error(
                field,
                f"Landline {known}-{main[len(known):]} does not exist: check the number after area code {known}",
                f"座机号 {known}-{main[len(known):]} 不存在：请核对区号 {known} 后的号码",
            )
        if not 7 <= len(local) <= 8:
            raise _phone_error(
                field,
                f"Landline {area}-{local} has a {len(local)}-digit number after area code "
                f"{area}; expected 7 or 8 digits",
                f"座机号 {area}-{local} 区号 {area} 后的号码有 {len(local)} 位，应为 7 或 8 位",
            )
        return PhoneInfo(f"{area}-{local}" + (f"-{ext}" if ext else ""), "landline")

    if 7 <= n <= 8:
        raise _phone_error(
            field,
            f"Landline {main} has no area code: add it in front, e.g. 0571-{main}",
            f"座机号 {main} 缺少区号：请在前面加上区号，例如 0571-{main}",
        )
    raise _phone_error(
        field,
        f"Phone number {main} ({n} digits) is neither a mainland mobile (11 digits "
        "starting with 1) nor a landline with its area code (starting with 0)",
        f"电话号码 {main}（{n} 位）既不是大陆手机号（以 1 开头的 11 位数字），"
        "也不是带区号的座机号（以 0 开头）",
    )


def _mask_tail(text: str) -> str:
    # Reveal at most the last 4 characters, and never more than the hidden
    # part, so a short fragment is not given away almost whole.
    shown = min(4, max(0, len(text) - 4))
    return "****" + (text[-shown:] if shown else "")


def mask_phone(number: str) -> str:
    """The phone number as it may leave the depot.

    Mobiles become ``138****1234``, landlines keep the area code and the last
    4 digits (``010-****5678``, extension dropped), 400/800 numbers
    ``400****4567``. Anything unrecognised shows at most its last 4
    characters. Empty stays empty.
    """
    if not number.strip():
        return ""
    try:
        info = validate_phone(number)
    except PhoneNumberError:
        return _mask_tail(normalize_phone(number).partition("-")[0] or number.strip())
    main = info.number
    if info.kind == "mobile":
        return f"{main[:3]}****{main[-4:]}"
    if main.startswith("0"):
        area, local = main.split("-")[:2]
        return f"{area}-****{local[-4:]}"
    digits = main.partition("-")[0]
    return f"{digits[:3]}****{digits[-4:]}"


def phone_last4(number: str) -> str:
    """The last four digits of the number itself (尾号), ignoring any extension.

    Used for the indexed tail search; fewer digits come back as they are,
    and an empty string gives an empty string.
    """
    main = normalize_phone(number).partition("-")[0]
    digits = "".join(c for c in main if c in "0123456789")
    return digits[-4:]


# --------------------------------------------------------------------------
# Names and addresses
# --------------------------------------------------------------------------


def mask_name(name: str) -> str:
    """A person's name with everything but the first character starred.

    张三 -> 张*, 欧阳娜娜 -> 欧***, John Smith -> J*********. A compound
    surname cannot be told from the name, so only one character is kept; a
    one-character name is fully starred. Empty stays empty.
    """
    text = _WHITESPACE.sub(" ", name).strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


# Characters that end an administrative unit (省 province, 市 city, 区/县
# district/county, 州/盟/旗 in minority regions); cutting just after one keeps
# the masked address readable as "where", without the street.
_ADMIN_SUFFIXES = frozenset("省市区县州盟旗")


def mask_address(address: str) -> str:
    """An address with roughly its first third (province/city) kept, the rest starred.

    Where a province/city/district ends near the one-third mark the cut is
    moved there (广东省深圳市南山区科技园路1号 -> 广东省深圳市*********); it never
    reveals more than half. Empty stays empty.
    """
    text = _WHITESPACE.sub(" ", address).strip()
    if not text:
        return ""
    if len(text) <= 2:
        return "*" * len(text)
    target = len(text) / 3
    cut = max(1, round(target))
    boundaries = [i + 1 for i, c in enumerate(text) if c in _ADMIN_SUFFIXES
                  and i + 1 <= math.floor(len(text) / 2)]
    if boundaries:
        cut = min(boundaries, key=lambda b: (abs(b - target), b))
    return text[:cut] + "*" * (len(text) - cut)
