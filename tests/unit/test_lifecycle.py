"""The life of a case: every allowed step, a sample of forbidden ones, and reopening."""

from __future__ import annotations

import pytest

from depot_app.domain.errors import IllegalTransitionError
from depot_app.domain.lifecycle import TRANSITIONS, allowed_from, check_transition
from depot_app.domain.vocabulary import CaseStatus

S = CaseStatus

#: The intended life of a case, written out by hand (not copied from the code),
#: so a change to the state machine has to be made in two places on purpose.
EXPECTED: dict[CaseStatus, set[CaseStatus]] = {
    S.REGISTERED: {S.VERIFYING, S.INVESTIGATING, S.AWAITING_CUSTOMER, S.RESOLUTION_CHOSEN,
                   S.AWAITING_APPROVAL, S.CANCELLED, S.CLOSED},
    S.VERIFYING: {S.INVESTIGATING, S.AWAITING_CUSTOMER, S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL,
                  S.CANCELLED, S.CLOSED},
    S.INVESTIGATING: {S.VERIFYING, S.AWAITING_CUSTOMER, S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL,
                      S.CANCELLED, S.CLOSED},
    S.AWAITING_CUSTOMER: {S.VERIFYING, S.INVESTIGATING, S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL,
                          S.CANCELLED, S.CLOSED},
    S.RESOLUTION_CHOSEN: {S.IN_PROGRESS, S.AWAITING_CUSTOMER, S.INVESTIGATING, S.RESOLUTION_CHOSEN,
                          S.AWAITING_APPROVAL, S.CANCELLED, S.CLOSED},
    S.AWAITING_APPROVAL: {S.RESOLUTION_CHOSEN, S.INVESTIGATING, S.CANCELLED},
    S.IN_PROGRESS: {S.CLOSED, S.AWAITING_CUSTOMER, S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL},
    S.CLOSED: {S.INVESTIGATING},
    S.CANCELLED: {S.INVESTIGATING},
}

ALLOWED = [(a, b) for a, targets in EXPECTED.items() for b in sorted(targets)]

ILLEGAL = [
    (S.REGISTERED, S.IN_PROGRESS),       # no work before a resolution is chosen
    (S.REGISTERED, S.REGISTERED),
    (S.VERIFYING, S.VERIFYING),
    (S.VERIFYING, S.REGISTERED),         # nothing goes back to "registered"
    (S.INVESTIGATING, S.IN_PROGRESS),
    (S.AWAITING_CUSTOMER, S.IN_PROGRESS),
    (S.AWAITING_APPROVAL, S.CLOSED),     # pending money cannot be closed over
    (S.AWAITING_APPROVAL, S.IN_PROGRESS),  # nor worked on before approval
    (S.AWAITING_APPROVAL, S.AWAITING_CUSTOMER),
    (S.IN_PROGRESS, S.CANCELLED),        # work under way is closed, not cancelled
    (S.IN_PROGRESS, S.INVESTIGATING),
    (S.IN_PROGRESS, S.REGISTERED),
    (S.CLOSED, S.CLOSED),
    (S.CLOSED, S.CANCELLED),
    (S.CLOSED, S.IN_PROGRESS),
    (S.CLOSED, S.RESOLUTION_CHOSEN),
    (S.CANCELLED, S.CLOSED),
    (S.CANCELLED, S.CANCELLED),
    (S.CANCELLED, S.VERIFYING),
]


def test_the_table_is_exactly_the_intended_life() -> None:
    assert {status: set(targets) for status, targets in TRANSITIONS.items()} == EXPECTED
    assert set(TRANSITIONS) == set(CaseStatus)


@pytest.mark.parametrize(("current", "target"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_every_allowed_transition_passes(current: CaseStatus, target: CaseStatus) -> None:
    reason = None if current.is_open else "客户再次投诉 / customer complained again"
    check_transition(current, target, reason=reason)  # no error
    assert target in allowed_from(current)


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=[f"{a}->{b}" for a, b in ILLEGAL])
def test_illegal_transitions_are_refused(current: CaseStatus, target: CaseStatus) -> None:
    with pytest.raises(IllegalTransitionError):
        check_transition(current, target, reason="a reason does not make an illegal step legal")
    assert target not in allowed_from(current)


def test_the_refusal_names_what_is_allowed_from_here_in_english() -> None:
    with pytest.raises(IllegalTransitionError) as info:
        check_transition(S.AWAITING_APPROVAL, S.CLOSED)
    err = info.value
    assert str(err) == err.en
    assert err.en == (
        "A case that is awaiting approval cannot become closed. "
        "From here it can become: Investigating, Resolution chosen, Cancelled."
    )
    assert err.text("en") == err.en


def test_the_refusal_names_what_is_allowed_from_here_in_chinese() -> None:
    with pytest.raises(IllegalTransitionError) as info:
        check_transition(S.AWAITING_APPROVAL, S.CLOSED)
    err = info.value
    assert err.zh == "“待审批”的问题件不能转为“已结案”。当前可转为：调查中、已定方案、已撤销。"
    assert err.text("zh_CN") == err.zh


@pytest.mark.parametrize("current", list(CaseStatus))
def test_every_refusal_lists_every_allowed_target_in_both_languages(current: CaseStatus) -> None:
    forbidden = [t for t in CaseStatus if t not in EXPECTED[current]]
    assert forbidden, "every status forbids something"
    with pytest.raises(IllegalTransitionError) as info:
        check_transition(current, forbidden[0], reason="x")
    en_tail = info.value.en.split("From here it can become: ", 1)[1]
    zh_tail = info.value.zh.split("当前可转为：", 1)[1]
    assert sorted(en_tail.rstrip(".").split(", ")) == sorted(t.en for t in EXPECTED[current])
    assert sorted(zh_tail.rstrip("。").split("、")) == sorted(t.zh for t in EXPECTED[current])


@pytest.mark.parametrize("current", [S.CLOSED, S.CANCELLED])
@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_reopening_needs_a_reason(current: CaseStatus, reason: str | None) -> None:
    with pytest.raises(IllegalTransitionError) as info:
        check_transition(current, S.INVESTIGATING, reason=reason)
    assert "reason" in info.value.en
    assert info.value.zh == "重新打开问题件必须填写原因。"


@pytest.mark.parametrize("current", [S.CLOSED, S.CANCELLED])
def test_reopening_with_a_reason_passes(current: CaseStatus) -> None:
    check_transition(current, S.INVESTIGATING, reason="客户称仍未收到")


def test_open_cases_need_no_reason_to_move() -> None:
    check_transition(S.REGISTERED, S.INVESTIGATING)
    check_transition(S.INVESTIGATING, S.CLOSED, reason=None)


def test_only_closed_and_cancelled_are_not_open() -> None:
    assert {s for s in CaseStatus if not s.is_open} == {S.CLOSED, S.CANCELLED}
