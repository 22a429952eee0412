"""The delivery-area editor (Desk → Delivery area…): what this depot serves, for managers.

Left, the division tree (province → city → district → street/town) with a
search by name or pinyin; right, the districts and streets served and the
villages or compounds excluded. A list (.csv/.xlsx) replaces the whole area
or nothing; the current list can be exported. Saving goes through the
address service (audited); everyone else sees the area read-only. All
database work and the first pinyin search run off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from depot_app.domain.delivery_area import DeliveryArea, excluded_entry, split_excluded
from depot_app.domain.divisions import Divisions, divisions
from depot_app.domain.errors import DepotError
from depot_app.domain.permissions import Permission
from depot_app.services.addresses import DivisionMatch, find_divisions
from depot_app.ui.addresses.area_events import AreaEvents
from depot_app.ui.common.background import run_task
from depot_app.ui.common.context import DeskContext
from depot_app.ui.common.desk_menu import add_desk_entry
from depot_app.ui.common.i18n import RetranslatesOnLanguageChange, current_language, translate
from depot_app.ui.settings.fields import error_label

_CODE = Qt.ItemDataRole.UserRole
_LOADED = Qt.ItemDataRole.UserRole + 1


class AreaDialog(RetranslatesOnLanguageChange, QDialog):
    """Edit, import and export the depot's delivery area."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("areaDialog")
        self.editable = ctx.operator.can(Permission.EDIT_SETTINGS)
        self.districts: set[str] = set()
        self.streets: set[str] = set()
        self.excluded: list[str] = []
        self.loaded = False
        self._build()
        self.retranslate()
        self.resize(980, 640)
        run_task(self, ctx.services.addresses.area, self._show_area, key="area")

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.readonly_note = QLabel(self)
        self.readonly_note.setObjectName("areaReadOnlyNote")
        self.readonly_note.setWordWrap(True)
        self.readonly_note.setStyleSheet(
            "background: #fff8e1; border: 1px solid #ffcc80; border-radius: 3px; padding: 6px;")
        self.readonly_note.setVisible(not self.editable)
        layout.addWidget(self.readonly_note)

        splitter = QSplitter(self)
        layout.addWidget(splitter, 1)

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(left)
        self.search.setObjectName("areaSearch")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(lambda text: self.run_search() if not text.strip() else None)
        left_layout.addWidget(self.search)
        self.tree = QTreeWidget(left)
        self.tree.setObjectName("areaTree")
        self.tree.setHeaderHidden(True)
        self.tree.itemExpanded.connect(self._fill_children)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.add_selected())
        left_layout.addWidget(self.tree, 1)
        self.results = QListWidget(left)
        self.results.setObjectName("areaResults")
        self.results.setVisible(False)
        self.results.itemDoubleClicked.connect(lambda _item: self.add_selected())
        left_layout.addWidget(self.results, 1)
        self.search_note = QLabel(left)
        self.search_note.setObjectName("areaSearchNote")
        self.search_note.setWordWrap(True)
        left_layout.addWidget(self.search_note)
        self.add_button = QPushButton(left)
        self.add_button.setObjectName("areaAdd")
        self.add_button.clicked.connect(self.add_selected)
        left_layout.addWidget(self.add_button)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.served_box = QGroupBox(right)
        served_layout = QVBoxLayout(self.served_box)
        self.served = QListWidget(self.served_box)
        self.served.setObjectName("areaServed")
        served_layout.addWidget(self.served)
        self.remove_button = QPushButton(self.served_box)
        self.remove_button.setObjectName("areaRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        served_layout.addWidget(self.remove_button)
        right_layout.addWidget(self.served_box, 3)

        self.excluded_box = QGroupBox(right)
        excluded_layout = QVBoxLayout(self.excluded_box)
        self.excluded_list = QListWidget(self.excluded_box)
        self.excluded_list.setObjectName("areaExcluded")
        excluded_layout.addWidget(self.excluded_list)
        row = QHBoxLayout()
        self.exclude_edit = QLineEdit(self.excluded_box)
        self.exclude_edit.setObjectName("areaExcludeEdit")
        self.exclude_edit.returnPressed.connect(self.add_excluded)
        row.addWidget(self.exclude_edit, 3)
        # The district the place lies in: a name such as 幸福村 is then excluded there only.
        self.exclude_district = QComboBox(self.excluded_box)
        self.exclude_district.setObjectName("areaExcludeDistrict")
        row.addWidget(self.exclude_district, 2)
        self.exclude_add = QPushButton(self.excluded_box)
        self.exclude_add.setObjectName("areaExcludeAdd")
        self.exclude_add.clicked.connect(self.add_excluded)
        row.addWidget(self.exclude_add)
        self.exclude_remove = QPushButton(self.excluded_box)
        self.exclude_remove.setObjectName("areaExcludeRemove")
        self.exclude_remove.clicked.connect(self.remove_excluded)
        row.addWidget(self.exclude_remove)
        excluded_layout.addLayout(row)
        right_layout.addWidget(self.excluded_box, 2)
        splitter.setSizes([420, 560])

        self.error = error_label("areaError", self)
        layout.addWidget(self.error)
        self.status = QLabel(self)
        self.status.setObjectName("areaStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("areaImport")
        self.import_button.clicked.connect(self.choose_import)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("areaExport")
        self.export_button.clicked.connect(self.choose_export)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("areaSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("areaClose")
        self.close_button.clicked.connect(self.reject)
        for button in (self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        for widget in (self.add_button, self.remove_button, self.exclude_edit, self.exclude_district, self.exclude_add,
                       self.exclude_remove, self.import_button, self.save_button):
            widget.setEnabled(False)  # until the stored area is shown (and only for a manager)
        self._fill_provinces()

    def _fill_provinces(self) -> None:
        for province in divisions().provinces():
            self.tree.addTopLevelItem(self._tree_item(province.code))

    def _tree_item(self, code: str) -> QTreeWidgetItem:
        data = divisions()
        division = data.by_code[code]
        item = QTreeWidgetItem([division.name])
        item.setData(0, _CODE, code)
        if division.level < 4 and data.kids(code):
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def _fill_children(self, item: QTreeWidgetItem) -> None:
        """Children are made when a branch first opens (the tree has about 45,000 names)."""
        if item.data(0, _LOADED):
            return
        item.setData(0, _LOADED, True)
        data = divisions()
        for child in data.kids(str(item.data(0, _CODE))):
            if child.placeholder:  # 北京's 市辖区: show its districts straight under the city
                for grandchild in data.kids(child.code):
                    item.addChild(self._tree_item(grandchild.code))
            else:
                item.addChild(self._tree_item(child.code))

    # ------------------------------------------------------------ translation
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Delivery area"))
        self.readonly_note.setText(self.tr("Only a manager can change the delivery area. You see it as stored."))
        self.search.setPlaceholderText(self.tr("Find a district or street by name or pinyin (e.g. 浦东, pudong, pd)"))
        self.search_note.setText(self.tr(
            "Pick a district to serve it whole, or a street/town to serve only that part; Enter searches."))
        self.add_button.setText(self.tr("Serve the selected place →"))
        self.served_box.setTitle(self.tr("Served districts and streets"))
        self.remove_button.setText(self.tr("Stop serving the selected place"))
        self.excluded_box.setTitle(self.tr("Excluded villages and compounds"))
        self.exclude_edit.setPlaceholderText(self.tr("Name as written in addresses, e.g. 三林世博家园"))
        self.exclude_district.setAccessibleName(self.tr("District the excluded place lies in"))
        self.exclude_add.setText(self.tr("Exclude"))
        self.exclude_remove.setText(self.tr("Remove"))
        self.import_button.setText(self.tr("Import a list…"))
        self.import_button.setToolTip(self.tr(
            "A .csv or .xlsx list: one place a row, “排除” in the second column for an excluded village "
            "or compound, its district in the third if it is excluded only there. It replaces the whole area, "
            "or nothing if a row cannot be read."))
        self.export_button.setText(self.tr("Export the list…"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self._show_lists()

    # ------------------------------------------------------------------- load
    def _show_area(self, area: DeliveryArea) -> None:
        self.districts = set(area.districts)
        self.streets = set(area.streets)
        self.excluded = list(area.excluded)
        self.loaded = True
        for widget in (self.add_button, self.remove_button, self.exclude_edit, self.exclude_district, self.exclude_add,
                       self.exclude_remove, self.import_button, self.save_button):
            widget.setEnabled(self.editable)
        self._show_lists()

    def current_area(self) -> DeliveryArea:
        """The area the lists show (not stored until Save)."""
        return DeliveryArea(frozenset(self.districts), frozenset(self.streets), tuple(self.excluded))

    def _show_lists(self) -> None:
        data = divisions()
        self.served.clear()
        for code in sorted(self.districts) + sorted(self.streets):
            kind = self.tr("whole district") if code in self.districts else self.tr("street/town")
            item = QListWidgetItem(f"{data.full_name(code)}  ({kind})", self.served)
            item.setData(_CODE, code)
        self.excluded_list.clear()
        for entry in self.excluded:
            code, name = split_excluded(entry)
            text = self.tr("{0} — only in {1}").format(name, data.full_name(code)) if code else name
            item = QListWidgetItem(text, self.excluded_list)
            item.setData(_CODE, entry)
        self._fill_exclude_districts(data)
        if self.loaded:
            self.status.setText(self.tr("{0} districts, {1} streets/towns served; {2} excluded.").format(
                len(self.districts), len(self.streets), len(self.excluded)))

    # ----------------------------------------------------------------- search
    def run_search(self) -> None:
        """Show the districts and streets matching the search box (the tree when it is empty)."""
        query = self.search.text().strip()
        self.tree.setVisible(not query)
        self.results.setVisible(bool(query))
        if not query:
            return
        self.results.clear()
        self.search_note.setText(self.tr("Searching…"))
        run_task(self, lambda: find_divisions(query), self._show_results, key="search")

    def _show_results(self, matches: list[DivisionMatch]) -> None:
        self.results.clear()
        for match in matches:
            item = QListWidgetItem(match.full_name, self.results)
            item.setData(_CODE, match.code)
        self.search_note.setText(self.tr("{0} places found; pick one and serve it.").format(len(matches))
                                 if matches else self.tr("No district or street has that name or pinyin."))

    # ------------------------------------------------------------------ edits
    def _selected_code(self) -> str | None:
        if self.results.isVisible():
            item = self.results.currentItem()
            return str(item.data(_CODE)) if item is not None else None
        tree_item = self.tree.currentItem()
        return str(tree_item.data(0, _CODE)) if tree_item is not None else None

    def add_selected(self) -> None:
        """Serve the selected district (whole) or street/town."""
        if not self.editable or not self.loaded:
            return
        self._clear_error()
        code = self._selected_code()
        division = divisions().get(code) if code else None
        if division is None or division.level not in (3, 4):
            self._show_error(self.tr("Choose a district or a street/town; a province or city is too large "
                                     "for one depot."))
            return
        if division.level == 3:
            self.districts.add(division.code)
            # A street inside a district now served whole needs no row of its own.
            self.streets = {s for s in self.streets if not s.startswith(division.code)}
        elif division.parent in self.districts:
            self._show_error(self.tr("{0} is already served with its whole district.").format(division.name))
            return
        else:
            self.streets.add(division.code)
        self._show_lists()

    def remove_selected(self) -> None:
        if not self.editable:
            return
        for item in self.served.selectedItems():
            code = str(item.data(_CODE))
            self.districts.discard(code)
            self.streets.discard(code)
        self._show_lists()

    def add_excluded(self) -> None:
        """Exclude the village or compound typed (a name of at least two characters)."""
        if not self.editable:
            return
        self._clear_error()
        name = self.exclude_edit.text().strip()
        if len(name) < 2:
            self._show_error(self.tr("Type the village or compound name as it appears in addresses "
                                     "(at least two characters)."))
            return
        entry = excluded_entry(name, str(self.exclude_district.currentData() or ""))
        if entry not in self.excluded:
            self.excluded.append(entry)
        self.exclude_edit.clear()
        self._show_lists()

    def remove_excluded(self) -> None:
        if not self.editable:
            return
        entries = {item.data(_CODE) for item in self.excluded_list.selectedItems()}
        self.excluded = [n for n in self.excluded if n not in entries]
        self._show_lists()

    def _fill_exclude_districts(self, data: Divisions) -> None:
        """Any district, then the served districts and those of the served streets."""
        chosen = self.exclude_district.currentData()
        codes = dict.fromkeys(code[:6] for code in sorted(self.districts) + sorted(self.streets))
        self.exclude_district.clear()
        self.exclude_district.addItem(self.tr("In any district"), "")
        for code in codes:
            if data.get(code) is not None:
                self.exclude_district.addItem(data.full_name(code), code)
        self.exclude_district.setCurrentIndex(max(self.exclude_district.findData(chosen), 0))

    # --------------------------------------------------------- save / import
    def save(self) -> None:
        """Store the area (audited) and let open address hints check again."""
        if not self.editable or not self.loaded:
            return
        self._clear_error()
        area = self.current_area()
        service, by = self.ctx.services.addresses, self.ctx.operator.id

        def store() -> DeliveryArea:
            service.set_area(area=area, by=by)
            return service.area()

        self.save_button.setEnabled(False)
        run_task(self, store, self._on_stored, self._on_failed)

    def choose_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Import a delivery-area list"), "",
                                               self.tr("Lists (*.csv *.xlsx *.txt)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Replace the stored area by the list in ``path`` (whole or nothing)."""
        if not self.editable or not self.loaded:
            return
        self._clear_error()
        service, by = self.ctx.services.addresses, self.ctx.operator.id
        self.import_button.setEnabled(False)
        run_task(self, lambda: service.import_area(path=path, by=by), self._on_stored, self._on_failed)

    def _on_stored(self, area: DeliveryArea) -> None:
        self.save_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self._show_area(area)
        self.status.setText(self.tr("Saved: {0} districts, {1} streets/towns served; {2} excluded.").format(
            len(area.districts), len(area.streets), len(area.excluded)))
        AreaEvents.instance().announce(area)

    def _on_failed(self, exc: BaseException) -> bool:
        self.save_button.setEnabled(self.editable)
        self.import_button.setEnabled(self.editable)
        if isinstance(exc, DepotError):
            self._show_error(exc.text(current_language()))
            return True
        return False

    def choose_export(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Export the delivery area"), "派送范围.csv",
                                               self.tr("CSV list (*.csv);;Excel workbook (*.xlsx)"))
        if path:
            self.export_file(path)

    def export_file(self, path: str) -> None:
        """Write the list as shown (saved or not) to ``path``, in the form the import reads."""
        area, service = self.current_area(), self.ctx.services.addresses
        run_task(self, lambda: service.export_area(path=path, area=area), self._on_exported, self._on_failed)

    def _on_exported(self, path: object) -> None:
        self.status.setText(self.tr("Exported to {0}.").format(path))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.setVisible(False)


def install_area_editor(window: QMainWindow) -> QAction:
    """Desk → Delivery area… (everyone may look; only a manager can change it)."""

    action = QAction(window)
    action.setObjectName("actionDeliveryArea")

    def open_editor() -> None:
        dialog = AreaDialog(window.ctx, window)  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.area_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    action.triggered.connect(lambda _checked=False: open_editor())
    add_desk_entry(window, action, lambda: action.setText(translate("AreaDialog", "Delivery &area…")))
    return action
