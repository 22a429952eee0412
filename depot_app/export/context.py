"""What every export shares that needs no drawing or workbook library.

The context a writer is given (:class:`ReportContext`), progress and
cancellation (:class:`Ticker`, :class:`ExportCancelled`), all-or-nothing
writing (:func:`atomic_output`) and the masking of phones in free text.
Services import these at start-up; the writers themselves (reportlab,
openpyxl) are imported only when a document is made, so the desk's start
does not pay for them.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from depot_app.domain.clock import to_local
from depot_app.domain.errors import DepotError, PolicyError, ValidationError
from depot_app.domain.money import format_yuan
from depot_app.export.files import check_target

if TYPE_CHECKING:  # plain views only
    from depot_app.domain.views import CaseDetail, CompensationView, ResolutionView

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class ExportCancelled(DepotError):
    """The operator cancelled an export; no file was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.", "导出已取消，未生成文件。")


def _no_photos(_sha256: str) -> Path | None:
    return None


@dataclass(frozen=True)
class ReportContext:
    """Everything a writer needs besides the cases: who, where, when, how."""

    depot_code: str
    depot_name: str
    language: str = "zh_CN"
    #: When the document was made, already in the depot's local time (e.g. "2026-11-20 10:05").
    generated_at: str = ""
    generated_by: str = ""
    #: Phones (and account numbers) masked: the default for anything leaving the depot.
    masked: bool = True
    #: The file of a photo by its SHA-256, or None when it is not available.
    photo_path: Callable[[str], Path | None] = _no_photos
    #: The depot's time zone; stored times are naive UTC.
    timezone: str = "Asia/Shanghai"
    #: Operator names by id, for timeline entries that record an id (a change of assignee).
    operators: Mapping[int, str] = field(default_factory=dict)

    @property
    def zh(self) -> bool:
        return self.language.startswith("zh")

    def t(self, zh: str, en: str) -> str:
        """``zh`` or ``en`` by the report's language."""
        return zh if self.zh else en

    def time(self, moment: datetime | None, *, with_time: bool = True) -> str:
        """A naive-UTC moment in the depot's local time, or a dash."""
        if moment is None:
            return "—"
        local = to_local(moment, self.timezone)
        return local.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")

    def money(self, amount: Decimal | None) -> str:
        return "—" if amount is None else format_yuan(amount)

    def label(self, member: Any) -> str:
        """The label of an enumeration member in the report's language (a dash for None)."""
        if member is None:
            return "—"
        return str(member.label(self.language))

    def mask_text(self, text: str) -> str:
        """Free text with phone numbers masked when the report is masked."""
        return mask_free_text(text) if self.masked else text

    def photo_file(self, sha256: str) -> Path | None:
        """The photo's file, or None when the store cannot give it (the page shows a placeholder)."""
        try:
            return self.photo_path(sha256)
        except Exception as exc:  # noqa: BLE001 - a missing photo must not stop the report
            log.warning("Photo %s is not available: %s", sha256[:12], exc)
            return None


# ------------------------------------------------------------ safe writing
class Ticker:
    """Progress and cancellation for one export."""

    def __init__(self, progress: ProgressFn | None, cancelled: CancelledFn | None, total: int = 1) -> None:
        self.progress = progress
        self.cancelled = cancelled
        self.total = max(1, total)
        self.done = 0

    def check(self) -> None:
        """Raise :class:`ExportCancelled` when the operator asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled()

    def add_total(self, n: int) -> None:
        self.total += max(0, n)

    def advance(self, n: int = 1) -> None:
        # Never report 100 % before the file is in place.
        self.done = min(self.done + n, self.total - 1)
        if self.progress is not None:
            self.progress(self.done, self.total)
        self.check()

    def finish(self) -> None:
        self.done = self.total
        if self.progress is not None:
            self.progress(self.total, self.total)


@contextmanager
def atomic_output(out: str | os.PathLike[str], *,
                  before_replace: Callable[[], None] | None = None) -> Iterator[Path]:
    """A temporary path beside ``out``; moved over ``out`` only if the block succeeds.

    ``before_replace`` runs after the document is complete and before it is
    moved into place (the service records the export there, so a file never
    exists without its audit entry). Any error — :class:`ExportCancelled`
    included — deletes the temporary file and propagates.
    """
    target = Path(out)
    folder = target.parent
    check_target(target)
    if not folder.is_dir():
        raise ValidationError(f"The folder {folder} does not exist.", f"文件夹 {folder} 不存在。", field="out")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except PermissionError:
        raise ValidationError(f"The folder {folder} cannot be written to; choose another folder.",
                              f"无法写入文件夹 {folder}，请选择其他文件夹。", field="out") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); an export is an ordinary document.
        try:
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        except OSError:
            pass
        if before_replace is not None:
            before_replace()
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise ValidationError(
                f"{target.name} could not be replaced: it may be open in another program. "
                "Close it and export again.",
                f"无法覆盖 {target.name}：文件可能正被其他程序打开，请关闭后重新导出。", field="out") from None
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise


# ------------------------------------------------------------------ masking
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[ -]?(\d{3,4})(\d{4})(?!\d)")
_LONG_DIGITS = re.compile(r"(?<!\d)(\d{4})\d{4,11}(\d{4})(?!\d)")


def mask_free_text(text: str) -> str:
    """Phone numbers inside free text (notes, accounts) masked like ``138****5678``."""
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)


def mask_account(text: str) -> str:
    """An account (bank card, Alipay/WeChat id) with phones and long digit runs masked."""
    text = mask_free_text(text)
    return _LONG_DIGITS.sub(lambda m: f"{m.group(1)} **** {m.group(2)}", text)


def compensation_of(detail: CaseDetail) -> tuple[ResolutionView, CompensationView] | None:
    """The compensation that counts: the live resolution's, else the latest one recorded."""
    current = detail.current_resolution
    if current is not None and current.compensation is not None:
        return current, current.compensation
    for res in reversed(detail.resolutions):
        if res.compensation is not None:
            return res, res.compensation
    return None


def no_compensation_error(detail: CaseDetail) -> PolicyError:
    """Why a case without a compensation has no claim form."""
    return PolicyError(
        f"Case {detail.case_no} has no compensation: a claim form is made only for a compensation case.",
        f"问题件 {detail.case_no} 没有赔偿记录，只有赔偿类问题件才能生成赔偿申请单。")
