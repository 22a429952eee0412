"""Tracking numbers, phones and masking (depot_app.domain.identifiers)."""

from __future__ import annotations

import pytest

from depot_app.domain.errors import PhoneNumberError, TrackingNumberError, ValidationError
from depot_app.domain.identifiers import (
    Carrier,
    PhoneInfo,
    TrackingInfo,
    detect_carrier,
    is_s10,
    mask_address,
    mask_name,
    mask_phone,
    normalize_phone,
    normalize_tracking,
    phone_last4,
    s10_check_digit,
    validate_phone,
    validate_s10,
    validate_tracking,
)

# ---------------------------------------------------------------- S10 check digit


def _reference_check_digit(digits: str) -> int:
    """Independent spelling of the UPU S10 rule, to cross-check the module."""
    total = sum(int(d) * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    return {10: 0, 11: 5}.get(check, check)


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("47312482", 9),  # RR473124829GB, the UPU's own example
        ("12345678", 5),  # sum 204, 204 mod 11 = 6, 11 - 6 = 5
        ("00004000", 0),  # sum 12, mod 11 = 1, 11 - 1 = 10 -> 0
        ("10000014", 0),  # sum 45, mod 11 = 1 -> 10 -> 0
        ("00000000", 5),  # sum 0, mod 11 = 0, 11 - 0 = 11 -> 5
        ("10000002", 5),  # sum 22, mod 11 = 0 -> 11 -> 5
        ("10000017", 5),  # sum 66 -> 11 -> 5
        ("00000001", 4),  # sum 7 -> 11 - 7 = 4
        ("10000000", 3),  # sum 8 -> 3
    ],
)
def test_s10_check_digit_known_values(digits: str, expected: int) -> None:
    assert s10_check_digit(digits) == expected


def test_s10_check_digit_matches_reference_over_a_range() -> None:
    for n in range(10_000_000, 10_003_000):
        digits = str(n)
        assert s10_check_digit(digits) == _reference_check_digit(digits), digits


def test_s10_check_digit_is_never_10_or_11() -> None:
    seen = {s10_check_digit(f"{n:08d}") for n in range(5000)}
    assert seen == set(range(10))


@pytest.mark.parametrize("bad", ["", "1234567", "123456789", "1234567A", "１２３４５６７８"])
def test_s10_check_digit_rejects_anything_but_eight_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        s10_check_digit(bad)


@pytest.mark.parametrize(
    "number",
    ["RR473124829GB", "EE123456785CN", "RR100000140CN", "CP000000005CN", "rr473124829gb"],
)
def test_valid_s10_numbers_pass(number: str) -> None:
    assert is_s10(number)
    validate_s10(number)  # does not raise
    info = validate_tracking(number)
    assert info.is_s10 is True
    assert info.number == number.upper()


@pytest.mark.parametrize(
    ("number", "expected", "actual"),
    [
        ("RR473124828GB", 9, 8),
        ("RR123456784CN", 5, 4),
        ("EE123456780CN", 5, 0),
        ("RR100000145CN", 0, 5),
    ],
)
def test_wrong_s10_check_digit_names_the_right_one(number: str, expected: int, actual: int) -> None:
    with pytest.raises(TrackingNumberError) as caught:
        validate_tracking(number)
    err = caught.value
    assert err.field == "tracking_no"
    assert err.en == (
        f"Check digit of {number} should be {expected}, not {actual}: "
        "the number was probably mistyped"
    )
    assert f"校验位应为 {expected}，而不是 {actual}" in err.zh
    assert number in err.zh
    with pytest.raises(TrackingNumberError):
        validate_s10(number)


@pytest.mark.parametrize("number", ["RR12345678CN", "R1234567890CN", "RR1234567890C", "1234567890123", ""])
def test_is_s10_is_shape_only(number: str) -> None:
    assert not is_s10(number)


def test_is_s10_does_not_check_the_digit() -> None:
    assert is_s10("RR123456784CN")


