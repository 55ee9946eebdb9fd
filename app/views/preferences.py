"""The user's preferences kept in QSettings that services take as plain arguments.

Exports and reports (services) take ``mask_names`` as a parameter; the views read it here and
the command line has a flag for it. It is the user's choice on this computer, not the shop's.
So is the name changes are signed with (``Store.user_name``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

MASK_NAMES_KEY = "privacy/mask_names"


def masks_names(settings: QSettings) -> bool:
    """True when customer names are to be masked in exports and reports (张** instead of 张三)."""
    value = settings.value(MASK_NAMES_KEY, False)
    return value in (True, "true", "1", 1)


def set_masks_names(settings: QSettings, on: bool) -> None:
    """Remember whether to mask customer names in exports and reports."""
    settings.setValue(MASK_NAMES_KEY, on)


USER_NAME_KEY = "team/user_name"


def user_name(settings: QSettings) -> str:
    """Who is working on this computer: the name set in Settings, else the login name.

    It is stamped on every change made by hand in the store (a team shares one store).
    """
    from app.db import default_user_name

    name = str(settings.value(USER_NAME_KEY, "") or "").strip()
    return name or default_user_name()


def set_user_name(settings: QSettings, name: str) -> None:
    """Remember the name to sign changes with ("" goes back to the login name)."""
    settings.setValue(USER_NAME_KEY, name.strip())
