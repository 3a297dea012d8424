"""The ego network: graph build, both layouts, introduction paths and brokers."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys

import igraph
import numpy as np
import pytest

from app import derived, network, settings
from app.contacts import ContactInput, create_contact, set_archived
from app.network import EDGE_KINDS, EDGE_MET, USER, NetworkFilter
from app.priority import BACKGROUND_NICENESS
from app.relationships import add_relationship
from app.timeline import InteractionInput, log_interaction, met_together

TODAY = dt.date(2026, 6, 1)


def _contact(name: str, **kw: object) -> int:
    cid, _ = create_contact(ContactInput(formatted_name=name, **kw))  # type: ignore[arg-type]
    return cid


def _meet(ids: list[int], days_ago: int, kind: str = "lunch") -> None:
    log_interaction(
        InteractionInput(ids, kind=kind, occurred_on=TODAY - dt.timedelta(days=days_ago))
    )


@pytest.fixture
def net(db):  # type: ignore[no-untyped-def]
    """A hand-built network.

    The user met Anna (often), Bob and Dora; Carl was introduced by Bob and never met;
    Eve was introduced by Carl. Anna and Bob met together; Anna reports to Frank, whom
    the user never met and who was introduced by nobody. Gus is archived.
    """
    settings.set_value("user_name", "Me Myself")
    ids = {
        "anna": _contact("Anna Müller", organization="Acme", level="above", circle="work"),
        "bob": _contact("Bob Stone", organization="Acme", level="peer", circle="work"),
        "carl": _contact("Carl Frei", organization="Beta", level="external", tags=["vip"]),
        "dora": _contact("Dora Lind", organization="", level="below", circle="university"),
        "eve": _contact("Eve Kurz", organization="Beta", level="peer"),
        "frank": _contact("Frank Ober", organization="Acme", level="above", circle="work"),
        "gus": _contact("Gus Archived"),
    }
    for days in (3, 10, 20, 40):
        _meet([ids["anna"]], days)
    _meet([ids["anna"], ids["bob"]], 5)
    _meet([ids["dora"]], 300)
    add_relationship(ids["carl"], ids["bob"], "introduced-by")
    add_relationship(ids["eve"], ids["carl"], "introduced-by")
    add_relationship(ids["anna"], ids["frank"], "reports-to")
    add_relationship(ids["gus"], ids["anna"], "knows")
    set_archived([ids["gus"]], True)
    return ids


def _edge_set(graph: network.Graph, kind: str) -> set[tuple[int, int]]:
    mask = graph.kind_mask(kind)
    return {(int(graph.ids[a]), int(graph.ids[b])) for a, b in graph.edges[mask]}


def test_domain_does_not_import_qt() -> None:
    code = (
        "import sys, app.network; "
        "print(any(m.split('.')[0] in {'PySide6', 'pyqtgraph'} for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_graph_nodes_and_attributes(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    assert graph.ids[0] == USER
    assert graph.names[0] == "Me Myself"
    assert net["gus"] not in set(graph.ids.tolist())
    assert graph.node_count == 7
    anna = graph.index_of(net["anna"])
    dora = graph.index_of(net["dora"])
    carl = graph.index_of(net["carl"])
    assert anna is not None and dora is not None and carl is not None
    assert graph.levels[anna] == "above"
    assert graph.organizations[anna] == "Acme"
    assert graph.circles[dora] == "university"
    assert graph.last_contact[anna] == TODAY - dt.timedelta(days=3)
    assert graph.strength[anna] > graph.strength[dora] > 0
    assert graph.strength[carl] == 0
    assert graph.overdue[dora] and not graph.overdue[anna]
    assert graph.edges.dtype.kind == "i" and graph.edges.shape == (graph.edge_count, 2)
    assert len(graph.edge_kind) == len(graph.edge_weight) == graph.edge_count


def test_user_edges_skip_people_only_known_through_an_introducer(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    user_edges = {b for _, b in _edge_set(graph, "user")}
    assert user_edges == {net["anna"], net["bob"], net["dora"], net["frank"]}
    assert _edge_set(graph, "introduced-by") == {
        (net["carl"], net["bob"]),
        (net["eve"], net["carl"]),
    }
    assert _edge_set(graph, "reports-to") == {(net["anna"], net["frank"])}
    assert _edge_set(graph, EDGE_MET) == {(net["anna"], net["bob"])}
    anna_edge = np.flatnonzero(
        (graph.edge_kind == EDGE_KINDS.index("user"))
        & (graph.edges[:, 1] == graph.index_of(net["anna"]))
    )
    assert graph.edge_weight[anna_edge[0]] == graph.strength[graph.index_of(net["anna"])]


def test_filters_keep_matching_contacts_and_their_edges(net) -> None:  # type: ignore[no-untyped-def]
    work = network.build_graph(TODAY, NetworkFilter(circle="work"))
    assert set(work.ids.tolist()) == {USER, net["anna"], net["bob"], net["frank"]}
    assert _edge_set(work, EDGE_MET) == {(net["anna"], net["bob"])}
    above = network.build_graph(TODAY, NetworkFilter(level="above"))
    assert set(above.ids.tolist()) == {USER, net["anna"], net["frank"]}
    vip = network.build_graph(TODAY, NetworkFilter(tag="vip"))
    assert set(vip.ids.tolist()) == {USER, net["carl"]}
    # Bob is filtered out, so nobody in this graph introduced Carl: the user links him.
    assert {b for _, b in _edge_set(vip, "user")} == {net["carl"]}


@pytest.mark.parametrize("kind", network.LAYOUTS)
def test_layouts_are_finite_distinct_and_centred(net, kind: str) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    pos = network.layout(graph, kind)
    assert pos.shape == (graph.node_count, 2)
    assert np.all(np.isfinite(pos))
    assert np.allclose(pos[0], 0.0)
    assert len({(round(x, 6), round(y, 6)) for x, y in pos}) == graph.node_count
    assert np.max(np.hypot(pos[:, 0], pos[:, 1])) <= network.RADIUS * 1.001


def test_rings_radius_falls_as_strength_grows(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    pos = network.rings_layout(graph)
    radius = np.hypot(pos[1:, 0], pos[1:, 1])
    strength = graph.strength[1:]
    order = np.argsort(-strength, kind="stable")
    for stronger, weaker in zip(order, order[1:], strict=False):
        if strength[stronger] > strength[weaker]:
            assert radius[stronger] <= radius[weaker]
    anna, dora = graph.index_of(net["anna"]), graph.index_of(net["dora"])
    assert radius[anna - 1] < radius[dora - 1]


def test_rings_layout_is_deterministic_and_groups_organisations(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    first = network.rings_layout(graph)
    assert np.array_equal(first, network.rings_layout(network.build_graph(TODAY)))
    angle = np.arctan2(first[:, 1], first[:, 0])
    acme = sorted(angle[graph.index_of(net[k])] for k in ("anna", "bob", "frank"))
    others = [angle[graph.index_of(net[k])] for k in ("carl", "dora", "eve")]
    # No other organisation sits between two Acme people (angles are in one sector).
    unwrapped = np.unwrap(np.array(acme))
    for a in others:
        inside = any(
            lo < a + turn < hi
            for lo, hi in zip(unwrapped, unwrapped[1:], strict=False)
            for turn in (-2 * np.pi, 0, 2 * np.pi)
        )
        assert not inside


def test_force_layout_pins_the_user_and_keeps_strong_ties_close(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    pos = network.force_layout(graph)
    distance = np.hypot(pos[:, 0], pos[:, 1])
    assert distance[0] == 0.0
    assert distance[graph.index_of(net["anna"])] < distance[graph.index_of(net["eve"])]


def test_force_layout_in_the_layout_process_matches_the_one_on_this_thread(net) -> None:  # type: ignore[no-untyped-def]
    """igraph keeps the GIL while it lays out: the app runs it in a process of its own,
    which must give the same picture."""
    graph = network.build_graph(TODAY)
    here = network.force_layout(graph)
    there = network.force_layout(graph, isolated=True)
    pool = network.layout_process()
    assert network.layout_process() is pool  # one process, started once
    assert np.allclose(here, there, atol=0.5)  # igraph jitters coinciding nodes at random
    assert np.array_equal(there[0], [0.0, 0.0])


def test_a_big_network_read_as_arrays_gets_the_same_graph(net, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Above a size all participations are read as arrays and strengths and met-together
    pairs summed with numpy, the contacts read as columns: the graph must be the same as
    built from the rows and the queries per contact and per pair."""
    one = network.build_graph(TODAY)
    monkeypatch.setattr(network, "_ALL_ROWS_ABOVE", 0)
    monkeypatch.setattr(network, "_NODE_SLICE", 3)  # contacts read in slices of ids
    monkeypatch.setattr(network, "_PARSE_CHUNK", 4)  # numbers parsed a few at a time
    read: list[object] = []
    real = network.start_participations
    monkeypatch.setattr(
        network, "start_participations", lambda today: read.append(1) or real(today)
    )
    two = network.build_graph(TODAY)
    assert read  # the arrays were read
    assert two.ids.tolist() == one.ids.tolist()
    assert two.names == one.names and two.organizations == one.organizations
    assert two.levels == one.levels and two.circles == one.circles
    assert np.array_equal(two.strength, one.strength) and two.strength.max() > 0
    assert np.array_equal(two.overdue, one.overdue)
    assert np.array_equal(two.edges, one.edges)
    assert np.array_equal(two.edge_kind, one.edge_kind)
    assert np.array_equal(two.edge_weight, one.edge_weight)
    assert list(two.last_contact) == list(one.last_contact)