def test_validate_s10_rejects_wrong_shape() -> None:
    with pytest.raises(TrackingNumberError) as caught:
        validate_s10("RR12345678CN")
    assert "two letters, 9 digits and two letters" in caught.value.en
    assert "9 位数字" in caught.value.zh


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＳＦ１２３４５６７８９０１２", "SF123456789012"),  # full-width from an IME
        ("sf1234567890123", "SF1234567890123"),
        ("  SF 1234-5678_9012  ", "SF123456789012"),
        ("SF\u200b1234\ufeff56789012", "SF123456789012"),  # zero-width junk
        ("YT\u3000123\u2014456", "YT123456"),  # ideographic space, em dash
        ("ｊｄ－００１", "JD001"),  # full-width hyphen
        ("rr 473 124 829 gb", "RR473124829GB"),
        ("", ""),
        ("AB#12", "AB#12"),  # left in place for the validator to report
    ],
)
def test_normalize_tracking(raw: str, expected: str) -> None:
    assert normalize_tracking(raw) == expected


def test_normalize_tracking_is_idempotent() -> None:
    once = normalize_tracking(" ｓｆ-1234 5678 9012 ")
    assert normalize_tracking(once) == once


def test_normalize_tracking_only_uppercases_ascii() -> None:
    # "ß".upper() == "SS" would sneak a non-ASCII letter through as valid.
    assert normalize_tracking("ab\u00df12345678") == "AB\u00df12345678"
    with pytest.raises(TrackingNumberError):
        validate_tracking("ab\u00df12345678")


# ---------------------------------------------------------------- carriers


@pytest.mark.parametrize(
    ("number", "carrier"),
    [
        ("SF123456789012", Carrier.SF),
        ("SF1234567890123", Carrier.SF),
        ("YT1234567890123", Carrier.YTO),
        ("YT123456789012345", Carrier.YTO),
        ("73123456789012", Carrier.ZTO),
        ("75123456789012", Carrier.ZTO),
        ("78123456789012", Carrier.ZTO),
        ("512345678901", Carrier.ZTO),
        ("JD0012345678901", Carrier.JD),
        ("JDVA12345678901", Carrier.JD),
        ("JDVB12345678901", Carrier.JD),
        ("JDVC12345678901", Carrier.JD),
        ("JT1234567890123", Carrier.JT),
        ("DPK123456789012", Carrier.DEBANG),
        ("1123456789012", Carrier.EMS),
        ("9812345678901", Carrier.CHINA_POST),
        ("3123456789012", Carrier.YUNDA),
        ("4312345678901", Carrier.YUNDA),
        ("461234567890123", Carrier.YUNDA),
        ("773123456789012", Carrier.STO),
        ("881234567890", Carrier.STO),
        ("268123456789", Carrier.STO),
        ("3681234567890", Carrier.STO),  # STO's 368 wins over Yunda's 3…
        ("4681234567890", Carrier.STO),
        ("7681234567890", Carrier.STO),  # STO's 768 wins over ZTO's 7…
        ("9681234567890", Carrier.STO),
        ("RR473124829GB", Carrier.UPU_INTL),
        ("RR123456785CN", Carrier.UPU_INTL),  # registered mail, not EMS
        ("EE123456785CN", Carrier.EMS),
        ("EA123456789US", Carrier.UPU_INTL),  # EMS but from abroad
        ("ABCDEFGH123", Carrier.OTHER),
        ("2012345678901", Carrier.OTHER),
        ("SF12345", Carrier.OTHER),  # too few digits for SF
        ("JT123456789012", Carrier.OTHER),  # JT takes exactly 13 digits
        ("6123456789", Carrier.OTHER),
    ],
)
def test_detect_carrier(number: str, carrier: Carrier) -> None:
    assert detect_carrier(number) is carrier


def test_detect_carrier_normalises_its_input() -> None:
    assert detect_carrier("ｓｆ 1234-5678-9012") is Carrier.SF


def test_validate_tracking_detects_and_returns_frozen_info() -> None:
    info = validate_tracking(" sf 1234 5678 9012 ")
    assert info == TrackingInfo(number="SF123456789012", carrier=Carrier.SF, is_s10=False)
    with pytest.raises(AttributeError):
        info.number = "x"  # type: ignore[misc]


def test_unrecognised_well_formed_number_is_other() -> None:
    info = validate_tracking("XYZ123456789")
    assert info.carrier is Carrier.OTHER
    assert info.is_s10 is False


