"""Merge candidates (issue 18): the same as the all-pairs search on varied names, bounded on
alike ones."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from app.interchange import similar
from app.interchange.keys import name_key
from app.interchange.similar import candidate_pairs

FIRST = (
    "Anna Jörg Sören Maria Lukas Zoë Jan Fatma Mehmet Chloé Pierre Olga Ivan Sven Ingrid Kai Lea "
    "Noah Emma Paul Björn Åsa Rafael Lucía Marco Giulia Tomasz Zofia Amir Leila Hannah Felix Greta "
    "Otto Ida Theo Mila Ben Clara Jonas Elias Finn Luis Leon Mia Sophia Lina Ella Marie Emilia Leni "
    "Frieda Henri Anton Karl Jakob Moritz Oskar Paulina Johanna Charlotte Amelie Luisa Nele Carla "
    "Thomas Andreas Michael Markus Martin Daniel Sabine Petra Claudia Andrea Susanne Nicole Katrin"
).split()
LAST = (
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein "
    "Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner "
    "Krause Meier Lehmann Köhler Herrmann König Walter Peters Möller Kaiser Fuchs Scholz Lang Weiß "
    "Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke "
    "Yılmaz Kaya Demir Şahin Çelik Nowak Kowalski Dubois Rossi García Nguyen Tanaka Patel Ivanov"
).split()


def all_pairs_reference(names: list[str], new_count: int) -> list[tuple[int, int, float]]:
    """The search before issue 18 (every pair inside a block, then the best five a card)."""
    keys: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        keys.setdefault(name_key(name), []).append(index)
    distinct = [k for k in keys if k]
    sorted_words = [" ".join(sorted(k.split())) for k in distinct]
    blocks: dict[str, list[int]] = {}
    for position, key in enumerate(distinct):
        for word in set(key.split()):
            blocks.setdefault(word[:3], []).append(position)
    pairs: dict[tuple[int, int], float] = {}
    for indexes in keys.values():
        for a in indexes:
            if a >= new_count:
                break
            for b in [i for i in indexes if i != a][:5]:
                pairs[(min(a, b), max(a, b))] = 100.0
    for members in blocks.values():
        if len(members) < 2:
            continue
        words = [sorted_words[m] for m in members]
        scores = process.cdist(words, words, scorer=fuzz.ratio, score_cutoff=90.0)
        for row, col in zip(*(a.tolist() for a in np.nonzero(scores)), strict=True):
            if row >= col:
                continue
            for a in keys[distinct[members[row]]]:
                for b in keys[distinct[members[col]]]:
                    low, high = min(a, b), max(a, b)
                    if low < new_count:
                        score = float(scores[row, col])
                        pairs[(low, high)] = max(score, pairs.get((low, high), 0.0))
    per_card: dict[int, list[tuple[float, int]]] = {}
    for (a, b), score in pairs.items():
        per_card.setdefault(a, []).append((score, b))
    return [
        (a, b, score)
        for a in sorted(per_card)
        for score, b in sorted(per_card[a], key=lambda sb: (-sb[0], sb[1]))[:5]
    ]


def varied_names(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = []
    for _ in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if rng.random() < 0.5:
            first = f"{first}-{rng.choice(FIRST)}"
        shape = rng.random()
        if shape < 0.1:
            names.append(f"{last}, {first}")  # another word order
        elif shape < 0.2:
            names.append(f"{first} {last[:-1]}")  # a typo
        elif shape < 0.25:
            names.append(f"Dr. {first} {last}")
        else:
            names.append(f"{first} {last}")
    return names


def test_varied_names_give_the_same_candidates_as_every_pair_compared() -> None:
    names = varied_names(10_000)
    new_count = 8_000  # the last 2,000 play contacts already in the database
    expected = all_pairs_reference(names, new_count)
    assert 0 < len(expected) < similar.MAX_CANDIDATES
    assert candidate_pairs(names, new_count) == expected


def test_near_identical_names_finish_with_a_bounded_list_of_true_candidates() -> None:
    names = [f"Person {i} Zed" for i in range(1, 20_001)]
    found = candidate_pairs(names, len(names))
    assert 0 < len(found) <= similar.MAX_CANDIDATES
    per_card: dict[int, int] = {}
    for a, b, score in found:
        per_card[a] = per_card.get(a, 0) + 1
        assert a < b
        assert score >= similar.SCORE
        assert score == pytest.approx(fuzz.token_sort_ratio(name_key(names[a]), name_key(names[b])))
    assert max(per_card.values()) <= similar.PER_CARD
    # The list keeps the best: names that differ in one digit, none two digits apart.
    assert min(score for _, _, score in found) > 93


def test_a_large_block_still_finds_the_alike_names_next_to_each_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(similar, "BLOCK_LIMIT", 50)  # every block through the window
    names = [f"Person {i} Zed" for i in range(11_900, 12_900)] + ["Person 12345 Zedd"]
    found = candidate_pairs(names, len(names))
    best_of_12345 = [(b, score) for a, b, score in found if names[a] == "Person 12345 Zed"]
    assert best_of_12345[0] == (
        1000,
        pytest.approx(fuzz.ratio("12345 person zed", "12345 person zedd")),
    )
    assert len(best_of_12345) == similar.PER_CARD


def _neighbours_by_extract(
    members: list[int],
    sorted_words: list[str],
    groups: list[list[int]],
    new_count: int,
    best: similar.Best,
) -> None:
    """The sorted-neighbourhood search as it was: one ``extract`` per name, its best five."""
    order = sorted(members, key=sorted_words.__getitem__)
    words = [sorted_words[m] for m in order]
    for start in range(0, len(order), similar._ROWS):
        stop = min(start + similar._ROWS, len(order))
        end = min(stop + similar.WINDOW, len(order))
        for row in range(start, stop):
            for _, score, col in process.extract(
                words[row],
                words[row + 1 : end],
                scorer=fuzz.ratio,
                score_cutoff=similar.SCORE,
                limit=similar.PER_CARD,
            ):
                similar._pair(
                    best, groups, new_count, order[row], order[row + 1 + col], similar._bits(score)
                )


@pytest.mark.parametrize("kind", ["alike", "tiny", "varied", "typos"])
def test_the_score_matrix_of_a_large_block_picks_what_extract_per_name_picked(
    monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Ties included (many alike names score the same): the best five of each row, ties
    to the earlier name, in both searches."""
    monkeypatch.setattr(similar, "BLOCK_LIMIT", 100)
    rng = random.Random(7)
    if kind == "alike":
        names = [f"Person {i} Zed" for i in range(1, 3_001)]
    elif kind == "tiny":
        names = [f"T{i}" for i in (*range(1_000, 2_000), *range(10_000, 12_000))]
    elif kind == "varied":
        names = varied_names(3_000)
    else:
        names = []
        for name in varied_names(1_500):
            typo = list(name)
            typo[rng.randrange(len(typo))] = rng.choice("aeiouxyz")
            names += [name, "".join(typo)]
    new_count = len(names) * 3 // 4
    found = candidate_pairs(names, new_count)
    monkeypatch.setattr(similar, "_neighbours", _neighbours_by_extract)
    assert found == candidate_pairs(names, new_count)
    assert found
