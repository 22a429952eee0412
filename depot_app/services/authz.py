"""The one place a service checks that an operator may do what they ask."""

from __future__ import annotations

from sqlalchemy.orm import Session

from depot_app.db.models import Operator
from depot_app.domain.errors import NotFoundError
from depot_app.domain.permissions import Permission, require


def authorize(session: Session, operator_id: int, permission: Permission) -> Operator:
    """The active operator ``operator_id``, or an error: NotFoundError for an
    unknown or deactivated operator, PermissionDeniedError naming
    ``permission`` when their role lacks it."""
    op = session.get(Operator, operator_id)
    if op is None or not op.active:
        raise NotFoundError(f"Operator #{operator_id} is unknown or inactive.",
                            f"操作员 #{operator_id} 不存在或已停用。")
    require(op.role, permission, who=op.name)
    return op
