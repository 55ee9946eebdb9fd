"""Pause Python's cyclic garbage collector while an import builds millions of objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (reference counting still frees everything).

    A 200,000-row file makes millions of objects that live until the file is written, and
    each of the collector's full passes walks all of them: measured on a 200,000-row orders
    CSV, 1.4 s of a 6.6 s import and 3.4 s of an 8.5 s re-import went to collections that
    found nothing to free. Importing makes no reference cycles worth collecting mid-file;
    whatever cycles there are go at the next collection after the block.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