def test_strengths_and_pairs_from_arrays_equal_the_queries_on_a_generated_network(db) -> None:  # type: ignore[no-untyped-def]
    """Random contacts (every level, cadences set, unset and 0, a changed level default)
    and interactions of one to six people, some after today: the sums from the arrays
    are the very numbers of :func:`app.derived.strengths` and
    :func:`app.timeline.met_together`, for everyone and for a subset."""
    rng = random.Random(17)
    settings.set_value("cadence_below", 12)
    levels = ["above", "peer", "below", "external"]
    ids = [
        _contact(
            f"Person {k}",
            level=levels[k % 4],
            cadence_days=rng.choice([None, None, 0, 7, 14, 60, 365]),
        )
        for k in range(60)
    ]
    for _ in range(400):
        people = rng.sample(ids, rng.choice([1, 1, 1, 2, 2, 3, 6]))
        _meet(people, rng.randint(-30, 900))  # some in the future: not counted
    participations = network.read_participations(TODAY)
    assert len(participations.contact) > 400 and np.isnan(participations.day).any()
    columns = network._node_columns(ids, TODAY)
    half_lives = network._half_lives(columns[2], columns[8])
    old = derived.strengths(None, TODAY)
    new = network.strengths_of(participations, ids, half_lives, TODAY)
    assert new.tolist() == [old.get(cid, 0.0) for cid in ids]
    assert len(set(new.tolist())) > 20 and new.max() < 100  # a spread of strengths
    subset = ids[::3]
    old_subset = derived.strengths(subset, TODAY)
    new_subset = network.strengths_of(participations, subset, half_lives[::3], TODAY)
    assert new_subset.tolist() == [old_subset[cid] for cid in subset]
    pairs = network.met_together_of(participations)
    assert pairs.tolist() == [list(row) for row in met_together(None)]
    assert pairs[:, 2].max() > 1


