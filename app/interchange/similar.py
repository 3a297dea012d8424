"""Near-identical names: which new cards might be people already there (merge candidates).

Comparing every name with every other is quadratic: 100,000 alike names ("Person 1 Zed",
"Person 2 Zed" …, a LinkedIn export of one company) need a 100,000² score matrix and end
in ``MemoryError`` (issue 18). Here names are compared only within blocks that share a
word's first three letters (names this near agree in most words), each distinct folded
name once:

- a block of up to :data:`BLOCK_LIMIT` names is compared all against all, as before;
- a larger block (a word everybody shares: "Zed", "Person") is a weak key, so its names
  are sorted by their sorted words and each is compared with the :data:`WINDOW` names
  that follow it (the sorted-neighbourhood method): alike names sort next to each other;
- each card keeps its best :data:`PER_CARD` candidates as they are found (never a list of
  every pair), and the whole import its best :data:`MAX_CANDIDATES`: nobody reviews
  50,000 suggested merges.

Time and memory grow with the number of names times the window, not with its square.
"""

from __future__ import annotations

import heapq
import struct
from array import array
from bisect import insort
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.process import extract

from app.interchange.keys import name_key

SCORE = 90.0  # rapidfuzz ratio of the folded names' sorted words (token_sort_ratio)
PER_CARD = 5
MAX_CANDIDATES = 10_000
BLOCK_LIMIT = 1_000
WINDOW = 256

# A card's candidates are kept as one int each, best first when sorted: the score's
# float32 bits (rapidfuzz scores are float32; for positive floats the bits order like the
# values) turned around in the high half, the other card in the low one. Five ints a card
# instead of five (score, other) tuples: a third of the memory at 100,000 alike names.
_LOW = 0xFFFFFFFF
_BITS_100 = struct.unpack("<I", struct.pack("<f", 100.0))[0]
_ROWS = 256  # a large block's names go in rows of this many, each row's window reaching
# WINDOW names past the row's end (as one score matrix of the rows and the window)

# card index → the keys of its best others, best first
Best = dict[int, list[int]]


def candidate_pairs(names: Sequence[str], new_count: int) -> list[tuple[int, int, float]]:
    """(card, other, score) for near-identical names, grouped by card in its order.

    ``names[:new_count]`` are the new cards of an import, the rest contacts already there;
    a pair is listed under its lower index, so only pairs with a new card are found.
    Each card gets at most :data:`PER_CARD` others, best first (ties: the earlier other).
    """
    keys: dict[str, list[int]] = {}  # folded name → indexes into names
    for index, name in enumerate(names):
        keys.setdefault(name_key(name), []).append(index)
    best: Best = {}
    for indexes in keys.values():  # the same folded name: a candidate at 100
        for a in indexes:
            if a >= new_count:
                break
            for b in [i for i in indexes if i != a][:PER_CARD]:
                _offer(best, min(a, b), _BITS_100, max(a, b))
    distinct = [k for k in keys if k]
    sorted_words = [" ".join(sorted(k.split())) for k in distinct]
    blocks: dict[str, list[int]] = {}
    for position, key in enumerate(distinct):
        for word in set(key.split()):
            blocks.setdefault(word[:3], []).append(position)
    groups = [keys[k] for k in distinct]
    del keys
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= BLOCK_LIMIT:
            _all_pairs(members, sorted_words, groups, new_count, best)
        else:
            _neighbours(members, sorted_words, groups, new_count, best)
    del blocks, groups, sorted_words, distinct
    return _best_overall(best)


def _best_overall(best: Best) -> list[tuple[int, int, float]]:
    """Every card's candidates in card order, at most :data:`MAX_CANDIDATES` of them: the
    best scores (ties: the earlier in that order)."""
    lows = array("q")
    found = array("Q")
    for a in sorted(best):
        mine = best.pop(a)
        lows.extend([a] * len(mine))
        found.extend(mine)
    chosen: Iterable[int] = range(len(found))
    if len(found) > MAX_CANDIDATES:  # sorted() is stable: ties keep their order
        chosen = sorted(heapq.nsmallest(MAX_CANDIDATES, chosen, key=lambda i: found[i] >> 32))
    return [(lows[i], found[i] & _LOW, _score(_LOW - (found[i] >> 32))) for i in chosen]


