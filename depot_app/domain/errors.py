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
    """The operator's role lacks the permission this action needs.

    ``permission`` names the missing permission (a :class:`Permission` code)
    so callers and tests can tell one refusal from another.
    """

    def __init__(self, en: str, zh: str | None = None, *, permission: str = "") -> None:
        super().__init__(en, zh)
        self.permission = permission


class SignInError(DepotError):
    """A sign-in that did not succeed: wrong PIN, unknown or inactive operator."""

    def __init__(self, en: str, zh: str | None = None, *, attempts_left: int | None = None) -> None:
        super().__init__(en, zh)
        self.attempts_left = attempts_left


class AccountLockedError(SignInError):
    """Too many wrong PINs: the operator is locked out until ``until`` (UTC)."""

    def __init__(self, en: str, zh: str | None = None, *, until: object = None) -> None:
        super().__init__(en, zh, attempts_left=0)
        self.until = until


class AppendOnlyError(DepotError):
    """An attempt to change or delete a record that may only ever be added to."""


class ConfigurationError(DepotError):
    """The database URL, data folder or a setting is unusable."""


class BackupDamagedError(DepotError):
    """A backup archive that is incomplete, altered or unsafe; the message names what is wrong."""


class BackupCancelled(DepotError):
    """The operator cancelled a backup; no archive was written."""

    def __init__(self) -> None:
        super().__init__("The backup was cancelled; no file was written.", "备份已取消，未生成文件。")