def test_carrier_labels() -> None:
    assert Carrier.SF.zh == "顺丰速运"
    assert Carrier.SF.en == "SF Express"
    assert Carrier.JT.label("zh_CN") == "极兔速递"
    assert Carrier.JT.label("en") == "J&T Express"
    assert Carrier.OTHER.label() == "其他"
    assert Carrier.EMS.zh == "中国邮政EMS"
    assert str(Carrier.SF) == "sf"  # stable stored code
    for carrier in Carrier:
        assert carrier.zh and carrier.en


# ---------------------------------------------------------------- tracking errors


def _tracking_error(raw: str, carrier: Carrier | None = None) -> TrackingNumberError:
    with pytest.raises(TrackingNumberError) as caught:
        validate_tracking(raw, carrier)
    assert caught.value.field == "tracking_no"
    assert isinstance(caught.value, ValidationError)
    return caught.value


@pytest.mark.parametrize("raw", ["", "   ", "\u200b", " - _ "])
def test_empty_tracking_number(raw: str) -> None:
    err = _tracking_error(raw)
    assert "empty" in err.en
    assert "为空" in err.zh


def test_bad_characters_are_listed() -> None:
    err = _tracking_error("SF1234#567890/12")
    assert err.en == (
        "Tracking number SF1234#567890/12 contains '#', '/': "
        "only letters A-Z and digits are allowed"
    )
    assert "'#', '/'" in err.zh


def test_chinese_characters_are_rejected() -> None:
    err = _tracking_error("单号SF123456789012")
    assert "'单'" in err.en


def test_too_short_and_too_long() -> None:
    short = _tracking_error("AB12345")
    assert "7 characters" in short.en and "at least 8" in short.en
    assert "只有 7 位" in short.zh
    validate_tracking("AB123456")  # exactly 8 is fine
    validate_tracking("A" * 32)  # exactly 32 is fine
    long = _tracking_error("A" * 33)
    assert "33 characters" in long.en and "at most 32" in long.en


def test_explicit_carrier_too_short() -> None:
    err = _tracking_error("SF123", Carrier.SF)
    assert err.en == (
        "Tracking number SF123 is too short for SF Express: expected SF followed by 12 or 13 digits"
    )
    assert err.zh == "快递单号 SF123 对顺丰速运来说太短：应为 SF 加 12 或 13 位数字"


def test_explicit_carrier_too_long() -> None:
    err = _tracking_error("SF12345678901234", Carrier.SF)
    assert "too long for SF Express" in err.en
    assert "太长" in err.zh


@pytest.mark.parametrize(
    ("raw", "carrier", "word"),
    [
        ("YT123456789012", Carrier.YTO, "too short"),  # YT + 12 digits
        ("YT1234567890123456", Carrier.YTO, "too long"),  # YT + 16 digits
        ("JT123456789012", Carrier.JT, "too short"),
        ("JT12345678901234", Carrier.JT, "too long"),
        ("JDVA123456789", Carrier.JD, "too short"),
        ("DPK12345678", Carrier.DEBANG, "too short"),
        ("12345678901", Carrier.ZTO, "too short"),
        ("123456789012345", Carrier.ZTO, "too long"),
        ("1234567890123456", Carrier.STO, "too long"),
        ("123456789012", Carrier.YUNDA, "too short"),
        ("123456789012", Carrier.EMS, "too short"),
        ("12345678901234", Carrier.CHINA_POST, "too long"),
        ("RR12345678CN", Carrier.UPU_INTL, "too short"),
        ("12345678901", Carrier.SF, "too short"),  # bare digits: SF 12-13
    ],
)
def test_explicit_carrier_length_contradictions(raw: str, carrier: Carrier, word: str) -> None:
    err = _tracking_error(raw, carrier)
    assert f"{word} for {carrier.en}" in err.en
    assert carrier.zh in err.zh


@pytest.mark.parametrize(
    ("raw", "carrier"),
    [
        ("SF1234567890123", Carrier.SF),
        ("123456789012", Carrier.SF),  # legacy SF numbers were 12 bare digits
        ("62123456789012", Carrier.ZTO),  # clerk overrides the digit heuristics
        ("ABCDEFGH1234", Carrier.ZTO),  # no length claim on a non-digit number
        ("EE123456785CN", Carrier.EMS),
        ("1123456789012", Carrier.CHINA_POST),
        ("XYZ123456789", Carrier.OTHER),
        ("JDX0012345678901", Carrier.JD),
    ],
)
def test_explicit_carrier_is_kept_when_not_contradicted(raw: str, carrier: Carrier) -> None:
    info = validate_tracking(raw, carrier)
    assert info.carrier is carrier


