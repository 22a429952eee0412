"""What each role may do: the permissions matrix beside the operators list.

Its texts belong to the ``OperatorsDialog`` translation context, as they did
when the dialog built the table itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem, QWidget

from depot_app.domain.permissions import ROLE_PERMISSIONS, Permission
from depot_app.domain.vocabulary import Role
from depot_app.ui.common.i18n import current_language
from depot_app.ui.people.operators_model import INACTIVE_COLOR

#: Roles in the order they are offered (least senior first).
ROLES: tuple[Role, ...] = (Role.COURIER, Role.CLERK, Role.MANAGER)


def _capitalized(label: str) -> str:
    """``register cases`` → ``Register cases`` (a row heading, not part of a sentence)."""
    return label[:1].upper() + label[1:]


class RolePermissionsTable(QTableWidget):
    """One row per permission, one column per role: ✓ where the role has it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(Permission), len(ROLES), parent)
        self.setObjectName("opsRolePermissions")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setMinimumSectionSize(64)
        self.horizontalHeader().setHighlightSections(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As big as its fourteen rows and three columns: the whole matrix at a glance.
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for row, permission in enumerate(Permission):
            for col, role in enumerate(ROLES):
                granted = permission in ROLE_PERMISSIONS[role]
                item = QTableWidgetItem("✓" if granted else "—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setData(Qt.ItemDataRole.UserRole, granted)
                if not granted:
                    item.setForeground(QBrush(INACTIVE_COLOR))
                else:
                    item.setForeground(QBrush(QColor("#2e7d32")))
                self.setItem(row, col, item)

    def retranslate(self) -> None:
        language = current_language()
        self.setAccessibleName(QCoreApplication.translate("OperatorsDialog", "Permissions of each role"))
        self.setHorizontalHeaderLabels([role.label(language) for role in ROLES])
        self.setVerticalHeaderLabels([_capitalized(p.label(language)) for p in Permission])
        for row, permission in enumerate(Permission):
            for col, role in enumerate(ROLES):
                item = self.item(row, col)
                if item is not None:
                    granted = bool(item.data(Qt.ItemDataRole.UserRole))
                    item.setToolTip((QCoreApplication.translate("OperatorsDialog", "{0} may {1}") if granted
                                     else QCoreApplication.translate("OperatorsDialog", "{0} may not {1}")).format(
                        role.label(language), permission.label(language)))
