"""The depot's daily parcel volume: typed in per day, or imported from a csv/xlsx list."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.dashboard import Period
from depot_app.domain.errors import ValidationError
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.i18n import current_language


class VolumeDialog(QDialog):
    """One row per day of the period; empty means "not known"."""

    def __init__(self, ctx: DeskContext, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("volumeDialog")
        self.ctx = ctx
        self.period = period
        self.setWindowTitle(self.tr("Parcel volume"))
        layout = QVBoxLayout(self)
        self.hint = QLabel(self.tr("Parcels the depot handled each day. Leave a day empty when it is not known: "
                                   "the rates per 10,000 parcels need every day of the period."), self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.days = [period.first + timedelta(days=i) for i in range(period.days)]
        self.table = QTableWidget(len(self.days), 1, self)
        self.table.setObjectName("volumeTable")
        self.table.setHorizontalHeaderLabels([self.tr("Parcels")])
        self.table.setVerticalHeaderLabels([d.isoformat() for d in self.days])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        for row in range(len(self.days)):
            self.table.setItem(row, 0, QTableWidgetItem(""))
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("volumeMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.import_button = QPushButton(self.tr("Import a list (csv/xlsx)…"), self)
        self.import_button.setObjectName("volumeImport")
        self.import_button.clicked.connect(self.import_list)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, 560)
        self.load()

    def load(self) -> None:
        volume = self.ctx.services.volume
        first, last = self.period.first, self.period.last
        run_task(self, lambda: volume.days(first=first, last=last), self._show, key="volume")

    def _show(self, rows: list[object]) -> None:
        known = {r.day: r.parcels for r in rows}  # type: ignore[attr-defined]
        for row, day in enumerate(self.days):
            self.table.item(row, 0).setText(str(known[day]) if day in known else "")

    def values(self) -> dict[date, int]:
        """The typed counts; raises ValidationError naming the day of a count that is not a number."""
        out: dict[date, int] = {}
        for row, day in enumerate(self.days):
            text = self.table.item(row, 0).text().strip().replace(",", "")
            if not text:
                continue
            if not text.isdigit():
                raise ValidationError(f"The parcel count of {day} is not a whole number: {text}",
                                      f"{day} 的业务量不是整数：{text}", field="parcels")
            out[day] = int(text)
        return out

    def save(self) -> None:
        try:
            values = self.values()
        except ValidationError as exc:
            self.message.setText(exc.text(current_language()))
            return
        volume, by = self.ctx.services.volume, self.ctx.operator.id
        run_task(self, lambda: volume.set_days(values=values, by=by), lambda _n: self.accept())

    def import_list(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Import parcel volume"), "",
                                               self.tr("Lists (*.csv *.xlsx)"))
        if not path:
            return
        volume, by = self.ctx.services.volume, self.ctx.operator.id

        def done(count: int) -> None:
            self.message.setText(self.tr("{0} days imported.").format(count))
            self.load()

        run_task(self, lambda: volume.import_file(path=path, by=by), done)
