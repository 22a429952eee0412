"""The one family of errors the whole app raises on purpose.

Every error carries a message a clerk can act on, in English and in
Simplified Chinese, because the rules that raise them live below the Qt layer
where ``tr()`` cannot reach. ``str(error)`` is the English text (for logs);
the UI shows :meth:`DepotError.text` in the operator's language.
"""

from __future__ import annotations


class DepotError(Exception):
    """Base of every deliberate error: a message in both languages."""

    def __init__(self, en: str, zh: str | None = None) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh if zh is not None else en

    def text(self, language: str = "zh_CN") -> str:
        """The message in ``language`` (``zh_CN`` or ``en``)."""
        return self.zh if language.startswith("zh") else self.en


class ValidationError(DepotError):
    """Input that cannot be accepted as it is; the message says how to fix it."""

    def __init__(self, en: str, zh: str | None = None, *, field: str | None = None) -> None:
        super().__init__(en, zh)
        self.field = field


class TrackingNumberError(ValidationError):
    """A tracking number that is empty, malformed or fails its check digit."""


class PhoneNumberError(ValidationError):
    """A phone number that is neither a mainland mobile nor a landline."""


class MoneyError(ValidationError):
    """An amount of money that is negative, too precise or not a number."""


class IllegalTransitionError(DepotError):
    """A status change the case's life does not allow from where it stands."""


class StaleEditError(DepotError):
    """Someone else saved the case after this screen loaded it."""


class NotFoundError(DepotError):
    """A case, operator or record that does not exist (any more)."""


class DuplicateOpenCaseError(DepotError):
    """The parcel already has an open case of the same kind."""

    def __init__(self, en: str, zh: str | None = None, *, case_no: str) -> None:
        super().__init__(en, zh)
        self.case_no = case_no


class PolicyError(DepotError):
    """A rule of the depot's policy forbids this (e.g. approval missing)."""


class PermissionDeniedError(DepotError):
    """The operator's role lacks the permission this action needs."""


class ConfigurationError(DepotError):
    """The database URL, data folder or a setting is unusable."""