def test_explicit_carrier_still_checks_s10_digit() -> None:
    err = _tracking_error("EE123456784CN", Carrier.EMS)
    assert "should be 5, not 4" in err.en


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-13812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("86 138 1234 5678", "13812345678"),
        ("＋８６　１３８１２３４５６７８", "13812345678"),  # full-width
        ("(010) 1234 5678", "01012345678"),
        ("（０１０）１２３４５６７８", "01012345678"),
        ("0571-8765-4321", "057187654321"),  # grouping, not an extension
        ("0571-87654321-8001", "057187654321-8001"),
        ("010-12345678转123", "01012345678-123"),
        ("010 12345678 分机 66", "01012345678-66"),
        ("010-12345678 ext. 9", "01012345678-9"),
        ("+86 10 1234 5678", "01012345678"),  # international form drops the 0
        ("400-123-4567", "4001234567"),
        ("", ""),
    ],
)
def test_normalize_phone(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


def test_bare_86_only_stripped_before_a_mobile() -> None:
    # 86xxxxxxxx with no mobile after it is not a country code.
    assert normalize_phone("8612345678") == "8612345678"


@pytest.mark.parametrize(
    "raw",
    ["13812345678", "138 1234 5678", "+86 138-1234-5678", "0086 13812345678", "8613812345678",
     "19912345678", "１３８１２３４５６７８"],
)
def test_valid_mobiles(raw: str) -> None:
    info = validate_phone(raw)
    assert info.kind == "mobile"
    assert info.number == raw_digits_of(raw)


def raw_digits_of(raw: str) -> str:
    digits = "".join(c for c in normalize_phone(raw) if c.isdigit())
    assert len(digits) == 11
    return digits


def test_mobile_with_ten_digits_says_so() -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone("138 1234 567", field="recipient_phone")
    err = caught.value
    assert err.field == "recipient_phone"
    assert err.en == "Mobile number 1381234567 has 10 digits; a mainland mobile has 11"
    assert err.zh == "手机号 1381234567 只有 10 位，大陆手机号应为 11 位"


def test_mobile_with_twelve_digits_says_so() -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone("138123456789")
    assert caught.value.en == "Mobile number 138123456789 has 12 digits; a mainland mobile has 11"
    assert "有 12 位" in caught.value.zh
    assert caught.value.field == "phone"


@pytest.mark.parametrize("raw", ["10012345678", "11012345678", "12812345678"])
def test_mobile_with_bad_second_digit(raw: str) -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone(raw)
    assert f"cannot start with {raw[:2]}" in caught.value.en
    assert "13 至 19" in caught.value.zh


def test_mobile_with_extension_is_refused() -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone("13812345678转12")
    assert "extension" in caught.value.en
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone("13812345678-12")
    assert "extension" in caught.value.en


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(010) 1234 5678", "010-12345678"),
        ("0571-87654321", "0571-87654321"),
        ("057187654321", "0571-87654321"),
        ("0999-1234567", "0999-1234567"),  # 7-digit local number (Yili; 020 numbers have 8 digits)
        ("0755 8765 4321", "0755-87654321"),
        ("0571-87654321-8001", "0571-87654321-8001"),
        ("0571-87654321转8001", "0571-87654321-8001"),
        ("010 12345678 转 123", "010-12345678-123"),
        ("+86 571 8765 4321", "0571-87654321"),
        ("400-123-4567", "4001234567"),
        ("800 123 4567", "8001234567"),
        ("400-123-4567转2", "4001234567-2"),
    ],
)
def test_valid_landlines_and_service_numbers(raw: str, number: str) -> None:
    assert validate_phone(raw) == PhoneInfo(number=number, kind="landline")


def test_landline_local_number_wrong_length() -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone("0571-876543")
    assert caught.value.en == (
        "Landline 0571-876543 has a 6-digit number after area code 0571; expected 7 or 8 digits"
    )
    assert "应为 7 或 8 位" in caught.value.zh
    with pytest.raises(PhoneNumberError):
        validate_phone("010-123456789")  # 9-digit local number


