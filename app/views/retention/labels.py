"""Display names of the Retention tab's codes (goals, channels, alert states), translated."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

GOALS = {
    "win_back": QT_TRANSLATE_NOOP("RetentionLabels", "Win-back"),
    "live_preview": QT_TRANSLATE_NOOP("RetentionLabels", "Weekly live preview"),
    "festival": QT_TRANSLATE_NOOP("RetentionLabels", "Festival benefit"),
    "new_product": QT_TRANSLATE_NOOP("RetentionLabels", "New product"),
    "ugc": QT_TRANSLATE_NOOP("RetentionLabels", "UGC: post & win"),
}
CHANNELS = {
    "sms": QT_TRANSLATE_NOOP("RetentionLabels", "SMS"),
    "wecom": QT_TRANSLATE_NOOP("RetentionLabels", "WeCom"),
    "wechat_group": QT_TRANSLATE_NOOP("RetentionLabels", "WeChat group"),
    "dm": QT_TRANSLATE_NOOP("RetentionLabels", "Direct message"),
    "app_push": QT_TRANSLATE_NOOP("RetentionLabels", "App push"),
}
STATES = {
    "draft": QT_TRANSLATE_NOOP("RetentionLabels", "Draft"),
    "sent": QT_TRANSLATE_NOOP("RetentionLabels", "Sent"),
    "open": QT_TRANSLATE_NOOP("RetentionLabels", "Open"),
    "replied": QT_TRANSLATE_NOOP("RetentionLabels", "Replied"),
    "resolved": QT_TRANSLATE_NOOP("RetentionLabels", "Resolved"),
    "review": QT_TRANSLATE_NOOP("RetentionLabels", "Review"),
    "comment": QT_TRANSLATE_NOOP("RetentionLabels", "Comment"),
    "manual": QT_TRANSLATE_NOOP("RetentionLabels", "By hand"),
    "wechat": QT_TRANSLATE_NOOP("RetentionLabels", "WeChat"),
    "group": QT_TRANSLATE_NOOP("RetentionLabels", "Group chat"),
}
WEEKDAYS = (
    ("mon", QT_TRANSLATE_NOOP("RetentionLabels", "Every Monday")),
    ("tue", QT_TRANSLATE_NOOP("RetentionLabels", "Every Tuesday")),
    ("wed", QT_TRANSLATE_NOOP("RetentionLabels", "Every Wednesday")),
    ("thu", QT_TRANSLATE_NOOP("RetentionLabels", "Every Thursday")),
    ("fri", QT_TRANSLATE_NOOP("RetentionLabels", "Every Friday")),
    ("sat", QT_TRANSLATE_NOOP("RetentionLabels", "Every Saturday")),
    ("sun", QT_TRANSLATE_NOOP("RetentionLabels", "Every Sunday")),
)


def tr(text: str) -> str:
    """``text`` in the UI language."""
    return QCoreApplication.translate("RetentionLabels", text)


def name_of(code: str) -> str:
    """The display name of a goal, channel or state code (the code itself when unknown)."""
    for names in (GOALS, CHANNELS, STATES):
        if code in names:
            return tr(names[code])
    return code


def recurrence_choices() -> list[tuple[str, str]]:
    """(code, name) of the schedules the builder offers: once, daily, weekly on a day."""
    choices = [("", tr("Once")), ("daily", tr("Every day"))]
    choices += [(f"weekly:{day}", tr(name)) for day, name in WEEKDAYS]
    return choices


ONCE = QT_TRANSLATE_NOOP("RetentionLabels", "Once")
DAILY = QT_TRANSLATE_NOOP("RetentionLabels", "Every day")
