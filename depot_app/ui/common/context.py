"""What every window of one desk session shares."""

from __future__ import annotations

from dataclasses import dataclass

from depot_app.config import AppConfig, UserPreferences
from depot_app.domain.policy import Policy
from depot_app.domain.views import OperatorView
from depot_app.services import Services


@dataclass
class DeskContext:
    """The services, the operator at the desk, and this user's preferences."""

    services: Services
    operator: OperatorView
    config: AppConfig
    preferences: UserPreferences
    policy: Policy

    def reload_policy(self) -> None:
        """Read the depot policy again (after the settings changed)."""
        self.policy = self.services.settings.policy()

    def save_preferences(self) -> None:
        self.preferences.save(self.config.preferences_file)
