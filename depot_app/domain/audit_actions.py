"""The depot-wide audit trail's actions and their names in both languages."""

from __future__ import annotations

#: action code -> (Chinese, English)
AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "signed_in": ("登录", "Signed in"),
    "signed_out": ("退出/切换", "Signed out"),
    "sign_in_failed": ("PIN 错误", "Wrong PIN"),
    "sign_in_locked": ("账号锁定", "Locked out"),
    "sign_in_refused": ("锁定期间尝试登录", "Sign-in while locked"),
    "operator_unlocked": ("解除锁定", "Unlocked"),
    "operator_added": ("添加操作员", "Operator added"),
    "operator_changed": ("修改操作员", "Operator changed"),
    "secret_changed": ("修改 PIN", "PIN changed"),
    "secret_reset": ("重置 PIN", "PIN reset"),
    "setting_changed": ("修改设置/政策", "Setting changed"),
    "contacts_revealed": ("查看完整电话", "Phones revealed"),
    "export": ("导出", "Export"),
    "import": ("导入", "Import"),
    "photo_purged": ("彻底清除照片", "Photo purged"),
    "backup_created": ("备份", "Backup made"),
    "backup_restored": ("恢复备份", "Backup restored"),
}


def action_label(action: str, language: str = "zh_CN") -> str:
    """The name of ``action`` in ``language``; unknown codes show as they are."""
    pair = AUDIT_ACTIONS.get(action)
    if pair is None:
        return action
    return pair[0] if language.startswith("zh") else pair[1]
