"""流失预警 Churn warning: the customers past their warning window, most valuable first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.analytics.retention import WarningSettings
from app.views.retention.sub_view import RetentionData, SubView
from app.views.service_errors import error_text
from app.views.table_models.frame_model import FrameColumn, FrameModel
from app.views.traffic.sub_view import fit_columns, frame_table


class ChurnView(SubView):
    """The churn list with a search box, the windows in effect, and a win-back shortcut.

    Attributes:
        model, table: the slipping customers.
        summary: "N customers are slipping (M valuable)" and the windows in effect.

    Signals:
        win_back_requested(int): build a win-back campaign for customers silent this many days.
    """

    win_back_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FrameModel(
            self._columns(), ("display_name", "last_product", "tier_shown"), self
        )
        self.table = frame_table(self.model)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Search name, tier or product"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.model.set_search)
        self.windows_button = QPushButton(self.tr("Warning windows…"))
        self.windows_button.clicked.connect(self._on_windows_button_clicked)
        self.win_back_button = QPushButton(self.tr("Win them back…"))
        self.win_back_button.setToolTip(
            self.tr("Build a win-back campaign for the customers silent past the default window")
        )
        self.win_back_button.clicked.connect(self._on_win_back_button_clicked)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.windows_button)
        bar.addWidget(self.win_back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def _columns(self) -> list[FrameColumn]:
        return [
            FrameColumn("display_name", self.tr("Customer")),
            FrameColumn("tier_shown", self.tr("Tier"), tooltip=self.tr("Tier before slipping")),
            FrameColumn("days_silent", self.tr("Days silent"), "int"),
            FrameColumn("window_days", self.tr("Window"), "int"),
            FrameColumn("last_active_at", self.tr("Last order or touch"), "date"),
            FrameColumn("last_product", self.tr("Last product")),
            FrameColumn("paid_orders", self.tr("Orders"), "int"),
            FrameColumn("net_cents", self.tr("Spent"), "money", currency="currency"),
            FrameColumn("platforms", self.tr("Platforms"), "platform"),
            FrameColumn("private_channel", self.tr("Private channel"), "platform"),
            FrameColumn("masked_phone", self.tr("Phone")),
        ]

    def draw(self, data: RetentionData) -> None:
        """Show the slipping customers and the windows in effect."""
        from app.services.retention import warning_settings

        churn = data.churn.assign(
            tier_shown=data.churn["value_tier"].where(
                data.churn["value_tier"] != "", data.churn["tier"]
            )
        )
        self.model.set_frame(churn)
        fit_columns(self.table)
        settings = warning_settings(data.reader)
        windows = ", ".join(f"{tier} {days}" for tier, days in sorted(settings.tier_days.items()))
        text = (
            self.tr("%1 customers are slipping, %2 of them valuable (VIP, high value or top 20 %).")
            .replace("%1", f"{len(churn):,}")
            .replace("%2", f"{int(churn['valuable'].sum()):,}")
        )
        rule = self.tr("Warning after %1 days without an order or a touch.").replace(
            "%1", str(settings.default_days)
        )
        if windows:
            rule += " " + self.tr("Per tier: %1 days.").replace("%1", windows)
        if settings.own_interval:
            rule += " " + self.tr("Repeat buyers: 1.5 × their usual interval.")
        self.summary.setText(f"{text}\n{rule}")
        self.win_back_button.setEnabled(data.store is not None and not churn.empty)
        self.windows_button.setEnabled(data.store is not None)

    def _on_win_back_button_clicked(self) -> None:
        if self.data is None:
            return
        from app.services.retention import warning_settings

        self.win_back_requested.emit(warning_settings(self.data.reader).default_days)

    def _on_windows_button_clicked(self) -> None:
        if self.data is None or self.data.store is None:
            return
        from app.services.retention import save_warning_settings, warning_settings

        data = self.data
        rows = data.reader.query("SELECT name FROM tier_rules WHERE active ORDER BY position")[1]
        tiers = [name for (name,) in rows]
        dialog = WindowsDialog(warning_settings(data.reader), tiers, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        default_days, own_interval, per_tier = dialog.values()
        try:
            save_warning_settings(data.store, default_days, own_interval, per_tier)
        except ValueError as error:
            self.warn(error_text(error))
            return
        self.status_reported.emit(self.tr("Warning windows saved"))
        self.store_changed.emit()


class WindowsDialog(QDialog):
    """The default warning window, the own-interval option and a window per tier (0 = default).

    Attributes:
        default_days, own_interval: the shop-wide choices.
        tier_days: tier name → its spin box.
    """

    def __init__(
        self, settings: WarningSettings, tiers: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Warning windows"))
        self.default_days = QSpinBox()
        self.default_days.setRange(1, 365)
        self.default_days.setSuffix(self.tr(" days"))
        self.default_days.setValue(settings.default_days)
        self.own_interval = QCheckBox(
            self.tr("Judge repeat buyers by their own rhythm (1.5 × their usual gap)")
        )
        self.own_interval.setChecked(settings.own_interval)
        form = QFormLayout(self)
        form.addRow(self.tr("Default window"), self.default_days)
        form.addRow(self.own_interval)
        self.tier_days: dict[str, QSpinBox] = {}
        for tier in tiers:
            box = QSpinBox()
            box.setRange(0, 365)
            box.setSpecialValueText(self.tr("Default"))
            box.setSuffix(self.tr(" days"))
            box.setValue(settings.tier_days.get(tier, 0))
            self.tier_days[tier] = box
            form.addRow(tier, box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[int, bool, dict[str, int | None]]:
        """(default days, own interval, tier → days or None for the default)."""
        per_tier = {t: (box.value() or None) for t, box in self.tier_days.items()}
        return self.default_days.value(), self.own_interval.isChecked(), per_tier
