"""What every sub-view of the Customers tab shares: the ledger it shows, redrawn when in front."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from app.db import Reader
from app.views.widgets.stale_page import StalePage

if TYPE_CHECKING:
    from app.db import Store
    from app.tasks import TaskRunner


@dataclass(frozen=True)
class CustomersData:
    """The tab's data as last read.

    Attributes:
        ledger: one row per root customer (``load_ledger``'s frame).
        reader: the store's reader, for what is read on demand (detail, cohorts).
        store: the open store (None: read-only).
        today: the app's today (the as-of date of the ledger).
        runner: the window's store worker, for writes that take long (None: run them here).
    """

    ledger: pd.DataFrame
    reader: Reader
    store: Store | None
    today: date
    runner: TaskRunner | None = None


class SubView(StalePage):
    """A page of the tab, drawing its ``CustomersData`` when in front (see StalePage)."""

    data: CustomersData | None
