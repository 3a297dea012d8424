"""What is due and when to notify, with fixed clocks (nothing here reads the real time)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from app import followups, reminders, settings
from app.contacts import ContactInput, create_contact, set_archived
from app.models import NotificationLog
from app.reminders import Action, Reason, ReminderKind
from app.timeline import InteractionInput, log_interaction

TODAY = dt.date(2027, 3, 15)
NOON = dt.datetime(2027, 3, 15, 12, 0)


def contact(name: str, *, overdue: int | None = None, birthday: str | None = None) -> int:
    """A contact ``overdue`` days past its 10-day cadence on TODAY (not due when None)."""
    cid, _ = create_contact(ContactInput(name, cadence_days=10, birthday=birthday))
    last = TODAY - dt.timedelta(days=10 + (overdue if overdue is not None else -5))
    log_interaction(InteractionInput([cid], occurred_on=last))
    return cid


def test_the_domain_does_not_import_qt() -> None:
    code = (
        "import sys, app.reminders, app.followups, app.autostart; "
        "sys.exit('PySide6' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --- the due report --------------------------------------------------------------------


def test_report_lists_overdue_most_overdue_first_without_snoozed(db) -> None:
    anna = contact("Anna", overdue=3)
    bert = contact("Bert", overdue=12)
    carl = contact("Carl", overdue=0)
    contact("Dora")  # due in five days
    followups.snooze_for(carl, 7, TODAY)
    report = reminders.due_report(TODAY)
    assert [(r.contact_id, r.days) for r in report.overdue] == [(bert, 12), (anna, 3)]
    assert report.count == 2
    assert all(r.kind is ReminderKind.OVERDUE for r in report.overdue)
    assert report.overdue[0].on == TODAY - dt.timedelta(days=12)


def test_report_lists_due_follow_ups_only(db) -> None:
    anna = contact("Anna")
    fid, _ = followups.add_follow_up(anna, TODAY - dt.timedelta(days=2), "send the article")
    followups.add_follow_up(anna, TODAY + dt.timedelta(days=1), "tomorrow")
    done, _ = followups.add_follow_up(anna, TODAY, "done already")
    followups.complete_follow_up(done)
    report = reminders.due_report(TODAY)
    assert [(r.follow_up_id, r.text, r.days) for r in report.follow_ups] == [
        (fid, "send the article", 2)
    ]
    assert report.count == 0 and not report.empty


def test_archived_contacts_are_never_due(db) -> None:
    anna = contact("Anna", overdue=5, birthday="1990-03-15")
    followups.add_follow_up(anna, TODAY, "call")
    set_archived([anna], True)
    assert reminders.due_report(TODAY).empty


def test_birthdays_today_and_coming_with_and_without_year(db) -> None:
    anna = contact("Anna", birthday="1985-03-15")
    bert = contact("Bert", birthday="--03-18")
    contact("Carl", birthday="1970-03-23")  # 8 days ahead: outside the default week
    dora = contact("Dora", birthday="--03-22")  # exactly 7 days ahead
    report = reminders.due_report(TODAY)
    assert [(b.contact_id, b.days, b.age) for b in report.birthdays] == [
        (anna, 0, 42),
        (bert, 3, None),
        (dora, 7, None),
    ]
    assert [b.contact_id for b in report.birthdays_today] == [anna]
    assert len(reminders.due_report(TODAY, birthday_days=8).birthdays) == 4


def test_birthdays_across_the_new_year(db) -> None:
    anna = contact("Anna", birthday="--01-02")
    got = reminders.upcoming_birthdays(dt.date(2027, 12, 30), 5)
    assert [(b.contact_id, b.on) for b in got] == [(anna, dt.date(2028, 1, 2))]


def test_29_february_falls_on_28_february_in_common_years(db) -> None:
    leapling = contact("Leo", birthday="2000-02-29")
    nameless_year = contact("Lea", birthday="--02-29")
    common = reminders.upcoming_birthdays(dt.date(2027, 2, 28), 0)
    assert [(b.contact_id, b.on, b.age) for b in common] == [
        (nameless_year, dt.date(2027, 2, 28), None),
        (leapling, dt.date(2027, 2, 28), 27),
    ]
    assert reminders.upcoming_birthdays(dt.date(2027, 3, 1), 0) == []
    leap = reminders.upcoming_birthdays(dt.date(2028, 2, 28), 1)
    assert {(b.contact_id, b.on) for b in leap} == {
        (leapling, dt.date(2028, 2, 29)),
        (nameless_year, dt.date(2028, 2, 29)),
    }
    assert reminders.birthday_in_year("--02-29", 2027) == dt.date(2027, 2, 28)
    assert reminders.next_birthday("1999-03-01", dt.date(2027, 3, 2)) == dt.date(2028, 3, 1)
    assert reminders.birthday_in_year("garbage", 2027) is None
    assert reminders.birthday_in_year(None, 2027) is None


# --- quiet hours -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clock", "quiet"),
    [
        ("19:59", False),
        ("20:00", True),
        ("23:59", True),
        ("00:00", True),
        ("07:59", True),
        ("08:00", False),
        ("12:00", False),
    ],
)
def test_quiet_hours_spanning_midnight(clock: str, quiet: bool) -> None:
    t = dt.time.fromisoformat(clock)
    assert reminders.in_quiet_hours(t, dt.time(20), dt.time(8)) is quiet


def test_quiet_hours_within_one_day_and_none() -> None:
    assert reminders.in_quiet_hours(dt.time(13), dt.time(12), dt.time(14))
    assert not reminders.in_quiet_hours(dt.time(14), dt.time(12), dt.time(14))
    assert not reminders.in_quiet_hours(dt.time(11, 59), dt.time(12), dt.time(14))
    assert not reminders.in_quiet_hours(dt.time(3), dt.time(0), dt.time(0))


def test_no_notification_during_quiet_hours_then_one_after_them(db) -> None:
    anna = contact("Anna", overdue=4)
    policy = reminders.NotificationPolicy()
    late = dt.datetime(2027, 3, 15, 21, 30)
    quiet = policy.next_notification(late)
    assert quiet.action is Action.NONE and quiet.reason is Reason.QUIET_HOURS
    assert quiet.total == 1
    early = policy.next_notification(dt.datetime(2027, 3, 16, 7, 59))
    assert early.reason is Reason.QUIET_HOURS
    assert NotificationLog.select().count() == 0
    morning = policy.next_notification(dt.datetime(2027, 3, 16, 8, 0))
    assert morning.action is Action.SINGLE and morning.contact_ids == (anna,)


def test_quiet_hours_come_from_the_settings(db) -> None:
    contact("Anna", overdue=4)
    settings.set_value("quiet_start", "11:00")
    settings.set_value("quiet_end", "13:00")
    policy = reminders.NotificationPolicy()
    assert policy.next_notification(NOON).reason is Reason.QUIET_HOURS
    assert policy.next_notification(NOON.replace(hour=21)).action is Action.SINGLE


# --- the per-day limit, the summary, a restart -----------------------------------------


def test_one_notification_per_contact_per_day(db) -> None:
    anna = contact("Anna", overdue=4)
    policy = reminders.NotificationPolicy()
    first = policy.next_notification(NOON)
    assert first.action is Action.SINGLE
    assert first.first is not None and first.first.kind is ReminderKind.OVERDUE
    followups.add_follow_up(anna, TODAY, "call back")  # something new about her today
    again = policy.next_notification(NOON + dt.timedelta(hours=3))
    assert again.action is Action.NONE and again.reason is Reason.NOTHING_NEW
    next_day = policy.next_notification(NOON + dt.timedelta(days=1))
    assert next_day.action is Action.SINGLE
    assert [r.kind for r in next_day.reminders] == [ReminderKind.FOLLOW_UP, ReminderKind.OVERDUE]


def test_several_new_contacts_make_one_summary(db) -> None:
    anna = contact("Anna", overdue=2)
    bert = contact("Bert", overdue=9)
    carl = contact("Carl", birthday="1980-03-15")
    policy = reminders.NotificationPolicy()
    decision = policy.next_notification(NOON)
    assert decision.action is Action.SUMMARY
    assert decision.contact_ids == (carl, bert, anna)  # birthdays, follow-ups, overdue
    assert decision.total == 3
    keys = {(row.key, row.day) for row in NotificationLog.select()}
    assert keys == {
        (f"contact:{anna}", TODAY),
        (f"contact:{bert}", TODAY),
        (f"contact:{carl}", TODAY),
        ("summary", TODAY),
    }
    dora = contact("Dora", overdue=1)
    later = policy.next_notification(NOON + dt.timedelta(hours=1))
    assert later.action is Action.SINGLE and later.contact_ids == (dora,)
    assert later.total == 4


def test_a_restart_does_not_notify_again(db) -> None:
    contact("Anna", overdue=2)
    contact("Bert", overdue=9)
    assert reminders.NotificationPolicy().next_notification(NOON).action is Action.SUMMARY
    restarted = reminders.NotificationPolicy()
    assert restarted.next_notification(NOON + dt.timedelta(minutes=5)).action is Action.NONE


def test_decide_alone_records_nothing(db) -> None:
    contact("Anna", overdue=2)
    policy = reminders.NotificationPolicy()
    assert policy.decide(NOON).action is Action.SINGLE
    assert policy.decide(NOON).action is Action.SINGLE
    assert NotificationLog.select().count() == 0


def test_snoozed_contacts_are_not_notified(db) -> None:
    anna = contact("Anna", overdue=2)
    followups.snooze(anna, TODAY + dt.timedelta(days=1))
    policy = reminders.NotificationPolicy()
    assert policy.next_notification(NOON).reason is Reason.NOTHING_NEW
    tomorrow = policy.next_notification(NOON + dt.timedelta(days=1))
    assert tomorrow.contact_ids == (anna,)


def test_old_log_rows_are_pruned(db) -> None:
    contact("Anna", overdue=2)
    NotificationLog.create(key="contact:999", day=TODAY - dt.timedelta(days=40))
    reminders.NotificationPolicy().next_notification(NOON)
    assert all(row.day == TODAY for row in NotificationLog.select())


def test_nothing_due_means_nothing_new(db) -> None:
    decision = reminders.NotificationPolicy().next_notification(NOON)
    assert decision.action is Action.NONE and decision.total == 0 and decision.first is None
