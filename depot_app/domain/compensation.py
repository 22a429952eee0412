"""The suggested compensation (赔偿) for a claim, with every figure explained.

The desk only *suggests* an amount; a manager approves anything above the
policy's threshold. The rules (DOMAIN.md, "Compensation rules of thumb") and
every number in them come from the depot's :class:`Policy`:

- exemptions first: the goods' own nature or the sender's/recipient's fault
  exempt the carrier; force majeure exempts uninsured items, and insured ones
  only when the policy says so;
- delay: the freight is waived (surcharges are not) when the policy says so;
- insured: total loss → the insured amount; partial → insured amount ×
  (actual loss ÷ full value), rounded half-up to the fen;
- uninsured: the actual loss, capped at a multiple of the freight unless the
  loss came from intent or gross negligence;
- finally never more than the declared value, never negative.

The explanation comes in English and Chinese because the slip is shown to,
and argued over with, customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from depot_app.domain.errors import MoneyError, ValidationError
from depot_app.domain.kinds import ProblemKind
from depot_app.domain.money import format_yuan, from_fen, to_money
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import Exemption, LossExtent

_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ClaimFacts:
    """What is known about one claim, as entered at the desk.

    ``insured_value`` of ``None`` or zero means the item was not insured;
    ``declared_value`` of ``None`` or zero means no value was declared (a
    zero declaration is how waybill systems say "left blank", and taking it
    literally would cap every claim at nothing). ``full_value`` defaults to
    the declared value.
    """

    kind: ProblemKind
    loss: LossExtent
    declared_value: Decimal | None
    insured_value: Decimal | None
    freight: Decimal
    #: Value of what was lost or damaged: needed when uninsured, and for an insured partial loss.
    actual_loss: Decimal | None = None
    #: Value of the whole shipment: the denominator of the insured partial ratio.
    full_value: Decimal | None = None
    #: Extra charges (delivery fee, insurance premium, …); a delay never waives them.
    surcharges: Decimal = Decimal("0")
    exemption: Exemption = Exemption.NONE
    #: Intent or gross negligence of the carrier lifts the uninsured freight cap.
    gross_negligence: bool = False


@dataclass(frozen=True)
class Suggestion:
    """A suggested amount, how it was reached, and whether a manager must approve it."""

    amount: Decimal
    lines: tuple[str, ...]
    lines_zh: tuple[str, ...]
    needs_approval: bool
    #: Which rule produced the amount: ``insured_total``, ``insured_partial``,
    #: ``uninsured_capped``, ``uninsured_actual``, ``delay_waiver``,
    #: ``delay_no_waiver`` or ``exempt``.
    basis: str

    def explanation(self, language: str = "zh_CN") -> str:
        """The explanation as one line in ``language`` (``zh_CN`` or ``en``)."""
        if language.startswith("zh"):
            return "；".join(self.lines_zh)
        return "; ".join(self.lines)


class _Explainer:
    """Collects the explanation in both languages side by side."""

    def __init__(self) -> None:
        self.en: list[str] = []
        self.zh: list[str] = []

    def add(self, en: str, zh: str) -> None:
        self.en.append(en)
        self.zh.append(zh)


def suggest_compensation(facts: ClaimFacts, policy: Policy) -> Suggestion:
    """The compensation the rules suggest for ``facts`` under ``policy``.

    Raises :class:`ValidationError` (naming the figure) when a figure the
    rule needs is missing or impossible, and :class:`MoneyError` for an
    amount that is negative or finer than a fen.
    """
    declared = _amount(facts.declared_value, "declared_value", "Declared value", "声明价值")
    if declared is not None and declared == 0:
        declared = None
    insured = _amount(facts.insured_value, "insured_value", "Insured value", "保价金额")
    if insured is not None and insured == 0:
        insured = None
    freight = _required(facts.freight, "freight", "Freight", "运费")
    surcharges = _required(facts.surcharges, "surcharges", "Surcharges", "附加费")
    actual_loss = _amount(facts.actual_loss, "actual_loss", "Actual loss", "实际损失")
    full_value = _amount(facts.full_value, "full_value", "Full value", "全部价值")
    if full_value is None:
        full_value = declared

    out = _Explainer()
    exempt = _exemption(facts, insured is not None, policy, out)
    if exempt:
        return _finish(_ZERO, "exempt", None, policy, out)

    if facts.loss is LossExtent.DELAY:
        amount, basis = _delay(freight, surcharges, policy, out)
    elif insured is not None:
        amount, basis = _insured(facts.loss, insured, declared, actual_loss, full_value, out)
    else:
        amount, basis = _uninsured(actual_loss, freight, facts.gross_negligence, policy, out)
    return _finish(amount, basis, declared, policy, out)


def _exemption(facts: ClaimFacts, is_insured: bool, policy: Policy, out: _Explainer) -> bool:
    """Explain the exemption, if any, and say whether it clears the carrier."""
    exemption = facts.exemption
    if exemption is Exemption.NONE:
        return False
    if exemption is Exemption.GOODS_NATURE:
        out.add(
            "exempt: the damage comes from the nature of the goods themselves",
            "免责：损失由物品自身性质造成",
        )
        return True
    if exemption is Exemption.CUSTOMER_FAULT:
        out.add(
            "exempt: the loss was caused by the sender's or recipient's fault",
            "免责：损失由寄件人或收件人过错造成",
        )
        return True
    # Force majeure. Insurance covers the goods, not the delivery time, so an
    # insured item gets no special treatment when the claim is for a delay.
    if is_insured and facts.loss is not LossExtent.DELAY:
        if policy.force_majeure_exempts_insured:
            out.add(
                "exempt: force majeure (this depot's policy extends it to insured items)",
                "免责：不可抗力（本网点政策对保价快件同样免责）",
            )
            return True
        out.add(
            "force majeure does not exempt an insured item: the insured amount is paid",
            "不可抗力对保价快件不免责，按保价赔偿",
        )
        return False
    out.add("exempt: force majeure", "免责：不可抗力")
    return True


def _delay(
    freight: Decimal, surcharges: Decimal, policy: Policy, out: _Explainer
) -> tuple[Decimal, str]:
    if not policy.delay_waives_freight:
        out.add(
            f"delay: this depot's policy does not waive the freight {format_yuan(freight)}",
            f"延误：本网点政策不免运费 {format_yuan(freight)}",
        )
        return _ZERO, "delay_no_waiver"
    out.add(
        f"delay: freight {format_yuan(freight)} waived",
        f"延误：免收运费 {format_yuan(freight)}",
    )
    if surcharges > 0:
        out.add(
            f"surcharges {format_yuan(surcharges)} are not waived",
            f"附加费 {format_yuan(surcharges)} 不予减免",
        )
    return freight, "delay_waiver"


def _insured(
    loss: LossExtent,
    insured: Decimal,
    declared: Decimal | None,
    actual_loss: Decimal | None,
    full_value: Decimal | None,
    out: _Explainer,
) -> tuple[Decimal, str]:
    if declared is not None and insured > declared:
        # Insuring above the declared value buys nothing: the goods are worth
        # what the sender declared.
        out.add(
            f"insured {format_yuan(insured)} is more than the declared value "
            f"{format_yuan(declared)}, so {format_yuan(declared)} counts as insured",
            f"保价 {format_yuan(insured)} 高于声明价值 {format_yuan(declared)}，"
            f"按 {format_yuan(declared)} 计",
        )
        insured = declared
    if loss is LossExtent.TOTAL:
        out.add(
            f"insured, total loss: the insured amount {format_yuan(insured)}",
            f"保价快件全部损失：按保价金额 {format_yuan(insured)} 赔偿",
        )
        return insured, "insured_total"

    if actual_loss is None:
        raise ValidationError(
            "Enter the actual loss (the value of what was damaged or is missing): "
            "an insured partial loss is paid in proportion to it",
            "请填写实际损失（损坏或短少部分的价值）：保价快件部分损失按比例赔偿",
            field="actual_loss",
        )
    if full_value is None:
        raise ValidationError(
            "Enter the full value of the shipment (or its declared value): "
            "an insured partial loss is paid as insured × actual loss ÷ full value",
            "请填写快件全部价值（或声明价值）：保价快件部分损失按 保价 × 实际损失 ÷ 全部价值 赔偿",
            field="full_value",
        )
    if full_value == 0:
        raise ValidationError(
            "The full value of the shipment must be more than ¥0.00",
            "快件全部价值必须大于 ¥0.00",
            field="full_value",
        )
    if actual_loss > full_value:
        raise ValidationError(
            f"The actual loss {format_yuan(actual_loss)} is more than the full value "
            f"{format_yuan(full_value)} of the shipment; check both figures",
            f"实际损失 {format_yuan(actual_loss)} 大于快件全部价值 {format_yuan(full_value)}，请核对",
            field="actual_loss",
        )
    amount = _times_ratio_half_up(insured, actual_loss, full_value)
    out.add(
        f"insured, partial loss: insured {format_yuan(insured)} × (actual loss "
        f"{format_yuan(actual_loss)} ÷ full value {format_yuan(full_value)}) = {format_yuan(amount)}",
        f"保价快件部分损失：保价 {format_yuan(insured)} × (实际损失 {format_yuan(actual_loss)} "
        f"÷ 全部价值 {format_yuan(full_value)}) = {format_yuan(amount)}",
    )
    return amount, "insured_partial"


def _uninsured(
    actual_loss: Decimal | None,
    freight: Decimal,
    gross_negligence: bool,
    policy: Policy,
    out: _Explainer,
) -> tuple[Decimal, str]:
    if actual_loss is None:
        raise ValidationError(
            "Enter the actual loss (the value of what was lost or damaged): "
            "an uninsured item is paid on its actual loss",
            "请填写实际损失（丢失或损坏物品的价值）：未保价快件按实际损失赔偿",
            field="actual_loss",
        )
    out.add(
        f"not insured: actual loss {format_yuan(actual_loss)}",
        f"未保价：实际损失 {format_yuan(actual_loss)}",
    )
    if gross_negligence:
        out.add(
            "no freight cap: the loss came from intent or gross negligence",
            "不设运费上限：损失由故意或重大过失造成",
        )
        return actual_loss, "uninsured_actual"

    multiple = policy.uninsured_freight_multiple
    cap = to_money(freight * multiple)
    times = _plain_number(multiple)
    out.add(
        f"cap {times} × freight {format_yuan(freight)} = {format_yuan(cap)}",
        f"运费 {format_yuan(freight)} × {times} = 上限 {format_yuan(cap)}",
    )
    if actual_loss > cap:
        out.add(
            f"the actual loss is above the cap, so the cap {format_yuan(cap)} applies",
            f"实际损失超过上限，按上限 {format_yuan(cap)} 赔偿",
        )
        return cap, "uninsured_capped"
    return actual_loss, "uninsured_actual"


def _finish(
    amount: Decimal, basis: str, declared: Decimal | None, policy: Policy, out: _Explainer
) -> Suggestion:
    if declared is not None:
        if amount > declared:
            out.add(
                f"never more than the declared value: reduced to {format_yuan(declared)}",
                f"不超过声明价值：降至 {format_yuan(declared)}",
            )
            amount = declared
        elif basis != "exempt":
            out.add(
                f"within the declared value {format_yuan(declared)}",
                f"未超过声明价值 {format_yuan(declared)}",
            )
    # Inputs are validated non-negative, so this only guards future rules.
    amount = max(amount, _ZERO)
    out.add(f"suggested {format_yuan(amount)}", f"建议赔付 {format_yuan(amount)}")
    threshold = policy.approval_threshold
    needs_approval = amount > threshold
    if needs_approval:
        out.add(
            f"above the approval threshold {format_yuan(threshold)}: a manager must approve",
            f"超过审批额度 {format_yuan(threshold)}，需网点负责人审批",
        )
    return Suggestion(
        amount=amount,
        lines=tuple(out.en),
        lines_zh=tuple(out.zh),
        needs_approval=needs_approval,
        basis=basis,
    )


def _times_ratio_half_up(base: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    # Exact rational arithmetic, then one rounding: Decimal division would
    # round to 28 digits first, and rounding twice can move a half fen.
    exact = Fraction(base) * Fraction(part) / Fraction(whole)
    in_fen = exact * 100
    rounded = (in_fen.numerator * 2 + in_fen.denominator) // (in_fen.denominator * 2)
    return from_fen(rounded)


def _plain_number(value: Decimal) -> str:
    # "3", "2.5" — not "3.00" or "3E+0" — reads naturally in "3 × freight".
    return format(value.normalize(), "f")


def _amount(value: Decimal | None, field: str, en: str, zh: str) -> Decimal | None:
    if value is None:
        return None
    return _required(value, field, en, zh)


def _required(value: Decimal, field: str, en: str, zh: str) -> Decimal:
    try:
        return to_money(value, strict=True)
    except MoneyError as error:
        raise MoneyError(f"{en}: {error.en}", f"{zh}：{error.zh}", field=field) from None