def test_landline_without_area_code() -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone("8765 4321")
    assert "no area code" in caught.value.en
    assert "缺少区号" in caught.value.zh


def test_service_number_wrong_length() -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone("400-123-456")
    assert caught.value.en == "Service number 400123456 has 9 digits; a 400 number has 10"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("转 8001", "empty"),
        ("138abcd5678", "'a', 'b', 'c', 'd'"),
        ("+44 20 7946 0958", "only +86"),
        ("0044 20 7946 0958", "only +86"),
        ("23456", "neither a mainland mobile"),
        ("12345", "has 5 digits"),
        ("010-12345678转1234567", "1 to 6 digits"),
    ],
)
def test_invalid_phones(raw: str, fragment: str) -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone(raw, field="sender_phone")
    assert fragment in caught.value.en
    assert caught.value.field == "sender_phone"
    assert caught.value.zh != caught.value.en


# ---------------------------------------------------------------- masking


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("010-12345678", "010-****5678"),
        ("01012345678", "010-****5678"),
        ("0571-87654321-8001", "0571-****4321"),  # extension dropped
        ("0999-1234567", "0999-****4567"),
        ("400-123-4567", "400****4567"),
        ("", ""),
        ("   ", ""),
        ("123", "****"),
        ("1234", "****"),
        ("12345", "****5"),
        ("1234567", "****567"),
        ("1381234567", "****4567"),  # invalid mobile: last 4 at most
        ("不详", "****"),
    ],
)
def test_mask_phone(number: str, masked: str) -> None:
    assert mask_phone(number) == masked


def test_mask_phone_never_reveals_more_than_four_digits_of_odd_input() -> None:
    for raw in ["1", "12", "123456", "12345678901234", "99-88", "abc12345678"]:
        visible = [c for c in mask_phone(raw) if c != "*"]
        assert len(visible) <= 4, raw


@pytest.mark.parametrize(
    ("number", "last4"),
    [
        ("13812345678", "5678"),
        ("138 1234 5678", "5678"),
        ("010-12345678", "5678"),
        ("0571-87654321-8001", "4321"),  # the line's tail, not the extension's
        ("010-12345678转123", "5678"),
        ("138****5678", "5678"),
        ("123", "123"),
        ("", ""),
    ],
)
def test_phone_last4(number: str, last4: str) -> None:
    assert phone_last4(number) == last4


def test_phone_info_helpers() -> None:
    info = validate_phone("0571-87654321转8001")
    assert info.masked == "0571-****4321"
    assert info.last4 == "4321"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("欧阳娜娜", "欧***"),
        ("李小龙", "李**"),
        ("王", "*"),
        ("John Smith", "J*********"),
        ("  张三  ", "张*"),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("广东省深圳市南山区科技园路1号", "广东省深圳市*********"),
        ("北京市朝阳区建国路88号", "北京市*********"),
        ("浙江省杭州市西湖区文三路478号华星时代广场A座1201室", "浙江省杭州市西湖区" + "*" * 20),
        ("221B Baker Street, London", "221B Bak" + "*" * 17),
        ("上海", "**"),
        ("", ""),
    ],
)
def test_mask_address(address: str, masked: str) -> None:
    assert mask_address(address) == masked


def test_mask_address_never_reveals_more_than_half() -> None:
    for address in ["某市某区", "北京市朝阳区", "新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路1号", "abcdefghij"]:
        masked = mask_address(address)
        assert len(masked) == len(address)
        assert masked.count("*") >= len(address) / 2, masked


@pytest.mark.parametrize(("raw", "en", "zh"), [
    ("14012345678", "no mainland mobile network uses 140", "没有以 140 开头的手机号段"),
    ("154 1234 5678", "no mainland mobile network uses 154", "没有以 154 开头的手机号段"),
    ("020-1234567", "Landline 020-1234567 does not exist", "座机号 020-1234567 不存在"),
])
def test_numbers_that_cannot_exist_are_refused_by_the_numbering_plan(raw: str, en: str, zh: str) -> None:
    with pytest.raises(PhoneNumberError) as caught:
        validate_phone(raw, field="recipient_phone")
    assert en in caught.value.en and zh in caught.value.zh and caught.value.field == "recipient_phone"
