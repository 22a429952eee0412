"""Checks on the file an export is about to replace."""

from __future__ import annotations

from pathlib import Path

from depot_app.domain.errors import ValidationError


def check_target(target: Path) -> None:
    """Refuse a target that exists but is not an ordinary file.

    Exports are written beside the target and moved over it; moved over a
    device such as ``/dev/null``, a folder or a pipe, that would replace the
    special file itself, so they are refused with a message instead.
    """
    if (target.exists() or target.is_symlink()) and not target.is_file():
        raise ValidationError(f"{target} is not an ordinary file; choose a file name to export to.",
                              f"{target} 不是普通文件，请选择要导出的文件名。", field="out")