def test_arrays_of_an_empty_database(db) -> None:  # type: ignore[no-untyped-def]
    participations = network.read_participations(TODAY)
    assert len(participations.contact) == len(participations.day) == 0
    assert network.met_together_of(participations).shape == (0, 3)
    assert network.strengths_of(participations, [], np.zeros(0), TODAY).tolist() == []


def test_graph_dates_are_read_when_asked_for(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    anna, carl = graph.index_of(net["anna"]), graph.index_of(net["carl"])
    assert graph.last_contact[carl] is None
    assert graph.last_contact[anna] == TODAY - dt.timedelta(days=3)
    assert len(graph.last_contact) == graph.node_count
    assert graph.last_contact[anna : anna + 1] == [TODAY - dt.timedelta(days=3)]
    assert graph.index_of(10**9) is None and graph.index_of(-1) is None


def test_path_to_second_degree_contact_goes_via_the_introducer(net) -> None:  # type: ignore[no-untyped-def]
    graph = network.build_graph(TODAY)
    assert network.introduction_path(graph, net["carl"]) == [USER, net["bob"], net["carl"]]
    assert network.introduction_path(graph, net["eve"]) == [
        USER,
        net["bob"],
        net["carl"],
        net["eve"],
    ]
    assert network.introduction_path(graph, net["anna"]) == [USER, net["anna"]]
    assert network.introduction_path(graph, net["gus"]) is None
    edges = network.path_edges(graph, [USER, net["bob"], net["carl"]])
    assert len(edges) == 2
    assert {tuple(graph.edges[e]) for e in edges} == {
        (0, graph.index_of(net["bob"])),
        (graph.index_of(net["carl"]), graph.index_of(net["bob"])),
    }


def test_no_path_when_introductions_go_round_in_a_circle(db) -> None:  # type: ignore[no-untyped-def]
    a, b = _contact("A"), _contact("B")
    add_relationship(a, b, "introduced-by")
    add_relationship(b, a, "introduced-by")
    graph = network.build_graph(TODAY)
    assert network.introduction_path(graph, a) is None


def _link(*pairs: tuple[int, int]) -> None:
    for a, b in pairs:
        add_relationship(a, b, "knows")


def test_brokers_are_the_people_whose_absence_splits_the_network(db) -> None:  # type: ignore[no-untyped-def]
    # Two groups joined only through Hub: {a1, a2} - hub - {b1, b2}; Lone knows nobody.
    a1, a2, hub, b1, b2 = (_contact(n) for n in ("A1", "A2", "Hub", "B1", "B2"))
    _contact("Lone")
    add_relationship(a1, a2, "colleague")
    add_relationship(a2, hub, "knows")
    add_relationship(a1, hub, "friend")
    _meet([hub, b1], 10)
    add_relationship(b1, b2, "colleague")
    # B1 is B2's only link, but B2 alone is no group: only Hub holds two groups together.
    assert network.brokers(TODAY) == [hub]
    (split,) = network.broker_splits(TODAY)
    assert (split.contact_id, split.name, split.parts, split.cut_off, split.groups) == (
        hub,
        "Hub",
        (2, 2),
        2,
        2,
    )
    assert network.brokers(TODAY, min_group=1) == [hub, b1]
    add_relationship(a1, b2, "knows")
    assert network.brokers(TODAY) == []


def test_a_lone_acquaintance_does_not_make_a_broker(db) -> None:  # type: ignore[no-untyped-def]
    # A triangle with a pendant on each corner, and a star: every corner and the star's
    # centre are articulation points, yet each only cuts off single people.
    x, y, z, px, py, pz = (_contact(n) for n in ("X", "Y", "Z", "PX", "PY", "PZ"))
    centre, *leaves = (_contact(f"S{i}") for i in range(5))
    _link((x, y), (y, z), (z, x), (x, px), (y, py), (z, pz))
    _link(*((centre, leaf) for leaf in leaves))
    assert network.brokers(TODAY) == []
    assert set(network.brokers(TODAY, min_group=1)) == {x, y, z, centre}


def test_brokers_are_ordered_by_how_many_people_they_cut_off(db) -> None:  # type: ignore[no-untyped-def]
    # A core of four who all know each other. Off C1 hangs Big, who knows a clique of four
    # and one lone acquaintance; off C2 hangs Small with a pair; off C3 one acquaintance.
    c1, c2, c3, c4 = (_contact(f"C{i}") for i in range(1, 5))
    big, b1, b2, b3, b4, big_leaf = (_contact(n) for n in ("Big", "B1", "B2", "B3", "B4", "BL"))
    small, s1, s2 = (_contact(n) for n in ("Small", "S1", "S2"))
    c3_leaf = _contact("CL")
    clique = [big, b1, b2, b3, b4]
    _link(*((a, b) for i, a in enumerate([c1, c2, c3, c4]) for b in [c1, c2, c3, c4][i + 1 :]))
    _link(*((a, b) for i, a in enumerate(clique) for b in clique[i + 1 :]))
    _link((c1, big), (big, big_leaf), (c2, small), (small, s1), (s1, s2), (s2, small))
    _link((c3, c3_leaf))
    splits = network.broker_splits(TODAY)
    # C1 cuts Big's six off; Big cuts off his four and the acquaintance; C2 cuts off
    # Small's three; Small the pair. C3 only cuts off one person: not a broker.
    assert network.brokers(TODAY) == [c1, big, c2, small]
    assert [(b.parts, b.cut_off, b.groups) for b in splits] == [
        ((7, 6), 6, 2),
        ((8, 4, 1), 5, 2),
        ((10, 3), 3, 2),
        ((11, 2), 2, 2),
    ]
    assert set(network.brokers(TODAY, min_group=1)) == {c1, big, c2, small, c3}


def test_split_parts_match_removing_each_vertex() -> None:
    # The linear-time split sizes agree with deleting each vertex in turn (random graphs).
    rng = random.Random(7)
    cut_vertices = 0
    for n in (1, 2, 5, 12, 30, 60):
        for _ in range(20):
            edges = sorted(
                {tuple(sorted(rng.sample(range(n), 2))) for _ in range(rng.randint(0, 2 * n))}
                if n > 1
                else set()
            )
            g = igraph.Graph(n=n, edges=edges)
            expected = {}
            for v in range(n):
                h = g.copy()
                h.delete_vertices(v)
                after = h.connected_components()
                if len(after) > len(g.connected_components()):  # v held pieces together
                    own = set(g.subcomponent(v)) - {v}
                    back = [{i + (i >= v) for i in c} for c in after]  # indexes before deleting
                    expected[v] = sorted(len(c) for c in back if c <= own)
            got = {v: sorted(p) for v, p in network._split_parts(n, edges).items()}
            assert got == expected
            cut_vertices += len(got)
    assert cut_vertices > 100


def test_brokers_of_an_empty_network(db) -> None:  # type: ignore[no-untyped-def]
    assert network.brokers(TODAY) == []
    graph = network.build_graph(TODAY)
    assert graph.node_count == 1
    for kind in network.LAYOUTS:
        assert network.layout(graph, kind).shape == (1, 2)


def test_the_pages_of_the_read_are_asked_for_once_a_session(net) -> None:  # type: ignore[no-untyped-def]
    """The first read of a big network may find a cold page cache: every page it scans is
    asked for ahead, once for each database file (later reads find them cached)."""
    from app.models import database

    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the pages in the file itself
    network._prefetched.discard(database.file_path)
    asked = network.prefetch_pages()
    assert asked >= len(network._SCANNED)  # at least each B-tree's root
    assert network.prefetch_pages() == 0


def test_a_big_read_asks_for_its_pages_beside_its_scans(net, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.models import database

    monkeypatch.setattr(network, "_ALL_ROWS_ABOVE", 0)
    network._prefetched.discard(database.file_path)
    one = network.build_graph(TODAY)
    assert database.file_path in network._prefetched
    assert network.build_graph(TODAY).ids.tolist() == one.ids.tolist()


def test_the_helper_scans_run_at_a_lower_cpu_priority(net, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The scans beside a big read give way to the window's thread for a core."""
    import os
    import threading

    niceness: list[int] = []
    real = network._fetch

    def fetch(sql: str, args: object = ()) -> list[tuple]:
        niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return real(sql, args)  # type: ignore[arg-type]

    monkeypatch.setattr(network, "_ALL_ROWS_ABOVE", 0)
    monkeypatch.setattr(network, "_fetch", fetch)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    network.build_graph(TODAY)
    lowered = min(19, mine + BACKGROUND_NICENESS)
    assert len(niceness) == 2 and all(n == lowered for n in niceness)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine  # the caller's is kept
