"""The services' error messages in the UI language.

The services (Qt-free) raise errors with English text for the shop owner; ``str(error)`` stays
English for logs and the command line. The views show :func:`error_text` instead: the fixed
messages are copied below (so ``lupdate`` sees them; ``tests/gui/test_service_errors.py`` checks
the copies against the services word for word), messages built at run time as templates with %1…
in place of their values. A message not listed stays as it is.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.views.content.plan_errors import plan_error_text

CONTEXT = "ServiceErrors"

MESSAGES = (
    # app.services.shop (Settings)
    QT_TRANSLATE_NOOP("ServiceErrors", "The shop needs a name (it is printed on reports)."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Account %1"),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1: unknown platform %2."),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1: the account handle is empty."),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1: unknown currency %2."),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1: unknown time zone %2."),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1: %2 %3 is listed twice."),
    # app.services.campaigns
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no campaign #%1."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors", "The campaign has not been sent yet: mark it as sent first."
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "Give the campaign a name."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown goal %1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown channel %1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The holdout share must be between 0 % and 50 %."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The response window must be 1 to 90 days."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The cost cannot be negative."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The segment is empty: no customer matches its rules."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Draw the target groups first."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The campaign was sent: its groups are fixed."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The campaign is already marked as sent."),
    QT_TRANSLATE_NOOP("ServiceErrors", "A sent campaign cannot be edited: copy it into a new one."),
    # app.analytics.retention (campaign segments and messages)
    QT_TRANSLATE_NOOP("ServiceErrors", "%1 must be a whole number of at least 0, not %2"),
    QT_TRANSLATE_NOOP("ServiceErrors", "The template has a lone brace: %1"),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown placeholder {%1}: use %2"),
    # app.services.retention
    QT_TRANSLATE_NOOP("ServiceErrors", "A warning window must be 1 to 365 days."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown tier: %1"),
    QT_TRANSLATE_NOOP("ServiceErrors", "Give the post's text, link or order number."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Choose a term first."),
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no alert #%1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "An alert cannot be answered before it opened."),
    # app.services.customers
    QT_TRANSLATE_NOOP("ServiceErrors", "A customer cannot be paired with itself."),
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no customer #%1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "A customer cannot be merged with itself."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "Customer #%1 is already part of customer #%2; merge that one instead.",
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "Choose the identities to split off."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Customer #%1 is part of #%2; split that."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Identity #%1 is not one of customer #%2's."),
    QT_TRANSLATE_NOOP("ServiceErrors", "At least one identity must stay with the customer."),
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no merge #%1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Merge #%1 was already undone."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Customer #%1 is no longer part of #%2; nothing to undo."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Customer #%1 changed since the split; undo that first."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Customer #%1 was merged again since the split."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown private channel %1; use one of %2."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The list %1 is over 20 MB; split it into smaller lists."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The list %1 cannot be read: %2."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The list %1 is empty."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors", "The list %1 is not text (UTF-8 or GBK); save it as .txt or .csv."
    ),
    QT_TRANSLATE_NOOP(
        "ServiceErrors", "The list %1 is not a text file; save it as .txt, .csv or .xlsx."
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "The list %1 is not a readable Excel workbook."),
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no tier %1; the tiers are: %2."),
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no RFM segment %1; the segments are: %2."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Export to a .xlsx or .csv file, not %1."),
    # app.analytics.tiers and app.services.tiers
    QT_TRANSLATE_NOOP("ServiceErrors", "Tier rule %1 needs a name."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Two tier rules are called %1; tier names must differ."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors", "%1: top share must be above 0 and at most 1 (0.2 = top 20 %)."
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1: discount must be from 0 to under 100 %."),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1: unknown channel %2 (%3)."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Tier rule %1 no longer exists; reload the rules."),
    # app.services.mappings
    QT_TRANSLATE_NOOP("ServiceErrors", "Give the template a name."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Choose the platform the rows come from."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Map a column to %1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The header row has no column %1."),
    # app.services.experiments (ExperimentError.message)
    QT_TRANSLATE_NOOP("ServiceErrors", "Give the experiment a name."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Choose what the experiment measures."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown status."),
    QT_TRANSLATE_NOOP("ServiceErrors", "An experiment needs at least two variants."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Variants are keyed A, B, C … in order."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Give every variant a name."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The planned size must be at least 1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Must be between 0 and 1 (e.g. 0.8)."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The smallest effect is a rate difference, e.g. 0.01."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The experiment cannot end before it starts."),
    QT_TRANSLATE_NOOP("ServiceErrors", "This experiment no longer exists."),
    # app.services.costs and app.services.cost_file (CostError / CostImportError.message)
    QT_TRANSLATE_NOOP("ServiceErrors", "Choose the platform that sells the product."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Enter the product's id (商品ID)."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The cost price is not an amount."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The cost price must be an amount of 0 or more."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The currency must be a code such as CNY or USD."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Enter the code as it appears on the orders."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Give the code a name (e.g. 门店扫码券)."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The path must be direct or indirect."),
    QT_TRANSLATE_NOOP("ServiceErrors", "This code is already defined."),
    QT_TRANSLATE_NOOP("ServiceErrors", "This channel code no longer exists."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "No header row names the product id and the cost price. Put headers such as 商品ID, "
        "规格, 成本价 (or product id, sku, cost) in the first row.",
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "The file has headers but no cost rows."),
    QT_TRANSLATE_NOOP("ServiceErrors", "This product and SKU is already on row %1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The product id is empty."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The product id is not usable."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown platform."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Unknown currency."),
    # app.services.backups, app.services.encryption and app.services.store (the store itself)
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no store at %1 to back up."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "Not enough free disk space for a backup of %1 (%2 MB free, about %3 MB needed). Free "
        "some space; no backup was made and none was deleted.",
    ),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "The backup of %1 does not pass SQLite's integrity check (%2); the store itself may be "
        "damaged. Run `shopreel check`.",
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "Could not copy %1: %2"),
    QT_TRANSLATE_NOOP("ServiceErrors", "The changed copy of %1 does not verify: %2"),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1 cannot be restored: %2. Nothing was changed."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The copy of %1 does not verify (%2)."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "%1 is open in another program (ShopReel, or a `shopreel` command). Close it and try "
        "again; nothing was changed.",
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1 is already encrypted; nothing was changed."),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1 is not encrypted; nothing was changed."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "This installation of ShopReel has no encryption support (pip install "
        "'shopreel[encryption]'); nothing was changed.",
    ),
    QT_TRANSLATE_NOOP(
        "ServiceErrors", "The converted copy of %1 did not verify (%2); nothing was replaced."
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no key for %1 in this computer's keyring."),
    QT_TRANSLATE_NOOP("ServiceErrors", "Could not read the key file %1: %2"),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1 is not a ShopReel key file; nothing was changed."),
    QT_TRANSLATE_NOOP("ServiceErrors", "The key in %1 does not open %2 (%3); nothing was changed."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors", "%1 is a database, but not a ShopReel store; it was not changed."
    ),
    # app.db (opening a store, encrypted or not)
    QT_TRANSLATE_NOOP("ServiceErrors", "The store %1 does not exist."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "%1 is encrypted and its key is not in this computer's keyring (or it is damaged beyond "
        "recognition). If you encrypted it, import the key file you saved then (Settings, or "
        "shopreel key-import FILE). Nothing was read or changed.",
    ),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "%1 is encrypted and the key kept for it does not open it (%2): the key is wrong, or the "
        "file is damaged. Nothing was changed.",
    ),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "%1 is encrypted, and this installation of ShopReel cannot open encrypted stores. Install "
        "it with encryption support (pip install 'shopreel[encryption]').",
    ),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "This computer's keyring cannot be used (%1). Encrypted stores keep their key there; "
        "nothing was changed.",
    ),
    # app.services.privacy
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no customer #%1; nothing was changed."),
    QT_TRANSLATE_NOOP("ServiceErrors", "There is no store at %1."),
    # app.services.store and app.services.team_store (the team server)
    QT_TRANSLATE_NOOP("ServiceErrors", "The team server %1 cannot be reached: %2"),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "Upgrading the store %1 from schema %2 failed (%3). The upgrade was rolled back and "
        "nothing was changed.%4",
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", " A backup made just before is at %1."),
    QT_TRANSLATE_NOOP("ServiceErrors", "%1 cannot be reached: %2"),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "A team server's address looks like postgresql://user:password@host:5432/shop.",
    ),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "The address needs the server's host and the database's name "
        "(postgresql://user:password@host:5432/shop).",
    ),
    QT_TRANSLATE_NOOP("ServiceErrors", "The keyring could not keep the password (%1)."),
    QT_TRANSLATE_NOOP(
        "ServiceErrors",
        "This installation of ShopReel cannot reach a team server: its PostgreSQL driver "
        "is missing (pip install 'shopreel[team]').",
    ),
)

_STATIC = frozenset(m for m in MESSAGES if "%" not in m)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"%\d", template)
    pattern = "(.+?)".join(re.escape(p) for p in parts)
    if parts[-1] == "":  # a value at the very end may be empty (an optional last sentence)
        pattern = pattern.removesuffix("(.+?)") + "(.*)"
    return re.compile(pattern + r"\Z", re.DOTALL)


# The most specific first: "Account %1" must not swallow "Account 2: unknown platform 'x'."
_TEMPLATES = tuple(
    (_pattern(m), m)
    for m in sorted((m for m in MESSAGES if "%" in m), key=lambda m: -len(re.sub(r"%\d", "", m)))
)
_PLACEHOLDER = re.compile(r"%(\d)")


def _fill(template: str, values: tuple[str, ...]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[int(m.group(1)) - 1], template)


def _value_text(value: str) -> str:
    """A value put in a message: itself a message ("Account 2"), a platform code, or as it is."""
    from app.views.formatting import platform_names

    return platform_names().get(value) or message_text(value)


def message_text(message: str) -> str:
    """One English service message in the UI language (unknown ones unchanged)."""
    if message in _STATIC:
        return QCoreApplication.translate(CONTEXT, message)
    for pattern, template in _TEMPLATES:
        found = pattern.match(message)
        if found:
            values = tuple(_value_text(v) for v in found.groups())
            return _fill(QCoreApplication.translate(CONTEXT, template), values)
    return message


def error_text(error: BaseException) -> str:
    """What went wrong, for the shop owner, in the UI language."""
    message: Any = getattr(error, "message", None)
    if type(error).__name__ == "PlanError":  # its module loads SQLAlchemy: not at start-up
        return plan_error_text(str(message))
    if isinstance(message, str) and hasattr(error, "file") and hasattr(error, "expected"):
        # A file's error (cost lists): file, row, column and value framed like an import's.
        from app.views.import_errors import describe_import_error

        facts = {k: getattr(error, k) for k in ("file", "row", "column", "value", "expected")}
        return describe_import_error(SimpleNamespace(**facts, message=message_text(message)))  # type: ignore[arg-type]
    if isinstance(message, str) and hasattr(error, "field"):
        return message_text(message)  # the field's name is for logs; the dialog shows it
    return message_text(str(error))
