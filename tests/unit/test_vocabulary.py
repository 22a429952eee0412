"""Every enumeration member has its own Chinese and English name."""

from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    Labelled,
    PaymentMethod,
    ResolutionState,
)


def test_members_sharing_a_code_keep_their_own_labels() -> None:
    assert ContactChannel.WECHAT.zh == "微信" and PaymentMethod.WECHAT.zh == "微信支付"
    assert CaseStatus.IN_PROGRESS.zh == "处理中" and ResolutionState.IN_PROGRESS.zh == "执行中"
    assert CaseStatus.AWAITING_APPROVAL.en == "Awaiting approval"


def test_every_member_is_labelled_in_both_languages() -> None:
    for enum in Labelled.__subclasses__():
        for member in enum:
            assert member.label("zh_CN") and member.label("en"), member
            assert member.label("zh_CN") != member.label("en") or member.en.isupper(), member
