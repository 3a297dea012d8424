"""The small "what changed" value every write returns, for the UI to broadcast once."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    contacts: frozenset[int] = field(default_factory=frozenset)
    contact_list: bool = False  # contacts added, removed, archived: the list's rows change
    interactions: bool = False
    exchanges: bool = False
    relationships: bool = False
    goals: bool = False
    follow_ups: bool = False
    settings: bool = False
    suggestions: bool = False  # capture suggestions or sources (SPEC §11)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            contacts=self.contacts | other.contacts,
            contact_list=self.contact_list or other.contact_list,
            interactions=self.interactions or other.interactions,
            exchanges=self.exchanges or other.exchanges,
            relationships=self.relationships or other.relationships,
            goals=self.goals or other.goals,
            follow_ups=self.follow_ups or other.follow_ups,
            settings=self.settings or other.settings,
            suggestions=self.suggestions or other.suggestions,
        )

    @property
    def empty(self) -> bool:
        return self == Changes()


EVERYTHING = Changes(
    contact_list=True,
    interactions=True,
    exchanges=True,
    relationships=True,
    goals=True,
    follow_ups=True,
    settings=True,
    suggestions=True,
)
