"""Which contacts an export covers: all of them, a list of ids, or everyone with a tag."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from app.interchange.store import chunks
from app.models import database


def selected_ids(contact_ids: Iterable[int] | None = None, tag: str | None = None) -> list[int]:
    """Contact ids in name order; ``contact_ids`` and ``tag`` narrow each other."""
    sql = "SELECT c.id FROM contact c"
    args: list[object] = []
    if tag is not None:
        sql += (
            " WHERE c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t "
            "ON t.id = ct.tag_id WHERE t.name = ? COLLATE NOCASE)"
        )
        args.append(tag.strip())
    sql += " ORDER BY c.formatted_name COLLATE NOCASE, c.id"
    ids = [row[0] for row in database.execute_sql(sql, args)]
    if contact_ids is not None:
        wanted = set(contact_ids)
        ids = [cid for cid in ids if cid in wanted]
    return ids


def ensure_uids(contact_ids: Iterable[int]) -> dict[int, str]:
    """The UID of each contact; one without gets ``urn:uuid:`` and a random UUID, stored.

    Stored so that a second export names the same person the same way, and RELATED lines
    of other cards keep pointing at them. A read-only database keeps them for this export
    only (what the command line's in-memory copy does): the user's file is not touched.
    """
    ids = sorted(set(contact_ids))
    uids = _stored_uids(ids)
    if all(uid.strip() for uid in uids.values()):
        return uids  # nothing to write: no write lock taken
    if database.read_only:
        return {
            cid: uid if uid.strip() else f"urn:uuid:{uuid.uuid4()}" for cid, uid in uids.items()
        }
    # IMMEDIATE: read again and write in one transaction that waits for other writers.
    with database.atomic(lock_type="IMMEDIATE"):
        uids = _stored_uids(ids)
        missing = [
            (f"urn:uuid:{uuid.uuid4()}", cid) for cid, uid in uids.items() if not uid.strip()
        ]
        database.cursor().executemany("UPDATE contact SET uid = ? WHERE id = ?", missing)
        uids.update({cid: uid for uid, cid in missing})
    return uids


def _stored_uids(ids: list[int]) -> dict[int, str]:
    uids: dict[int, str] = {}
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for cid, uid in database.execute_sql(
            f"SELECT id, uid FROM contact WHERE id IN ({marks})", list(chunk)
        ):
            uids[cid] = uid or ""
    return uids
