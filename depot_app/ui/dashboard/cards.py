"""Figure cards: a figure, the previous period's value beside it, and the change."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from depot_app.domain.dashboard import FigureDef
from depot_app.services.dashboard import PeriodFigures
from depot_app.ui.common.i18n import translate
from depot_app.ui.dashboard.figure_text import VOLUME_FIGURES, format_change, format_value, language_is_zh

TONES = {"good": "#1e7d3c", "bad": "#b3261e", "same": "#666666", "none": "#666666"}


class FigureCard(QFrame):
    """One headline figure; a click opens the queue on the cases behind it."""

    sig_clicked = Signal(str)

    def __init__(self, figure: FigureDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = figure
        self.setObjectName(f"card_{figure.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("FigureCard { background: #ffffff; border: 1px solid #d0d4da; border-radius: 6px; }")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("color: #444;")
        self.value = QLabel(self)
        self.value.setObjectName("cardValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.previous = QLabel(self)
        self.previous.setObjectName("cardPrevious")
        self.previous.setWordWrap(True)
        self.change = QLabel(self)
        self.change.setObjectName("cardChange")
        for label in (self.title, self.value, self.previous, self.change):
            layout.addWidget(label)
        self.setMinimumWidth(170)

    def show_figures(self, current: PeriodFigures, previous: PeriodFigures) -> None:
        key = self.figure.key
        self.title.setText(self.figure.label("zh_CN" if language_is_zh() else "en"))
        cur, prev = current.values.get(key), previous.values.get(key)
        if cur is None and key in VOLUME_FIGURES and current.volume_missing_days:
            self.value.setText(translate("DashboardWindow", "Missing"))
            self.value.setStyleSheet("color: #b3261e;")
            self.previous.setText(translate("DashboardWindow", "No parcel volume for {0} days of the period")
                                  .format(current.volume_missing_days))
            self.change.setText("")
            return
        self.value.setStyleSheet("")
        self.value.setText(format_value(key, cur))
        if prev is None and key in VOLUME_FIGURES and previous.volume_missing_days:
            self.previous.setText(translate("DashboardWindow", "Previous period: volume missing"))
        else:
            self.previous.setText(translate("DashboardWindow", "Previous period: {0}").format(format_value(key, prev)))
        text, tone = format_change(key, cur, prev)
        self.change.setText(text)
        self.change.setStyleSheet(f"color: {TONES[tone]}; font-weight: bold;")
        self.change.setProperty("tone", tone)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.sig_clicked.emit(self.figure.key)
        super().mouseReleaseEvent(event)
