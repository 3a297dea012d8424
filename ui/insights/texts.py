"""The words of the Insights view, made from a finding's code and params (translated).

The domain's English ``message`` is for the command line; here every sentence is a
literal inside ``translate("Insights", ...)`` so lupdate extracts it, and user data
(names, goal titles) is only ever substituted into it as plain text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.insights import Code, Finding, Severity
from ui.contacts.model import balance_text, circle_name, role_name
from ui.dates import date_text
from ui.qt import QtCore

translate = QtCore.QCoreApplication.translate


def short_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return date_text(day)


def severity_title(severity: str) -> str:
    if severity == Severity.ACTION:
        return translate("Insights", "Do now")
    if severity == Severity.WARNING:
        return translate("Insights", "Keep an eye on")
    return translate("Insights", "Good to know")


# Findings shown together on one card: the coverage codes share one.
COVERAGE = "coverage"
_GROUP_OF = {
    Code.NO_ALLY_ABOVE: COVERAGE,
    Code.NO_ALLY_BELOW: COVERAGE,
    Code.NO_PEER: COVERAGE,
    Code.NO_EXTERNAL: COVERAGE,
    Code.ONE_CIRCLE: COVERAGE,
}


def group_of(code: str) -> str:
    return _GROUP_OF.get(code, code)  # type: ignore[call-overload]


@dataclass(frozen=True)
class CardText:
    title: str
    advice: str
    icon: str  # an action icon name (ui.resources.icon)


def card_text(group: str) -> CardText:
    """The heading and the one-line reason of a card of findings."""
    texts = {
        Code.OVERDUE: CardText(
            translate("Insights", "Get back in touch"),
            translate("Insights", "Meeting people is easy; keeping the contact alive is the work."),
            "follow-up",
        ),
        Code.BIRTHDAY_SOON: CardText(
            translate("Insights", "Birthdays coming up"),
            translate("Insights", "A short message on the day keeps a relationship warm."),
            "event",
        ),
        Code.NOT_THANKED: CardText(
            translate("Insights", "Say thank you"),
            translate("Insights", "They recommended or introduced you: let them know it mattered."),
            "received",
        ),
        Code.GOAL_AT_RISK: CardText(
            translate("Insights", "Goals at risk"),
            translate(
                "Insights",
                "These goals are close, and the people who can help need attention first.",
            ),
            "goal",
        ),
        COVERAGE: CardText(
            translate("Insights", "Is your network one-sided?"),
            translate(
                "Insights",
                "Useful allies sit above you, beside you, below you and outside the company.",
            ),
            "network",
        ),
        Code.TAKING_MORE_THAN_GIVING: CardText(
            translate("Insights", "Give before you take"),
            translate(
                "Insights",
                "Favours that only flow one way end a relationship: give something back.",
            ),
            "gave",
        ),
        Code.OWED_FAVOURS: CardText(
            translate("Insights", "A good time to ask"),
            translate(
                "Insights", "You have given a lot to these people: asking them for help is fair."
            ),
            "received",
        ),
        Code.ROLE_UNFILLED: CardText(
            translate("Insights", "Roles nobody plays for you"),
            translate(
                "Insights",
                "A strong network has people who inform, advise, sponsor and open doors.",
            ),
            "contacts",
        ),
        Code.BROKER: CardText(
            translate("Insights", "Bridges in your network"),
            translate(
                "Insights", "Each of them is the only link between groups of people you know."
            ),
            "path",
        ),
    }
    return texts.get(group, CardText(group, "", "insights"))  # type: ignore[call-overload]


def subject(finding: Finding) -> str:
    """Who or what a finding is about: a name, a goal title, or empty for shape findings."""
    p = finding.params
    if finding.code == Code.GOAL_AT_RISK:
        return str(p.get("title", ""))
    return str(p.get("name", ""))


def detail(finding: Finding) -> str:
    """The translated sentence of one finding (without its subject)."""
    p = finding.params
    code = finding.code
    if code == Code.OVERDUE:
        days = int(p["overdue_days"])
        if days == 0:
            text = translate("Insights", "Due today.")
        else:
            text = (
                translate("Insights", "1 day overdue.")
                if days == 1
                else translate("Insights", "%1 days overdue.").replace("%1", str(days))
            )
        if p.get("last_contact"):
            text += " " + translate("Insights", "Last contact %1.").replace(
                "%1", short_date(p["last_contact"])
            )
        else:
            text += " " + translate("Insights", "You have never met.")
        return text
    if code == Code.BIRTHDAY_SOON:
        days = int(p["days"])
        if days == 0:
            text = translate("Insights", "Birthday today!")
        elif days == 1:
            text = translate("Insights", "Birthday tomorrow.")
        else:
            text = (
                translate("Insights", "Birthday in %1 days, on %2.")
                .replace("%1", str(days))
                .replace("%2", short_date(p["date"]))
            )
        if p.get("age"):
            text += " " + translate("Insights", "Turns %1.").replace("%1", str(p["age"]))
        return text
    if code == Code.NOT_THANKED:
        description = str(p.get("description") or "")
        if p.get("kind") == "introduction":
            if description:
                text = translate("Insights", "Introduced you on %1: \u201c%2\u201d")
            else:
                text = translate("Insights", "Introduced you on %1.")
        elif description:
            text = translate("Insights", "Recommended you on %1: \u201c%2\u201d")
        else:
            text = translate("Insights", "Recommended you on %1.")
        text = text.replace("%1", short_date(p["date"])).replace("%2", description)
        if p.get("outcome"):
            text += " " + translate("Insights", "Outcome: %1.").replace("%1", str(p["outcome"]))
        return text
    if code == Code.GOAL_AT_RISK:
        days = int(p["days_left"])
        if days < 0:
            when = (
                translate("Insights", "The target date passed yesterday.")
                if days == -1
                else translate("Insights", "The target date passed %1 days ago.").replace(
                    "%1", str(-days)
                )
            )
        elif days == 0:
            when = translate("Insights", "The target date is today.")
        else:
            when = (
                translate("Insights", "The target date is tomorrow.")
                if days == 1
                else translate("Insights", "The target date is in %1 days.").replace(
                    "%1", str(days)
                )
            )
        if p.get("reason") == "no-allies":
            return (
                when
                + " "
                + translate("Insights", "Nobody is helping with it yet: attach the people who can.")
            )
        text = when + " " + weak_allies_text(int(p["weak"]), int(p["allies"]))
        if p.get("next_contact_name"):
            text += " " + translate("Insights", "Start with %1.").replace(
                "%1", str(p["next_contact_name"])
            )
        return text
    if code == Code.TAKING_MORE_THAN_GIVING:
        return translate("Insights", "Balance %1: you have received more than you gave.").replace(
            "%1", balance_text(int(p["balance"]))
        )
    if code == Code.OWED_FAVOURS:
        return translate(
            "Insights", "Balance %1: you have given much more than you received."
        ).replace("%1", balance_text(int(p["balance"])))
    if code == Code.BROKER:
        if not p.get("people"):
            return translate(
                "Insights",
                "The only link between some of the people you know and the rest of your "
                "network: keep this relationship strong.",
            )
        return translate(
            "Insights",
            "The only link between %1 people you know and the rest of your network: "
            "keep this relationship strong.",
        ).replace("%1", str(p["people"]))
    if code == Code.ROLE_UNFILLED:
        return translate("Insights", "Nobody plays the role \u201c%1\u201d for you yet.").replace(
            "%1", role_name(str(p["role"]))
        )
    return _coverage_detail(finding)


def weak_allies_text(weak: int, allies: int) -> str:
    """How many of a goal's allies are weak, in the number each count asks for."""
    if allies == 1 and weak == 1:
        return translate("Insights", "Your only ally is overdue or drifting away.")
    if weak == 1:
        return translate("Insights", "1 of %2 allies is overdue or drifting away.").replace(
            "%2", str(allies)
        )
    return (
        translate("Insights", "%1 of %2 allies are overdue or drifting away.")
        .replace("%1", str(weak))
        .replace("%2", str(allies))
    )


