"""Ask the kernel to read a database's B-trees ahead of a big scan (a cold page cache).

SQLite reads a page at a time as a scan reaches it, and the pages of one index lie
scattered over the whole file: on a cold cache the network view's scans of 100,000
contacts (some 16,000 pages) waited for the disk one page after the other (1.3-1.7 s).
Asked for all at once (``posix_fadvise(WILLNEED)``), the kernel reads them side by
side while the scans run.

Only a hint: nothing is parsed beyond the interior pages' child pointers (the file
format's B-tree pages, https://sqlite.org/fileformat2.html#b_tree_pages); a page that
is not what it should be (a newer copy in the WAL, a file being rewritten) is skipped,
and a platform without ``posix_fadvise`` does nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable

log = logging.getLogger(__name__)

_INTERIOR = (2, 5)  # index, table
_LEAF = (10, 13)
_GAP = 4  # pages between two wanted ones that are read with them (fewer, larger reads)


def prefetch_btrees(path: str, roots: Iterable[int]) -> int:
    """Ask for every page of the B-trees with these root pages; the number of pages
    asked for (0 when nothing could be done). Reads the interior pages (a few dozen),
    asks for the leaves without waiting for them."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return 0
    try:
        return _prefetch(fd, [int(root) for root in roots if root])
    except (OSError, ValueError) as exc:  # a hint only
        log.debug("prefetching %s failed: %s", path, exc)
        return 0
    finally:
        os.close(fd)


def _prefetch(fd: int, level: list[int]) -> int:
    header = os.pread(fd, 100, 0)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return 0
    size = int.from_bytes(header[16:18], "big")
    size = 65536 if size == 1 else size
    pages = os.fstat(fd).st_size // size
    asked = 0
    while level:
        level = sorted({page for page in level if 1 <= page <= pages})
        if not level:
            break
        _ask(fd, level, size)
        asked += len(level)
        # A B-tree's leaves all lie at one depth: the first page tells for the level.
        if _kind(os.pread(fd, size, (level[0] - 1) * size), level[0]) in _LEAF:
            break
        below: list[int] = []
        for page in level:
            below += _children(os.pread(fd, size, (page - 1) * size), page)
        level = below
    return asked


def _kind(data: bytes, page: int) -> int:
    head = 100 if page == 1 else 0
    return data[head] if len(data) > head else -1


def _children(data: bytes, page: int) -> list[int]:
    """The child page numbers of an interior page (none for anything else)."""
    head = 100 if page == 1 else 0
    if _kind(data, page) not in _INTERIOR or len(data) < head + 12:
        return []
    cells = int.from_bytes(data[head + 3 : head + 5], "big")
    children = [int.from_bytes(data[head + 8 : head + 12], "big")]
    for k in range(cells):
        at = int.from_bytes(data[head + 12 + 2 * k : head + 14 + 2 * k], "big")
        if at + 4 <= len(data):
            children.append(int.from_bytes(data[at : at + 4], "big"))
    return children


def _ask(fd: int, pages: list[int], size: int) -> None:
    """One ``WILLNEED`` per run of pages (sorted), runs joined across small gaps."""
    start = end = pages[0]
    for page in pages[1:]:
        if page - end <= _GAP:
            end = page
            continue
        os.posix_fadvise(fd, (start - 1) * size, (end - start + 1) * size, os.POSIX_FADV_WILLNEED)
        start = end = page
    os.posix_fadvise(fd, (start - 1) * size, (end - start + 1) * size, os.POSIX_FADV_WILLNEED)