def _bits(score: float) -> int:
    """The bits of a score as float32 (what rapidfuzz's cdist would have stored)."""
    return _AS_BITS(_PACK(score))[0]


def _score(bits: int) -> float:
    return _AS_FLOAT(_PACK_BITS(bits))[0]


_PACK = struct.Struct("<f").pack
_AS_FLOAT = struct.Struct("<f").unpack
_PACK_BITS = struct.Struct("<I").pack
_AS_BITS = struct.Struct("<I").unpack


def _offer(best: Best, low: int, bits: int, high: int) -> None:
    """Keep (score, high) among the best few of ``low``; a pair scores alike every time."""
    item = ((_LOW - bits) << 32) | high
    mine = best.get(low)
    if mine is None:
        best[low] = [item]
    elif item not in mine:
        if len(mine) < PER_CARD:
            insort(mine, item)
        elif item < mine[-1]:
            insort(mine, item)
            mine.pop()


def _pair(
    best: Best, groups: list[list[int]], new_count: int, row: int, col: int, bits: int
) -> None:
    for a in groups[row]:
        for b in groups[col]:
            low, high = (a, b) if a < b else (b, a)
            if low < new_count:
                _offer(best, low, bits, high)


def _all_pairs(
    members: list[int],
    sorted_words: list[str],
    groups: list[list[int]],
    new_count: int,
    best: Best,
) -> None:
    # fuzz.token_sort_ratio is fuzz.ratio of the words sorted: sorted once per name,
    # not once per pair (a third of the time).
    words = [sorted_words[m] for m in members]
    for row, word in enumerate(words[:-1]):
        for _, score, col in extract(
            word, words[row + 1 :], scorer=fuzz.ratio, score_cutoff=SCORE, limit=None
        ):
            _pair(best, groups, new_count, members[row], members[row + 1 + col], _bits(score))


def _neighbours(
    members: list[int],
    sorted_words: list[str],
    groups: list[list[int]],
    new_count: int,
    best: Best,
) -> None:
    """Each name against the :data:`WINDOW` (or a few more) names after it in sorted order;
    of those, the best :data:`PER_CARD` (a name's best ones before it are found from
    their side), ties going to the earlier name.

    A row of :data:`_ROWS` names and its window are scored as one matrix (``cdist``:
    each name converted once, the scores in C++; five times faster than an ``extract``
    per name, which at a million tiny cards took 30 s). numpy comes with it, imported
    here: only an import with such a block needs it."""
    import numpy as np
    from rapidfuzz.process import cdist

    order = sorted(members, key=sorted_words.__getitem__)
    words = [sorted_words[m] for m in order]
    for start in range(0, len(order), _ROWS):
        stop = min(start + _ROWS, len(order))
        end = min(stop + WINDOW, len(order))
        if end - start < 2:
            continue
        scores = cdist(
            words[start:stop],
            words[start + 1 : end],
            scorer=fuzz.ratio,
            score_cutoff=SCORE,
            dtype=np.float32,
        )
        # Row i is name start + i, column j name start + 1 + j: only names after the
        # row's own (j >= i) are its window.
        scores = np.triu(scores)
        rows, cols = np.nonzero(scores)
        if not len(rows):
            continue
        bits = scores[rows, cols].view(np.uint32).astype(np.int64)
        # Per row its best PER_CARD: by score, ties to the earlier name (as extract chose).
        ranked = np.lexsort((cols, -bits, rows))
        rows, cols, bits = rows[ranked], cols[ranked], bits[ranked]
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
        kept = rank < PER_CARD
        for row, col, score in zip(
            (rows[kept] + start).tolist(),
            (cols[kept] + start + 1).tolist(),
            bits[kept].tolist(),
            strict=True,
        ):
            _pair(best, groups, new_count, order[row], order[col], score)


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` says less of the same name than ``full``: its words are, in
    order, words of ``full`` or their initials ("B. Okafor", "Okafor" of "Bernd Okafor").
    An import must not replace a fuller name by such a one."""
    have, words = name_key(short).split(), name_key(full).split()
    if not have or len(" ".join(have)) >= len(" ".join(words)):
        return False
    position = 0
    for word in have:
        while position < len(words) and not words[position].startswith(word):
            position += 1
        if position == len(words):
            return False
        if word != words[position] and len(word) > 1:
            return False  # a prefix of a word, but not its initial: another name
        position += 1
    return True
