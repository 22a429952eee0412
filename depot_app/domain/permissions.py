"""Who may do what: the permissions each role holds.

The services check these on every call that changes data or shows what is
normally hidden, so a forbidden action is refused whatever screen (or script)
asked for it. Buttons the operator may not use are disabled with the same
rule, through :func:`allowed`.
"""

from __future__ import annotations

from depot_app.domain.errors import PermissionDeniedError
from depot_app.domain.vocabulary import Labelled, Role, register_labels


class Permission(Labelled):
    """One thing an operator may be allowed to do."""

    REGISTER_CASE = "register_case"
    ADD_PHOTOS = "add_photos"
    LOG_CONTACT = "log_contact"
    #: See full phone numbers on screen (each reveal is recorded).
    REVEAL_CONTACTS = "reveal_contacts"
    #: Everything else on a case: facts, status, resolution, payment, closing,
    #: reopening, cancelling, captions and removal of photos.
    WORK_CASES = "work_cases"
    EXPORT_RECORDS = "export_records"
    IMPORT_CASES = "import_cases"
    APPROVE_COMPENSATION = "approve_compensation"
    EXPORT_UNMASKED = "export_unmasked"
    EDIT_SETTINGS = "edit_settings"
    MANAGE_OPERATORS = "manage_operators"
    PURGE_PHOTOS = "purge_photos"
    VIEW_AUDIT = "view_audit"
    MAKE_BACKUPS = "make_backups"
    #: The manager's dashboard and its exports.
    VIEW_DASHBOARD = "view_dashboard"


register_labels(Permission, {
    Permission.REGISTER_CASE: ("登记问题件", "register cases"),
    Permission.ADD_PHOTOS: ("添加照片", "add photos"),
    Permission.LOG_CONTACT: ("记录联系", "log contacts"),
    Permission.REVEAL_CONTACTS: ("查看完整电话", "reveal full phone numbers"),
    Permission.WORK_CASES: ("处理问题件", "work on cases"),
    Permission.EXPORT_RECORDS: ("导出记录", "export records"),
    Permission.IMPORT_CASES: ("导入问题件清单", "import case lists"),
    Permission.APPROVE_COMPENSATION: ("审批赔偿", "approve or reject compensation"),
    Permission.EXPORT_UNMASKED: ("导出未打码记录", "export unmasked records"),
    Permission.EDIT_SETTINGS: ("修改网点设置与政策", "edit depot settings and policy"),
    Permission.MANAGE_OPERATORS: ("管理操作员", "manage operators"),
    Permission.PURGE_PHOTOS: ("彻底清除照片", "purge photos"),
    Permission.VIEW_AUDIT: ("查看审计日志", "view the audit trail"),
    Permission.MAKE_BACKUPS: ("备份数据", "make backups"),
    Permission.VIEW_DASHBOARD: ("查看经营看板", "view the dashboard"),
})

_COURIER = frozenset({Permission.REGISTER_CASE, Permission.ADD_PHOTOS, Permission.LOG_CONTACT,
                      Permission.REVEAL_CONTACTS})
_CLERK = _COURIER | {Permission.WORK_CASES, Permission.EXPORT_RECORDS, Permission.IMPORT_CASES}
_MANAGER = frozenset(Permission)

#: The permissions of each role.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COURIER: _COURIER,
    Role.CLERK: frozenset(_CLERK),
    Role.MANAGER: _MANAGER,
}


def allowed(role: Role | str, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission``."""
    return permission in ROLE_PERMISSIONS[Role(role)]


def lowest_role_with(permission: Permission) -> Role:
    """The least senior role that holds ``permission`` (for messages)."""
    for role in (Role.COURIER, Role.CLERK, Role.MANAGER):
        if permission in ROLE_PERMISSIONS[role]:
            return role
    return Role.MANAGER


def require(role: Role | str, permission: Permission, *, who: str = "") -> None:
    """Raise :class:`PermissionDeniedError` naming ``permission`` unless ``role`` holds it."""
    if allowed(role, permission):
        return
    r = Role(role)
    holder = lowest_role_with(permission)
    name_en = f"{who} ({r.en})" if who else f"A {r.en.lower()}"
    name_zh = f"{who}（{r.zh}）" if who else r.zh
    raise PermissionDeniedError(
        f"{name_en} may not {permission.en}: that needs the “{permission.en}” permission "
        f"({holder.en.lower()}s{' and managers' if holder is not Role.MANAGER else ''} hold it).",
        f"{name_zh}没有“{permission.zh}”权限，无法进行此操作；请{holder.zh}处理。",
        permission=permission.value,
    )
