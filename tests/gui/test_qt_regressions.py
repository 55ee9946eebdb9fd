"""Known Qt traps: PySide6 6.12.0 on CPython 3.11 aborts after ~1000 item insertions."""

from __future__ import annotations

import subprocess
import sys

import PySide6

INSERT_20K = """
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QTableWidget, QTableWidgetItem
from PySide6.QtGui import QStandardItem, QStandardItemModel
app = QApplication([])
combo, listing, model = QComboBox(), QListWidget(), QStandardItemModel()
table = QTableWidget(200, 100)
for i in range(20_000):
    combo.addItem(str(i))
    listing.addItem(str(i))
    table.setItem(i // 100, i % 100, QTableWidgetItem(str(i)))
    model.appendRow(QStandardItem(str(i)))
print(combo.count() + listing.count() + model.rowCount())
"""


def test_twenty_thousand_item_insertions_do_not_abort() -> None:
    # A child process: an abort there fails this test instead of killing the whole run.
    done = subprocess.run(
        [sys.executable, "-c", INSERT_20K], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "60000"


def test_the_known_bad_pair_is_not_installed() -> None:
    """6.12.0 is fine on Python 3.12+, and 6.11 everywhere; never 6.12 on 3.11."""
    assert PySide6.__version_info__[:2] < (6, 12) or sys.version_info >= (3, 12)
