"""The plan service's error messages in the UI language.

:class:`~app.services.plan.PlanError` carries fixed English texts; they are listed here for
``lupdate`` so each has a translation, and :func:`plan_error_text` looks one up.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "PlanErrors"
MESSAGES = (
    QT_TRANSLATE_NOOP("PlanErrors", "A plan item needs a title."),
    QT_TRANSLATE_NOOP("PlanErrors", "The title is longer than 200 characters."),
    QT_TRANSLATE_NOOP("PlanErrors", "Unknown production stage."),
    QT_TRANSLATE_NOOP("PlanErrors", "Unknown content type (original, challenge or duet)."),
    QT_TRANSLATE_NOOP("PlanErrors", "Unknown platform."),
    QT_TRANSLATE_NOOP("PlanErrors", "The target length must be a positive number of seconds."),
    QT_TRANSLATE_NOOP("PlanErrors", "The target length is longer than three hours."),
    QT_TRANSLATE_NOOP("PlanErrors", "The A/B group label is longer than 20 characters."),
    QT_TRANSLATE_NOOP("PlanErrors", "A scheduled item needs a planned publish time."),
    QT_TRANSLATE_NOOP("PlanErrors", "This no longer exists; reload the plan."),
    QT_TRANSLATE_NOOP("PlanErrors", "A name is required."),
    QT_TRANSLATE_NOOP("PlanErrors", "The name is longer than 60 characters."),
    QT_TRANSLATE_NOOP("PlanErrors", "Another entry already has this name."),
    QT_TRANSLATE_NOOP("PlanErrors", "A colour looks like #4e79a7."),
    QT_TRANSLATE_NOOP("PlanErrors", "A template needs at least one step."),
    QT_TRANSLATE_NOOP("PlanErrors", "The suggested length must be a positive number of seconds."),
    QT_TRANSLATE_NOOP("PlanErrors", "This video is not in the store; reload the plan."),
)


def plan_error_text(message: str) -> str:
    """``message`` (a PlanError's) in the UI language."""
    return QCoreApplication.translate(CONTEXT, message)
