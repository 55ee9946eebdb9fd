"""The report's sections: each lays out its blocks for the month; the user picks which to print.

A section is registered once with its place in the document (``order``): cover 0, key figures 10,
traffic 20–40, funnel and attribution 50 and ad ROI with the content-to-cash ledger 55
(:mod:`app.reports.conversion_sections`), customers by tier 60, churn warning 70 and campaigns 72
(:mod:`app.reports.customer_sections`), reviews 80, plan 90, recommendations 100. Data a section
needs beyond the month's figures is gathered into ``MonthReportData.extra`` by a loader in
:mod:`app.services.report_extras`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.reports.data import MonthReportData
    from app.reports.layout import Document


@dataclass(frozen=True)
class Section:
    """One part of the report.

    Attributes:
        key: the name used by ``--sections`` and the dialog (``kpis``).
        title_key: its title in :mod:`app.reports.strings`.
        order: its place in the document (smaller first).
        lay_out: adds the section's blocks to the document: ``lay_out(doc, data, lang)``.
    """

    key: str
    title_key: str
    order: int
    lay_out: Callable[[Document, MonthReportData, str], None]


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> Section:
    """Add a section (a key registered twice is an error)."""
    if section.key in _SECTIONS:
        raise ValueError(f"a report section {section.key!r} is already registered")
    _SECTIONS[section.key] = section
    return section


def section(key: str, title_key: str, order: int) -> Callable[[Callable], Callable]:
    """Decorator: register the function as the section ``key``."""

    def decorate(lay_out: Callable[[Document, MonthReportData, str], None]) -> Callable:
        register(Section(key, title_key, order, lay_out))
        return lay_out

    return decorate


def all_sections() -> list[Section]:
    """Every registered section, in document order."""
    from app.reports import monthly  # noqa: F401 - registers the built-in sections

    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def chosen_sections(keys: Iterable[str] | None) -> list[Section]:
    """The sections named in ``keys`` (all when None), in document order; unknown names raise
    ValueError naming the known ones."""
    known = all_sections()
    if keys is None:
        return known
    wanted = [k.strip() for k in keys if k.strip()]
    unknown = sorted(set(wanted) - {s.key for s in known})
    if unknown:
        names = ", ".join(s.key for s in known)
        raise ValueError(f"unknown report section(s) {', '.join(unknown)}; choose from {names}")
    return [s for s in known if s.key in wanted]
