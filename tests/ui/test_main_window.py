from depot_app.domain.kinds import ProblemKind
from depot_app.ui.main_window import MainWindow


def test_main_window_opens_and_lists_cases(qtbot, ctx):
    ctx.services.cases.register_case(tracking_no="SF1234567890123", kind=ProblemKind.DAMAGED,
                                     by=ctx.operator.id)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 1
    assert window.model.row_at(0).tracking_no == "SF1234567890123"
    assert "未结" in window.counts_label.text() or "1" in window.counts_label.text()


def test_the_window_title_names_the_depot_in_chinese(qtbot, ctx):
    settings = ctx.services.settings
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    name, code = settings.get("depot_name"), settings.get("depot_code")
    assert name and code
    assert window.windowTitle() == f"网点问题件工作台 · {name}（{code}）"
