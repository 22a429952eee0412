"""The suggested compensation: every rule, with exact yuan and its explanation."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest

from depot_app.domain.compensation import ClaimFacts, Suggestion, suggest_compensation
from depot_app.domain.errors import MoneyError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import Exemption, LossExtent

D = Decimal
POLICY = Policy()


def facts(**overrides: Any) -> ClaimFacts:
    """An uninsured, undeclared partial loss unless the test says otherwise."""
    base: dict[str, Any] = dict(
        kind=ProblemKind.DAMAGED,
        loss=LossExtent.PARTIAL,
        declared_value=None,
        insured_value=None,
        freight=D("12.00"),
    )
    base.update(overrides)
    return ClaimFacts(**base)


def suggest(policy: Policy = POLICY, **overrides: Any) -> Suggestion:
    return suggest_compensation(facts(**overrides), policy)


# --- insured -------------------------------------------------------------


def test_insured_total_loss_pays_the_insured_amount() -> None:
    s = suggest(kind=ProblemKind.LOST, loss=LossExtent.TOTAL, insured_value=D("500"),
                declared_value=D("600"))
    assert s.amount == D("500.00")
    assert str(s.amount) == "500.00"
    assert s.basis == "insured_total"
    assert "¥500.00" in s.explanation("en")
    assert "¥500.00" in s.explanation("zh_CN")


def test_insured_partial_loss_pays_in_proportion() -> None:
    s = suggest(insured_value=D("1000"), actual_loss=D("300"), full_value=D("1200"))
    assert s.amount == D("250.00")
    assert s.basis == "insured_partial"
    en = s.explanation("en")
    for figure in ("¥1,000.00", "¥300.00", "¥1,200.00", "¥250.00"):
        assert figure in en
    assert "保价 ¥1,000.00 × (实际损失 ¥300.00 ÷ 全部价值 ¥1,200.00) = ¥250.00" in s.explanation("zh")


def test_insured_partial_full_value_defaults_to_declared_value() -> None:
    s = suggest(insured_value=D("1000"), declared_value=D("1200"), actual_loss=D("300"))
    assert s.amount == D("250.00")


def test_insured_partial_rounds_half_up_at_half_a_fen() -> None:
    # 1.01 × 0.5 = 0.505 exactly: half-up gives 0.51 (banker's would give 0.50).
    s = suggest(insured_value=D("1.01"), actual_loss=D("1"), full_value=D("2"))
    assert s.amount == D("0.51")
    # 0.03 × 1/6 = 0.005 exactly.
    s = suggest(insured_value=D("0.03"), actual_loss=D("1"), full_value=D("6"))
    assert s.amount == D("0.01")
    # Just under half a fen rounds down: 100 × 1/3 = 33.333… → 33.33
    s = suggest(insured_value=D("100"), actual_loss=D("1"), full_value=D("3"))
    assert s.amount == D("33.33")
    # 100 × 2/3 = 66.666… → 66.67
    s = suggest(insured_value=D("100"), actual_loss=D("2"), full_value=D("3"))
    assert s.amount == D("66.67")


def test_insured_value_above_declared_value_is_capped_by_it() -> None:
    s = suggest(loss=LossExtent.TOTAL, insured_value=D("1000"), declared_value=D("800"))
    assert s.amount == D("800.00")
    assert "¥1,000.00" in s.explanation("en") and "¥800.00" in s.explanation("en")
    # Partial: the capped insured amount is the base of the ratio.
    s = suggest(insured_value=D("1000"), declared_value=D("800"), actual_loss=D("400"))
    assert s.amount == D("400.00")


def test_insured_value_zero_means_uninsured() -> None:
    s = suggest(insured_value=D("0"), actual_loss=D("80"))
    assert s.basis == "uninsured_capped"
    assert s.amount == D("36.00")


# --- uninsured -----------------------------------------------------------


def test_uninsured_loss_is_capped_at_three_times_the_freight() -> None:
    s = suggest(actual_loss=D("80"), declared_value=D("200"))
    assert s.amount == D("36.00")
    assert s.basis == "uninsured_capped"
    en = s.explanation("en")
    assert "3 × freight ¥12.00 = ¥36.00" in en
    assert "actual loss ¥80.00" in en
    assert "¥200.00" in en
    assert en.endswith("suggested ¥36.00")
    zh = s.explanation("zh_CN")
    assert "运费 ¥12.00 × 3 = 上限 ¥36.00" in zh
    assert "实际损失 ¥80.00" in zh
    assert "；" in zh and "; " not in zh


def test_uninsured_loss_below_the_cap_is_paid_in_full() -> None:
    s = suggest(freight=D("20"), actual_loss=D("45.50"))
    assert s.amount == D("45.50")
    assert s.basis == "uninsured_actual"
    assert "¥60.00" in s.explanation("en")


def test_uninsured_loss_exactly_at_the_cap() -> None:
    s = suggest(actual_loss=D("36.00"))
    assert s.amount == D("36.00")
    assert s.basis == "uninsured_actual"


def test_cap_multiple_comes_from_the_policy() -> None:
    policy = POLICY.with_changes(uninsured_freight_multiple=D("2.5"))
    s = suggest(policy, actual_loss=D("80"))
    assert s.amount == D("30.00")
    assert "2.5 × freight ¥12.00 = ¥30.00" in s.explanation("en")


def test_gross_negligence_lifts_the_cap() -> None:
    s = suggest(actual_loss=D("80"), gross_negligence=True)
    assert s.amount == D("80.00")
    assert s.basis == "uninsured_actual"
    assert "gross negligence" in s.explanation("en")
    assert "重大过失" in s.explanation("zh_CN")


def test_gross_negligence_still_never_above_declared_value() -> None:
    s = suggest(actual_loss=D("800"), declared_value=D("500"), gross_negligence=True)
    assert s.amount == D("500.00")


# --- never above declared, never negative --------------------------------


def test_never_more_than_the_declared_value() -> None:
    s = suggest(actual_loss=D("150"), freight=D("100"), declared_value=D("120"))
    assert s.amount == D("120.00")
    assert "declared value" in s.explanation("en")
    assert "¥120.00" in s.explanation("en")


def test_declared_value_zero_means_not_declared() -> None:
    s = suggest(actual_loss=D("30"), declared_value=D("0"))
    assert s.amount == D("30.00")


def test_zero_freight_gives_zero_not_negative() -> None:
    s = suggest(actual_loss=D("80"), freight=D("0"))
    assert s.amount == D("0.00")
    assert s.amount >= 0


def test_negative_figures_are_refused_naming_the_figure() -> None:
    with pytest.raises(MoneyError) as caught:
        suggest(actual_loss=D("-5"))
    assert caught.value.en.startswith("Actual loss:")
    assert caught.value.field == "actual_loss"
    with pytest.raises(MoneyError, match="^Freight:"):
        suggest(actual_loss=D("5"), freight=D("-1"))


def test_figures_finer_than_a_fen_are_refused() -> None:
    with pytest.raises(MoneyError, match="Declared value: Amount 12.345 has more than two decimal places"):
        suggest(actual_loss=D("5"), declared_value=D("12.345"))


# --- delay ---------------------------------------------------------------


def test_delay_waives_the_freight_but_not_the_surcharges() -> None:
    s = suggest(kind=ProblemKind.DELAYED, loss=LossExtent.DELAY, freight=D("15"),
                surcharges=D("5"))
    assert s.amount == D("15.00")
    assert s.basis == "delay_waiver"
    en = s.explanation("en")
    assert "freight ¥15.00 waived" in en
    assert "surcharges ¥5.00 are not waived" in en
    assert "附加费 ¥5.00 不予减免" in s.explanation("zh_CN")


def test_delay_of_an_insured_item_is_still_only_the_freight() -> None:
    s = suggest(kind=ProblemKind.DELAYED, loss=LossExtent.DELAY, insured_value=D("1000"))
    assert s.amount == D("12.00")


def test_delay_without_waiver_policy_is_zero_with_a_reason() -> None:
    policy = POLICY.with_changes(delay_waives_freight=False)
    s = suggest(policy, kind=ProblemKind.DELAYED, loss=LossExtent.DELAY, freight=D("15"))
    assert s.amount == D("0.00")
    assert s.basis == "delay_no_waiver"
    assert "does not waive" in s.explanation("en")
    assert "¥15.00" in s.explanation("en")


# --- exemptions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("exemption", "en_reason", "zh_reason"),
    [
        (Exemption.GOODS_NATURE, "nature of the goods", "物品自身性质"),
        (Exemption.CUSTOMER_FAULT, "sender's or recipient's fault", "寄件人或收件人过错"),
        (Exemption.FORCE_MAJEURE, "force majeure", "不可抗力"),
    ],
)
def test_exemptions_clear_an_uninsured_claim(exemption: Exemption, en_reason: str,
                                             zh_reason: str) -> None:
    s = suggest(actual_loss=D("80"), exemption=exemption)
    assert s.amount == D("0.00")
    assert s.basis == "exempt"
    assert not s.needs_approval
    assert en_reason in s.explanation("en")
    assert zh_reason in s.explanation("zh_CN")


@pytest.mark.parametrize("exemption", [Exemption.GOODS_NATURE, Exemption.CUSTOMER_FAULT])
def test_nature_and_fault_exempt_insured_items_too(exemption: Exemption) -> None:
    s = suggest(loss=LossExtent.TOTAL, insured_value=D("500"), exemption=exemption)
    assert s.amount == D("0.00")
    assert s.basis == "exempt"


def test_customer_fault_exempts_a_delay() -> None:
    s = suggest(loss=LossExtent.DELAY, exemption=Exemption.CUSTOMER_FAULT)
    assert s.amount == D("0.00")


def test_force_majeure_does_not_exempt_an_insured_item_by_default() -> None:
    s = suggest(loss=LossExtent.TOTAL, insured_value=D("500"), exemption=Exemption.FORCE_MAJEURE)
    assert s.amount == D("500.00")
    assert s.basis == "insured_total"
    assert "does not exempt an insured item" in s.explanation("en")


def test_force_majeure_exempts_an_insured_item_when_the_policy_says_so() -> None:
    policy = POLICY.with_changes(force_majeure_exempts_insured=True)
    s = suggest(policy, loss=LossExtent.TOTAL, insured_value=D("500"),
                exemption=Exemption.FORCE_MAJEURE)
    assert s.amount == D("0.00")
    assert s.basis == "exempt"
    assert "force majeure" in s.explanation("en")


def test_force_majeure_exempts_a_delay_even_when_insured() -> None:
    s = suggest(loss=LossExtent.DELAY, insured_value=D("500"), exemption=Exemption.FORCE_MAJEURE)
    assert s.amount == D("0.00")


def test_exempt_claims_need_no_figures() -> None:
    # An uninsured claim without an actual loss would otherwise raise.
    s = suggest(exemption=Exemption.GOODS_NATURE)
    assert s.amount == D("0.00")


# --- approval ------------------------------------------------------------


def test_approval_exactly_at_threshold_is_not_needed() -> None:
    s = suggest(actual_loss=D("200.00"), gross_negligence=True)
    assert s.amount == D("200.00")
    assert s.needs_approval is False


def test_approval_one_fen_above_threshold_is_needed() -> None:
    s = suggest(actual_loss=D("200.01"), gross_negligence=True)
    assert s.amount == D("200.01")
    assert s.needs_approval is True
    assert "manager must approve" in s.explanation("en")
    assert "需网点负责人审批" in s.explanation("zh_CN")


def test_approval_threshold_comes_from_the_policy() -> None:
    policy = POLICY.with_changes(approval_threshold=D("30"))
    assert suggest(policy, actual_loss=D("80")).needs_approval is True
    assert suggest(policy, actual_loss=D("30")).needs_approval is False


# --- missing facts -------------------------------------------------------


def test_uninsured_without_actual_loss_names_the_figure() -> None:
    with pytest.raises(ValidationError) as caught:
        suggest(loss=LossExtent.TOTAL)
    assert "actual loss" in caught.value.en
    assert "实际损失" in caught.value.zh
    assert caught.value.field == "actual_loss"


def test_insured_partial_without_actual_loss_names_the_figure() -> None:
    with pytest.raises(ValidationError, match="actual loss") as caught:
        suggest(insured_value=D("1000"), full_value=D("1200"))
    assert caught.value.field == "actual_loss"


def test_insured_partial_without_full_value_names_the_figure() -> None:
    with pytest.raises(ValidationError) as caught:
        suggest(insured_value=D("1000"), actual_loss=D("300"))
    assert "full value" in caught.value.en
    assert "全部价值" in caught.value.zh
    assert caught.value.field == "full_value"


def test_insured_partial_with_zero_full_value_is_refused() -> None:
    with pytest.raises(ValidationError, match="full value"):
        suggest(insured_value=D("1000"), actual_loss=D("0"), full_value=D("0"))


def test_loss_larger_than_the_whole_shipment_is_refused() -> None:
    with pytest.raises(ValidationError, match="more than the full value"):
        suggest(insured_value=D("1000"), actual_loss=D("1300"), full_value=D("1200"))


def test_insured_total_needs_no_actual_loss() -> None:
    assert suggest(loss=LossExtent.TOTAL, insured_value=D("500")).amount == D("500.00")


# --- value objects -------------------------------------------------------


def test_facts_and_suggestion_are_frozen() -> None:
    f = facts()
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.freight = D("1")  # type: ignore[misc]
    s = suggest(actual_loss=D("1"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.amount = D("1")  # type: ignore[misc]


def test_explanation_joins_lines_per_language() -> None:
    s = Suggestion(amount=D("1.00"), lines=("a", "b"), lines_zh=("甲", "乙"),
                   needs_approval=False, basis="exempt")
    assert s.explanation("en") == "a; b"
    assert s.explanation("zh_CN") == "甲；乙"
    assert s.explanation() == "甲；乙"


def test_every_suggestion_ends_with_the_amount() -> None:
    s = suggest(actual_loss=D("80"))
    assert s.lines[-1] == "suggested ¥36.00"
    assert s.lines_zh[-1] == "建议赔付 ¥36.00"
    assert len(s.lines) == len(s.lines_zh)
