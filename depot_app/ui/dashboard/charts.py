"""The dashboard's charts (QtCharts): opened vs closed over the period, open cases by age, ratings.

Each bar is clickable: the chart emits the :class:`Drill` of the cases behind it.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from depot_app.domain.dashboard import AGE_BUCKETS, Drill, Period
from depot_app.domain.dashboard_view import WEEKLY_AFTER_DAYS, age_bucket_short, series_slots, slot_sum
from depot_app.services.dashboard import Dashboard
from depot_app.ui.common.i18n import current_language, translate

__all__ = ["WEEKLY_AFTER_DAYS", "DrillChart", "series_slots", "show_ages", "show_flow", "show_ratings",
           "slot_drill", "slot_sum"]

OPENED_COLOUR = "#2f6db5"
CLOSED_COLOUR = "#3a9a5b"
AGE_COLOUR = "#d08a2c"
RATING_COLOUR = "#8a5cc2"


def slot_drill(what: str, slot: Period) -> Drill:
    if slot.days == 1:
        return Drill(what, slot, day=slot.first)
    return Drill(what, slot)


def _slot_label(slot: Period) -> str:
    return slot.first.strftime("%m-%d")


class DrillChart(QChartView):
    """A bar chart whose bars open the queue on their cases."""

    sig_drill = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.drills: dict[tuple[int, int], Drill] = {}
        #: The bar values as drawn, for tests: (set index, bar index) → value.
        self.values: dict[tuple[int, int], int] = {}
        self._chart = QChart()
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self._chart)

    def show_bars(self, title: str, categories: list[str],
                  sets: list[tuple[str, str, list[int], list[Drill]]]) -> None:
        """Draw ``sets`` of (name, colour, values, drills), one bar per category."""
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        self.drills.clear()
        self.values.clear()
        series = QBarSeries()
        top = 0
        for set_index, (name, colour, values, drills) in enumerate(sets):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            for bar_index, (value, drill) in enumerate(zip(values, drills, strict=True)):
                bar_set.append(value)
                self.drills[(set_index, bar_index)] = drill
                self.values[(set_index, bar_index)] = value
                top = max(top, value)
            bar_set.clicked.connect(lambda index, s=set_index: self.click(s, index))
            series.append(bar_set)
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(categories)
        if len(categories) > 16:
            x_axis.setLabelsAngle(-60)
        font = x_axis.labelsFont()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        x_axis.setLabelsFont(font)  # the age buckets' words fit under their bars
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x_axis)
        y_axis = QValueAxis()
        y_axis.setRange(0, max(top, 1) * 1.1)
        y_axis.setLabelFormat("%d")
        y_axis.applyNiceNumbers()
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y_axis)
        chart.legend().setVisible(len(sets) > 1)

    def click(self, set_index: int, bar_index: int) -> None:
        drill = self.drills.get((set_index, bar_index))
        if drill is not None:
            self.sig_drill.emit(drill)


def show_flow(chart: DrillChart, board: Dashboard) -> None:
    """Opened vs closed per day (or per week)."""
    slots = series_slots(board.period)
    weekly = board.period.days > WEEKLY_AFTER_DAYS
    title = (translate("DashboardWindow", "Cases opened and closed per week") if weekly
             else translate("DashboardWindow", "Cases opened and closed per day"))
    cur = board.current
    chart.show_bars(title, [_slot_label(s) for s in slots], [
        (translate("DashboardWindow", "Opened"), OPENED_COLOUR, [slot_sum(cur.opened_by_day, s) for s in slots],
         [slot_drill("opened", s) for s in slots]),
        (translate("DashboardWindow", "Closed"), CLOSED_COLOUR, [slot_sum(cur.closed_by_day, s) for s in slots],
         [slot_drill("closed", s) for s in slots]),
    ])


def show_ages(chart: DrillChart, board: Dashboard) -> None:
    """Open cases at the period's end by age bucket."""
    keys = [k for k, _z, _e in AGE_BUCKETS]
    chart.show_bars(translate("DashboardWindow", "Open cases by age at the period's end"),
                    [age_bucket_short(k, current_language()) for k in keys],
                    [(translate("DashboardWindow", "Open cases"), AGE_COLOUR,
                      [board.current.age_buckets.get(k, 0) for k in keys],
                      [Drill("open_end", board.period, bucket=k) for k in keys])])


def show_ratings(chart: DrillChart, board: Dashboard) -> None:
    """Ratings (1 to 5 stars) of the cases closed in the period."""
    stars = list(range(1, 6))
    chart.show_bars(translate("DashboardWindow", "Satisfaction ratings of closed cases"),
                    [f"{n}★" for n in stars],
                    [(translate("DashboardWindow", "Ratings"), RATING_COLOUR,
                      [board.current.ratings.get(n, 0) for n in stars],
                      [Drill("rated", board.period, rating=n) for n in stars])])