def _coverage_detail(finding: Finding) -> str:
    p = finding.params
    code = finding.code
    organisation = str(p.get("organization") or "")
    if code == Code.ONE_CIRCLE:
        circle = str(p["circle"])
        if circle == "other":
            text = translate(
                "Insights", "%1 % of your contacts have no circle: record how you met them."
            )
        else:
            text = translate(
                "Insights", "%1 % of your contacts come from %2: meet people from other circles."
            ).replace("%2", circle_name(circle))
        return text.replace("%1", str(p["percent"]))
    if code == Code.NO_EXTERNAL:
        return translate(
            "Insights",
            "Everyone you know is inside your own organisation: build allies outside it, "
            "in associations, at events, among former colleagues.",
        )
    if organisation:
        texts = {
            Code.NO_ALLY_ABOVE: translate(
                "Insights",
                "No ally above you at %1: find a mentor or sponsor among the people who decide.",
            ),
            Code.NO_ALLY_BELOW: translate(
                "Insights", "No ally below you at %1: the people who do the work often know first."
            ),
            Code.NO_PEER: translate(
                "Insights", "No peer at %1: colleagues at your level are your daily support."
            ),
        }
        return texts.get(code, code).replace("%1", organisation)  # type: ignore[call-overload]
    texts = {
        Code.NO_ALLY_ABOVE: translate(
            "Insights", "No ally above you: find a mentor or sponsor among the people who decide."
        ),
        Code.NO_ALLY_BELOW: translate(
            "Insights", "No ally below you: the people who do the work often know first."
        ),
        Code.NO_PEER: translate(
            "Insights", "No peer ally: colleagues at your level are your daily support."
        ),
    }
    return texts.get(code, code)  # type: ignore[call-overload]


def roles_sentence(findings: list[Finding]) -> str:
    """All unfilled roles in one sentence, for the roles card."""
    names = [role_name(str(f.params["role"])) for f in findings]
    return translate("Insights", "Nobody plays these roles for you yet: %1.").replace(
        "%1", ", ".join(names)
    )
