"""A realistic demo network, so a newcomer understands Allies in a minute.

The user is Alex Weber, team lead at Nordwind Systems GmbH in Hamburg. A cast of about
forty people tells the story of SPEC's career advice: allies above, beside and below
(the Pförtner at reception knows first who comes and goes), externals from university,
associations, events and training; favours in both directions, some one-sided on
purpose; recommendations with outcomes, one not yet thanked for; an introduced-by chain
to people only reachable through an introducer; goals with their allies; a handful of
neglected relationships. Generated people fill up to the requested size.

Everything is written with ``executemany`` in one transaction (``insert_many`` is five
times slower, see TECH-NOTES), then the derived columns and the search index are
computed once in bulk: 100,000 contacts with a million interactions take well under a
minute, and a kill at any moment leaves the database as it was. The same seed and the
same ``today`` give the same network.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app import settings
from app.contacts import reindex
from app.db import timeline_search_suspended
from app.derived import due_contacts, refresh_derived
from app.errors import DatabaseRefused
from app.interchange.keys import normalized_phone
from app.models import Circle, Contact, Level, Role, database

DEFAULT_CONTACTS = 150
MAX_CONTACTS = 200_000
SEED = 20240917
HISTORY_DAYS = 730  # two years of interactions, ending today
BATCH = 5_000  # generated contacts written per step (bounds memory, paces progress)

USER_NAME = "Alex Weber"
USER_ORGANIZATION = "Nordwind Systems GmbH"
NORDWIND = USER_ORGANIZATION

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    user_name: str
    user_organization: str
    contacts: int
    interactions: int
    exchanges: int
    relationships: int
    goals: int
    due: int


@dataclass(frozen=True)
class _Person:
    """One member of the scripted cast."""

    key: str
    name: str
    org: str
    dept: str
    title: str
    level: Level
    circle: Circle
    roles: tuple[Role, ...] = ()
    trust: int = 3
    cadence: int | None = None
    tags: tuple[str, ...] = ()
    birthday: str | None = None  # "soon": in four days, so insights shows it
    notes: str = ""
    meetings: int = 8  # interactions over the two years besides the story moments
    overdue: bool = False
    since: int = HISTORY_DAYS  # days since we met
    phone: bool = False
    archived: bool = False


A, P, B, X = Level.ABOVE, Level.PEER, Level.BELOW, Level.EXTERNAL
W, U, S, E, T, PR, OT = (
    Circle.WORK,
    Circle.UNIVERSITY,
    Circle.ASSOCIATION,
    Circle.EVENT,
    Circle.TRAINING,
    Circle.PRIVATE,
    Circle.OTHER,
)

# fmt: off
CAST: tuple[_Person, ...] = (
    _Person("boss", "Sabine Krüger", NORDWIND, "Platform Engineering",
            "Head of Platform Engineering", A, W, (Role.MENTOR,), 5, 14, ("leadership",),
            "1978-03-14", "Your manager. Wants you to own the platform roadmap.", 30,
            phone=True),
    _Person("cto", "Thomas Richter", NORDWIND, "Technology", "CTO", A, W, (Role.SPONSOR,), 4,
            None, ("leadership", "board"), None,
            "Decides on the new architecture role. Likes short written proposals.", 10),
    _Person("ceo", "Dr. Katharina Brandt", NORDWIND, "Geschäftsführung", "CEO", A, W, (), 3,
            60, ("board",), None, "Met her at the summer party; asked about the AI pilot.", 3),
    _Person("vp_sales", "Michael Hoffmann", NORDWIND, "Sales", "VP Sales", A, W,
            (Role.DOOR_OPENER,), 3, None, ("sales",), "--09-21",
            "Knows every big customer; can open doors for customer interviews.", 6),
    _Person("doorman", "Herbert Kowalski", NORDWIND, "Empfang", "Pförtner", B, W,
            (Role.INFORMATION_SOURCE,), 4, 14, ("reception",), "--11-02",
            "Knows who comes and goes before anyone else. Ask about his grandchildren "
            "Mia and Paul.", 28),
    _Person("assistant", "Sandra Vogel", NORDWIND, "Geschäftsführung",
            "Assistentin der Geschäftsführung", P, W,
            (Role.INFORMATION_SOURCE, Role.DOOR_OPENER), 4, None, (), "1985-06-30",
            "Keeps the CEO's calendar. Friendly, appreciates a thank-you.", 9),
    _Person("hr", "Petra Lang", NORDWIND, "People & Culture", "HR Business Partner", P, W,
            (Role.INFORMATION_SOURCE,), 3, 45, ("hiring",), None,
            "Runs the promotion process; knows the calibration timeline.", 7),
    _Person("jan", "Jan Schulz", NORDWIND, "Payments", "Team Lead Payments", P, W,
            (Role.SPARRING_PARTNER,), 4, None, ("kotlin",), "1988-01-09",
            "Helps with every code review; you owe him one (or three).", 16, phone=True),
    _Person("aylin", "Aylin Yılmaz", NORDWIND, "Product", "Product Manager Platform", P, W,
            (Role.INFORMATION_SOURCE,), 4, None, ("product",), "soon",
            "Hears about customer escalations first.", 18),
    _Person("lukas", "Lukas Fischer", NORDWIND, "Data & Analytics", "Team Lead Data", P, W,
            (), 3, None, ("data",), None, "Competes for the same architecture role.", 10),
    _Person("mei", "Mei Chen", NORDWIND, "Product", "UX Lead", P, W, (), 3, None,
            ("product",), "--04-18", "", 8),
    _Person("oliver", "Oliver Wagner", NORDWIND, "Finance", "Controller", P, W,
            (Role.INFORMATION_SOURCE,), 3, 60, ("budget",), None,
            "Knows the budget before it is announced.", 6),
    _Person("fatima", "Fatima Haddad", NORDWIND, "Security", "Security Engineer", P, W, (),
            4, None, ("security",), None, "", 9),
    _Person("jonas", "Jonas Becker", NORDWIND, "Platform Engineering", "Software Engineer", B,
            W, (), 4, None, ("team",), "1996-08-05",
            "Wants to become a tech lead; you are mentoring him.", 20),
    _Person("lea", "Lea Schneider", NORDWIND, "Platform Engineering", "Junior Developer", B, W,
            (), 4, None, ("team",), None, "Started as a working student.", 14),
    _Person("emre", "Emre Demir", NORDWIND, "Platform Engineering", "DevOps Engineer", B, W,
            (Role.INFORMATION_SOURCE,), 4, None, ("team", "cloud"), "--02-27", "", 14),
    _Person("sophie", "Sophie Neumann", NORDWIND, "Platform Engineering",
            "Software Engineer", B, W, (), 3, None, ("team",), None, "", 12),
    _Person("nils", "Nils Hansen", NORDWIND, "Platform Engineering",
            "Auszubildender Fachinformatiker", B, W, (), 3, None, ("team",), None,
            "Apprentice, second year.", 10),
    _Person("martin", "Martin Schäfer", "Elbwerk Software GmbH", "", "Director of Engineering",
            X, OT, (Role.MENTOR, Role.REFERRER), 5, 60, ("former-boss",), "1969-12-01",
            "Your former boss. Gave the reference that got you the Nordwind job.", 9),
    _Person("prof", "Prof. Dr. Ingrid Sommer", "TU Hamburg", "Institut für Softwaresysteme",
            "Professor", X, U, (Role.MENTOR, Role.DOOR_OPENER), 4, None, ("alumni-tuhh",),
            None, "Supervised your master's thesis. Knows everyone in Hamburg research.", 6),
    _Person("julia", "Julia Wolf", "Hanseatic Logistics AG", "", "Engineering Manager", X, U,
            (Role.REFERRER,), 5, None, ("alumni-tuhh",), "1989-05-23",
            "Classmate. Recommended you for a lead role at Hanseatic.", 7, overdue=True,
            phone=True),
    _Person("david", "David Klein", "Elbe Consulting GmbH", "", "Senior Consultant", X, U, (),
            5, 0, ("alumni-tuhh", "running-club"), "--07-12",
            "Old friend from university; you see him at the running club anyway.", 12),
    _Person("priya", "Dr. Priya Raman", "Institut für Angewandte KI", "", "Research Scientist",
            X, U, (), 3, None, ("ai",), None,
            "On a research stay in Montréal until next month.", 4, overdue=True),
    _Person("ralf", "Ralf Meier", "Softwarearchitektur Nord e.V.", "", "Chair", X, S,
            (Role.DOOR_OPENER,), 4, 60, ("vdsa",), None,
            "You gave three talks for his association: a good time to ask him a favour.", 6),
    _Person("clara", "Clara Schmitt", "Women in Tech Hamburg", "", "Organiser", X, S, (), 3,
            None, ("vdsa",), None, "", 5),
    _Person("henrik", "Henrik Johansson", "Gesellschaft für Informatik", "Regionalgruppe Hamburg",
            "Speaker Coordinator", X, S, (), 3, None, ("vdsa",), None, "", 4, overdue=True),
    _Person("lars", "Lars Nilsson", "Soundwave AB", "", "Staff Engineer", X, E,
            (Role.SPARRING_PARTNER,), 3, None, ("devdays",), None,
            "Met at Nordic DevDays; programme committee member.", 5),
    _Person("ana", "Ana García", "CloudFjord AS", "", "Developer Advocate", X, E, (), 3, None,
            ("devdays", "cloud"), None, "", 5),
    _Person("markus", "Markus Lehmann", "Talentbrücke GmbH", "", "Senior Recruiter", X, E,
            (Role.REFERRER,), 2, 120, ("recruiter",), None,
            "Calls twice a year with a role; shares salary bands.", 4, overdue=True),
    _Person("tom", "Tom O'Brien", "Alster Payments GmbH", "", "Head of Engineering", X, E, (),
            3, None, ("meetup",), None, "", 4),
    _Person("elena", "Dr. Elena Popescu", "Popescu Leadership Coaching", "",
            "Executive Coach", X, T, (Role.MENTOR, Role.SPARRING_PARTNER), 4, 30,
            ("leadership",), None, "Coach from the leadership programme.", 8),
    _Person("stefan", "Stefan Braun", "Hafenblick Digital GmbH", "", "IT Project Manager", X,
            T, (), 3, None, ("leadership",), None,
            "Same cohort in the leadership programme.", 4, overdue=True),
    _Person("kenji", "Kenji Watanabe", "CloudFjord AS", "", "Cloud Trainer", X, T, (), 3,
            None, ("cloud",), None, "Ran the architecture certification course.", 3),
    _Person("anja", "Anja Koch", "Fjordbank ASA", "", "Risk Analyst", X, PR, (), 4, None,
            ("neighbour",), "1987-10-15", "Neighbour; knows the fintech scene.", 6),
    _Person("yusuf", "Yusuf Aydın", "Kranich Robotics GmbH", "", "CTO & Co-founder", X, OT,
            (Role.DOOR_OPENER,), 3, None, ("startup",), None,
            "Introduced by Julia. Just raised a Series A.", 3, since=200),
    _Person("chiara", "Chiara Romano", "Elbe Ventures", "", "Partner", X, OT, (), 2, None,
            ("startup",), None, "Introduced by Yusuf; not met yet.", 0, since=12),
    _Person("birgit", "Birgit Scholz", "Hanseatic Logistics AG", "", "VP Engineering", X, OT,
            (), 2, None, (), None, "Julia's boss; reachable through Julia.", 0, since=40),
    _Person("bernd", "Bernd Vogt", NORDWIND, "Platform Engineering", "Architect (retired)", A,
            W, (), 3, None, (), None, "Retired last spring.", 5, since=700, archived=True),
)
# fmt: on

# Who reports to, works with, introduced or mentors whom: (source, type, target, note).
CAST_RELATIONSHIPS: tuple[tuple[str, str, str, str], ...] = (
    ("cto", "reports-to", "ceo", ""),
    ("vp_sales", "reports-to", "ceo", ""),
    ("assistant", "reports-to", "ceo", ""),
    ("boss", "reports-to", "cto", ""),
    ("jan", "reports-to", "boss", ""),
    ("lukas", "reports-to", "cto", ""),
    ("fatima", "reports-to", "cto", ""),
    ("aylin", "colleague", "mei", ""),
    ("jan", "colleague", "lukas", ""),
    ("jonas", "colleague", "lea", ""),
    ("emre", "colleague", "sophie", ""),
    ("oliver", "colleague", "hr", ""),
    ("doorman", "knows", "assistant", "They have lunch together."),
    ("julia", "introduced-by", "prof", ""),
    ("priya", "introduced-by", "prof", "Joint paper idea on anomaly detection."),
    ("yusuf", "introduced-by", "julia", ""),
    ("chiara", "introduced-by", "yusuf", "Invests in logistics software."),
    ("birgit", "introduced-by", "julia", ""),
    ("henrik", "introduced-by", "ralf", ""),
    ("lars", "introduced-by", "ana", ""),
    ("julia", "reports-to", "birgit", ""),
    ("martin", "mentor-of", "jonas", "Jonas did his internship with Martin."),
    ("elena", "mentor-of", "stefan", ""),
    ("david", "friend", "julia", ""),
    ("kenji", "colleague", "ana", ""),
    ("bernd", "mentor-of", "boss", ""),
)


@dataclass(frozen=True)
class _Moment:
    """A scripted interaction: who, how many days ago, what, and what changed hands.

    An exchange is (participant key, direction, kind, description, weight, outcome, thanked).
    """

    keys: tuple[str, ...]
    days_ago: int
    kind: str
    summary: str
    exchanges: tuple[tuple[str, str, str, str, int, str, bool], ...] = ()
    notes: str = ""


# fmt: off
STORY: tuple[_Moment, ...] = (
    _Moment(("boss",), 0, "meeting", "1:1: the promotion case and the platform roadmap",
            (("boss", "received", "advice", "How to frame the promotion case", 2, "", True),)),
    _Moment(("doorman",), 0, "other", "Chat at reception: the board meets on Thursday",
            (("doorman", "received", "information",
              "Heads-up: the board visits the platform team on Thursday", 1, "", True),)),
    _Moment(("doorman",), 58, "other", "Brought him Christmas chocolates",
            (("doorman", "gave", "gift", "Christmas chocolates for the reception team", 1,
              "", False),)),
    _Moment(("doorman",), 120, "other", "Chat at reception: the new CFO is coming",
            (("doorman", "received", "information",
              "Knew about the new CFO a week before the announcement", 2, "", True),)),
    _Moment(("boss",), 90, "message", "Took over the quarterly platform report",
            (("boss", "gave", "help", "Wrote the quarterly platform report for her", 2, "",
              False),)),
    _Moment(("boss",), 160, "meeting", "Covered her on-call weekend",
            (("boss", "gave", "favour", "Covered the on-call weekend for her", 2, "", False),)),
    _Moment(("boss",), 300, "coffee", "Coffee: the architecture board",
            (("boss", "received", "recommendation",
              "Recommended me for the architecture board", 3,
              "Joined the architecture board", True),)),
    _Moment(("julia",), 160, "lunch", "Lunch at the Elbstrand: the lead role at Hanseatic",
            (("julia", "received", "recommendation",
              "Recommended me for the Lead Engineer role at Hanseatic", 3,
              "Got an interview", False),),
            "She asked nothing in return. Thank her!"),
    _Moment(("julia",), 210, "call", "Call: introduced me to Yusuf",
            (("julia", "received", "introduction", "Introduction to Yusuf Aydın", 2,
              "Coffee with Yusuf, now in touch", True),)),
    _Moment(("yusuf",), 9, "email", "E-mail: introduced me to Chiara Romano",
            (("yusuf", "received", "introduction", "Introduction to Chiara at Elbe Ventures",
              2, "", False),)),
    _Moment(("martin",), 500, "call", "Reference call for the Nordwind job",
            (("martin", "received", "recommendation", "Reference for the Nordwind job", 3,
              "Got the job", True),)),
    _Moment(("prof",), 400, "meeting", "Guest lecture at TU Hamburg",
            (("prof", "gave", "help", "Gave a guest lecture on platform engineering", 2, "",
              False),
             ("prof", "received", "introduction", "Introduction to Dr. Priya Raman", 2,
              "Joint paper idea", True))),
    _Moment(("ralf",), 40, "event", "Talk at the Softwarearchitektur Nord meetup",
            (("ralf", "gave", "help", "Gave the opening talk of the autumn meetup", 2, "",
              False),)),
    _Moment(("ralf",), 250, "event", "Workshop for the association",
            (("ralf", "gave", "help", "Ran the event-sourcing workshop", 2, "", False),)),
    _Moment(("ralf",), 480, "event", "Panel at the association's summer meeting",
            (("ralf", "gave", "advice", "Advised on the speaker programme", 2, "", False),)),
    _Moment(("jan",), 12, "message", "He reviewed the migration design",
            (("jan", "received", "help", "Thorough review of the migration design", 2, "",
              False),)),
    _Moment(("jan",), 75, "coffee", "Coffee: he stood in at the steering meeting",
            (("jan", "received", "favour", "Stood in for me at the steering meeting", 2, "",
              False),)),
    _Moment(("jan",), 190, "call", "Call: advice on the Kafka outage",
            (("jan", "received", "advice", "Advice on handling the Kafka outage", 1, "",
              False),)),
    _Moment(("markus",), 230, "call", "Call: salary bands in Hamburg",
            (("markus", "received", "information", "Salary bands for engineering managers",
              2, "", True),
             ("markus", "received", "information", "Which scale-ups are hiring leads", 1,
              "", True))),
    _Moment(("aylin",), 20, "lunch", "Lunch: the customer escalation at Baltic Freight",
            (("aylin", "received", "information", "Early word on the Baltic Freight "
              "escalation", 1, "", True),
             ("aylin", "gave", "advice", "Ideas for the platform roadmap review", 1, "",
              False))),
    _Moment(("jonas",), 30, "meeting", "Mentoring: his path to tech lead",
            (("jonas", "gave", "advice", "Career advice: the path to tech lead", 1, "",
              False),)),
    _Moment(("emre",), 45, "coffee", "Coffee: his certification",
            (("emre", "gave", "recommendation", "Recommended him for the cloud certification "
              "budget", 2, "Certification approved", False),)),
    _Moment(("elena",), 25, "call", "Coaching call: the promotion conversation",
            (("elena", "received", "advice", "Prepared the promotion conversation", 2, "",
              True),)),
    _Moment(("assistant",), 65, "coffee", "Coffee: a slot in the CEO's calendar",
            (("assistant", "received", "favour", "Found a slot with the CEO for the AI pilot",
              2, "Pitched the AI pilot", True),)),
    _Moment(("ceo",), 64, "meeting", "Pitched the AI pilot to the CEO"),
    _Moment(("cto", "boss", "jan", "lukas"), 7, "meeting", "Architecture board: event bus"),
    _Moment(("lars", "ana"), 290, "event", "Nordic DevDays 2025, Oslo"),
    _Moment(("kenji",), 380, "event", "Cloud architecture certification course",
            (("kenji", "received", "help", "Extra session before the exam", 1, "Passed", True),)),
)
# fmt: on

GOALS: tuple[tuple[str, str, int, bool, tuple[str, ...]], ...] = (
    (
        "Promotion to Head of Platform Architecture",
        "The new role is decided in the autumn calibration.",
        240,
        False,
        ("boss", "cto", "hr", "elena", "martin"),
    ),
    (
        "Speak at Nordic DevDays 2026",
        "Submit a talk on the platform migration.",
        150,
        False,
        ("lars", "ana", "ralf"),
    ),
    (
        "Plan B: an engineering manager role at a scale-up",
        "Keep the options open.",
        365,
        False,
        ("julia", "markus", "yusuf", "chiara", "birgit"),
    ),
    ("Cloud architecture certification", "", -300, True, ("kenji", "emre")),
)

FOLLOW_UPS: tuple[tuple[str, str, int, str], ...] = (
    ("julia", "todo", -2, "Thank Julia for the Hanseatic recommendation"),
    ("prof", "todo", 3, "Send her the article on event sourcing"),
    ("boss", "todo", 10, "Prepare talking points for the promotion conversation"),
    ("yusuf", "todo", 1, "Congratulate on the Series A"),
    ("chiara", "todo", 14, "Suggest a coffee"),
    ("priya", "snooze", 30, "Back from Montréal next month"),
)

# --- vocabulary for generated people ----------------------------------------------------

_FIRST = {
    "de": (
        "Anna Lena Laura Julia Sarah Lisa Katharina Marie Hannah Johanna Maria Sabine "
        "Claudia Nicole Stefanie Andrea Kerstin Birgit Franziska Miriam Paul Lukas Felix "
        "Jonas Leon Maximilian Tobias Florian Sebastian Alexander Christian Michael Thomas "
        "Andreas Stefan Frank Jürgen Uwe Matthias Jens Kai Jörg Björn Malte Hauke Ole"
    ),
    "tr": "Ayşe Elif Zeynep Emine Deniz Mehmet Mustafa Ahmet Can Burak Murat Kemal",
    "pl": "Agnieszka Katarzyna Magdalena Piotr Tomasz Krzysztof Paweł Marek",
    "it": "Giulia Francesca Chiara Alessandro Marco Luca Matteo Davide",
    "fr": "Camille Chloé Léa Élodie Julien Mathieu Antoine Nicolas Sébastien",
    "es": "Lucía Carmen Sofía Javier Pablo Diego Alejandro Marta",
    "en": "Emily Olivia Charlotte James Oliver Harry George William Sean Aoife",
    "nl": "Sanne Femke Daan Bram Sem Thijs",
    "nordic": "Ingrid Astrid Freja Sigrid Erik Lars Nils Magnus Oskar",
    "zh": "Wei Li Na Jing Hao Yan Jun Xin",
    "in": "Priya Ananya Divya Arjun Rohan Vikram Rahul Neha",
    "ar": "Layla Amira Nour Omar Karim Youssef Tarek",
    "gr": "Eleni Maria Dimitris Nikos Giorgos Katerina",
    "jp": "Yuki Haruka Aoi Kenta Takumi Hiroshi",
    "ua": "Olena Iryna Oksana Andrii Dmytro Taras",
}
_LAST = {
    "de": (
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
        "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun "
        "Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Köhler Herrmann "
        "König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn "
        "Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann "
        "Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer "
        "Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf "
        "Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold "
        "Wolff Pfeiffer Petersen Jensen Hansen Carstens Thomsen"
    ),
    "tr": "Yılmaz Kaya Demir Şahin Çelik Yıldız Aydın Öztürk Arslan Doğan",
    "pl": "Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński",
    "it": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci",
    "fr": "Martin Bernard Dubois Laurent Lefèvre Moreau Girard Fontaine",
    "es": "García Fernández González Rodríguez López Martínez Sánchez",
    "en": "Smith Jones Taylor Brown Williams Wilson Murphy O'Connor Walsh",
    "nl": "de_Jong Jansen de_Vries van_den_Berg Bakker Visser",
    "nordic": "Johansson Andersson Nilsson Larsen Hansen Eriksson Lindqvist",
    "zh": "Wang Li Zhang Liu Chen Yang Huang Zhao",
    "in": "Sharma Patel Gupta Iyer Reddy Nair Raman",
    "ar": "Haddad Khalil Mansour Nasser Saleh Hassan",
    "gr": "Papadopoulos Georgiou Nikolaou Pappas Vlachos",
    "jp": "Tanaka Suzuki Sato Takahashi Watanabe Ito",
    "ua": "Shevchenko Kovalenko Bondarenko Tkachenko Melnyk",
}
_CULTURE_WEIGHTS = {
    "de": 60,
    "tr": 5,
    "pl": 4,
    "it": 3,
    "fr": 3,
    "es": 3,
    "en": 4,
    "nl": 2,
    "nordic": 3,
    "zh": 3,
    "in": 3,
    "ar": 2,
    "gr": 2,
    "jp": 1,
    "ua": 2,
}

_NORDWIND_DEPTS = (
    "Platform Engineering",
    "Payments",
    "Data & Analytics",
    "Product",
    "Sales",
    "Finance",
    "People & Culture",
    "Customer Success",
    "IT Services",
    "Logistics Software",
    "Security",
)
_NORDWIND_TITLES = {
    Level.ABOVE: (
        "Head of Sales Operations",
        "Director Finance",
        "VP Product",
        "Head of Data",
        "Bereichsleiter Logistiksoftware",
        "Head of Customer Success",
    ),
    Level.PEER: (
        "Senior Software Engineer",
        "Product Owner",
        "Scrum Master",
        "Data Engineer",
        "UX Designer",
        "Solution Architect",
        "Key Account Manager",
        "Controller",
        "QA Lead",
        "Team Lead",
    ),
    Level.BELOW: (
        "Software Engineer",
        "Junior Developer",
        "Werkstudentin Softwareentwicklung",
        "IT Support Specialist",
        "Trainee",
        "Auszubildende Fachinformatikerin",
    ),
}
_EXTERNAL_ORGS = {
    Circle.UNIVERSITY: (
        "TU Hamburg",
        "Universität Hamburg",
        "HAW Hamburg",
        "KTH Stockholm",
        "Hanseatic Logistics AG",
        "Elbe Consulting GmbH",
        "Quantenwerk GmbH",
    ),
    Circle.ASSOCIATION: (
        "Softwarearchitektur Nord e.V.",
        "Gesellschaft für Informatik",
        "Women in Tech Hamburg",
        "VDI Hamburg",
        "Digitalcluster Nord e.V.",
    ),
    Circle.EVENT: (
        "CloudFjord AS",
        "Soundwave AB",
        "Alster Payments GmbH",
        "Sapphire Analytics Ltd",
        "Lumière Paiements SAS",
        "Tessera Software S.r.l.",
        "Kranich Robotics GmbH",
        "Medisense GmbH",
    ),
    Circle.TRAINING: (
        "Hafenblick Digital GmbH",
        "Nordlicht Energie AG",
        "Baltic Freight Systems",
        "Fjordbank ASA",
        "Brückner & Partner Rechtsanwälte",
    ),
    Circle.PRIVATE: ("", "", "Fjordbank ASA", "Stadtwerke Hamburg"),
    Circle.OTHER: (
        "Talentbrücke GmbH",
        "Elbe Ventures",
        "Elbwerk Software GmbH",
        "Nordlicht Energie AG",
    ),
}
_EXTERNAL_TITLES = (
    "Engineering Manager",
    "CTO",
    "Staff Engineer",
    "Principal Consultant",
    "Developer Advocate",
    "Head of Engineering",
    "Recruiter",
    "Data Scientist",
    "Founder",
    "Product Lead",
    "Partner",
    "IT Project Manager",
    "Research Associate",
    "PhD Candidate",
    "Lecturer",
)
_EXTERNAL_CIRCLES = (
    Circle.UNIVERSITY,
    Circle.ASSOCIATION,
    Circle.EVENT,
    Circle.TRAINING,
    Circle.PRIVATE,
    Circle.OTHER,
)
_EXTERNAL_CIRCLE_WEIGHTS = (25, 15, 25, 15, 10, 10)
_TAGS = (
    "kotlin",
    "cloud",
    "hiring",
    "alumni-tuhh",
    "vdsa",
    "devdays",
    "mentoring",
    "running-club",
    "data",
    "security",
    "product",
    "ai",
    "startup",
    "meetup",
)
_PRIVATE_DOMAINS = ("web.de", "gmx.de", "posteo.de", "mailbox.org", "gmail.com")
_NOTES = (
    "Met at the booth; interested in platform engineering.",
    "Knows the hiring managers at two scale-ups.",
    "Prefers calls to e-mail.",
    "Good contact for cloud cost questions.",
    "Works on logistics optimisation.",
    "Asked for the slides of the talk.",
    "Plays in the company football team.",
    "Speaks at meetups about data mesh.",
)

_TOPICS = (
    "the platform migration",
    "Kubernetes costs",
    "the reorg rumours",
    "hiring plans",
    "career plans",
    "the promotion process",
    "event sourcing",
    "next year's budget",
    "the on-call rotation",
    "the conference talk",
    "AI in logistics",
    "remote work",
    "the customer escalation",
    "the data platform",
    "team health",
)
_KIND_TEMPLATES = {
    "lunch": ("Lunch at the canteen: {t}", "Lunch by the harbour: {t}", "Lunch: {t}"),
    "coffee": ("Coffee: {t}", "Quick coffee at the espresso bar"),
    "after-work": ("After-work drinks at the Elbstrand", "Feierabendbier: {t}"),
    "call": ("Call about {t}", "Catch-up call"),
    "email": ("E-mail: shared an article on {t}", "E-mail about {t}"),
    "message": ("Message about {t}", "Congratulated on the new role"),
    "meeting": ("1:1 about {t}", "Meeting: {t}"),
    "event": (
        "Met at the Softwarearchitektur Nord meetup",
        "Nordic DevDays",
        "Hamburg tech meetup: {t}",
    ),
    "other": ("Ran into each other at the station", "Chat in the hallway: {t}"),
}
_KINDS_BY_CIRCLE = {
    Circle.WORK: (
        ("meeting", 30),
        ("coffee", 20),
        ("lunch", 15),
        ("message", 15),
        ("email", 10),
        ("after-work", 4),
        ("call", 4),
        ("other", 2),
    ),
    None: (
        ("call", 20),
        ("email", 20),
        ("coffee", 15),
        ("lunch", 12),
        ("event", 12),
        ("message", 12),
        ("after-work", 6),
        ("meeting", 2),
        ("other", 1),
    ),
}
_EXCHANGE_KINDS = (
    ("information", 30),
    ("advice", 20),
    ("help", 25),
    ("introduction", 7),
    ("recommendation", 6),
    ("favour", 8),
    ("gift", 4),
)
_EXCHANGE_TEXTS = {
    "information": ("News about {t}", "Insider view on {t}"),
    "advice": ("Advice on {t}", "Feedback on the plan for {t}"),
    "help": ("Help with {t}", "Reviewed the design for {t}"),
    "introduction": ("Introduction to a contact working on {t}",),
    "recommendation": ("Recommendation for a role in {t}", "Recommended as a speaker on {t}"),
    "favour": ("Stood in at a meeting", "Lent the conference ticket"),
    "gift": ("A book on {t}", "Flowers after the launch"),
}
_OUTCOMES = ("Got an interview", "New client", "Now working together", "Speaking slot", "")


def create_demo(
    n_contacts: int = DEFAULT_CONTACTS,
    *,
    seed: int = SEED,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo network; refuses one that holds contacts."""
    if not 1 <= n_contacts <= MAX_CONTACTS:
        raise ValueError(f"n_contacts must be between 1 and {MAX_CONTACTS}")
    today = today or dt.date.today()
    report = progress or (lambda message: None)
    with database.atomic():
        existing = Contact.select().count()
        if existing:
            raise DatabaseRefused(
                f"the database already holds {existing} contacts; the demo only fills an "
                "empty database (use --db with a new file)"
            )
        # Bulk rows without the timeline index's per-row triggers; rebuilt once at the end.
        with timeline_search_suspended(database):
            writer = _Writer(random.Random(seed), today)
            writer.write_cast(CAST[:n_contacts])
            writer.flush()
            report(f"demo: {writer.contacts_written}/{n_contacts} contacts written")
            while writer.contacts_written < n_contacts:
                writer.write_generated(min(BATCH, n_contacts - writer.contacts_written))
                writer.flush()
                report(f"demo: {writer.contacts_written}/{n_contacts} contacts written")
            writer.write_goals_and_follow_ups()
            writer.flush()
            settings.set_value("user_name", USER_NAME)
            settings.set_value("user_organization", USER_ORGANIZATION)
            settings.set_value("onboarded", True)
            report("demo: computing last contact, balance and due dates")
            refresh_derived()
            report("demo: building the search index")
            reindex()
        report("demo: committing")
        counts = {
            table: database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("contact", "interaction", "exchange", "relationship", "goal")
        }
        due = len(due_contacts(today, include_snoozed=False))
    return DemoSummary(
        user_name=USER_NAME,
        user_organization=USER_ORGANIZATION,
        contacts=counts["contact"],
        interactions=counts["interaction"],
        exchanges=counts["exchange"],
        relationships=counts["relationship"],
        goals=counts["goal"],
        due=due,
    )


def ascii_slug(text: str, sep: str = ".") -> str:
    """``Aylin Yılmaz`` -> ``aylin.yilmaz``: e-mail local parts and domains."""
    text = text.replace("ß", "ss").replace("ı", "i")
    for umlaut, plain in (
        ("ä", "ae"),
        ("ö", "oe"),
        ("ü", "ue"),
        ("Ä", "Ae"),
        ("Ö", "Oe"),
        ("Ü", "Ue"),
    ):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, text.lower()).strip(sep)


_LEGAL_FORMS = re.compile(r"\b(GmbH|AG|AS|AB|ASA|SAS|S\.r\.l\.|Ltd|e\.V\.)$")
_DOMAIN_OVERRIDES = {
    NORDWIND: "nordwind-systems.de",
    "TU Hamburg": "tuhh.de",
    "Universität Hamburg": "uni-hamburg.de",
    "HAW Hamburg": "haw-hamburg.de",
    "KTH Stockholm": "kth.se",
    "Gesellschaft für Informatik": "gi.de",
}
_TLDS = {"AS": "no", "ASA": "no", "AB": "se", "SAS": "fr", "S.r.l.": "it", "Ltd": "co.uk"}


def organization_domain(org: str) -> str:
    if org in _DOMAIN_OVERRIDES:
        return _DOMAIN_OVERRIDES[org]
    m = _LEGAL_FORMS.search(org)
    tld = _TLDS.get(m.group(1), "de") if m else "de"
    return f"{ascii_slug(_LEGAL_FORMS.sub('', org).strip(), '-')}.{tld}"


@dataclass
class _Rows:
    """Rows waiting for the next :meth:`_Writer.flush`, one list per table."""

    contacts: list[tuple[object, ...]] = field(default_factory=list)
    emails: list[tuple[object, ...]] = field(default_factory=list)
    phones: list[tuple[object, ...]] = field(default_factory=list)
    links: list[tuple[object, ...]] = field(default_factory=list)
    tags: list[tuple[object, ...]] = field(default_factory=list)
    contact_tags: list[tuple[object, ...]] = field(default_factory=list)
    interactions: list[tuple[object, ...]] = field(default_factory=list)
    participants: list[tuple[object, ...]] = field(default_factory=list)
    exchanges: list[tuple[object, ...]] = field(default_factory=list)
    relationships: list[tuple[object, ...]] = field(default_factory=list)
    goals: list[tuple[object, ...]] = field(default_factory=list)
    goal_contacts: list[tuple[object, ...]] = field(default_factory=list)
    follow_ups: list[tuple[object, ...]] = field(default_factory=list)


_INSERTS = {
    "contacts": "INSERT INTO contact (id, formatted_name, given_name, family_name, nickname, "
    "organization, department, title, birthday, notes, level, circle, roles, trust, "
    "cadence_days, archived, kept_properties, created_at, updated_at, balance) "
    "VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, 0)",
    "emails": "INSERT INTO email_address (contact_id, address, label, position) "
    "VALUES (?, ?, ?, ?)",
    "phones": "INSERT INTO phone_number (contact_id, number, normalized, label, position) "
    "VALUES (?, ?, ?, ?, 0)",
    "links": "INSERT INTO link (contact_id, url, label, position) VALUES (?, ?, 'LinkedIn', 0)",
    "tags": "INSERT INTO tag (id, name) VALUES (?, ?)",
    "contact_tags": "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
    "interactions": "INSERT INTO interaction (id, occurred_on, kind, summary, notes, created_at, "
    "uid) VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))",
    "participants": "INSERT OR IGNORE INTO participant (interaction_id, contact_id) VALUES (?, ?)",
    "exchanges": "INSERT INTO exchange (contact_id, interaction_id, occurred_on, direction, "
    "kind, description, weight, outcome, thanked, created_at, uid) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))",
    "relationships": "INSERT OR IGNORE INTO relationship (source_id, target_id, type, note, "
    "created_at) VALUES (?, ?, ?, ?, ?)",
    "goals": "INSERT INTO goal (id, title, description, target_date, achieved, created_at, uid) "
    "VALUES (?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))",
    "goal_contacts": "INSERT INTO goal_contact (goal_id, contact_id, note) VALUES (?, ?, '')",
    "follow_ups": "INSERT INTO follow_up (contact_id, kind, due_on, text, done, created_at, uid) "
    "VALUES (?, ?, ?, ?, 0, ?, lower(hex(randomblob(16))))",
}


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> Callable[[], str]:
    values = [v for v, _ in pairs]
    cumulative = []
    total = 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)

    def pick() -> str:
        return rng.choices(values, cum_weights=cumulative)[0]

    return pick


class _Writer:
    """Turns the cast and generated people into rows and writes them in bulk."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.rows = _Rows()
        self.now = f"{today.isoformat()} 09:00:00"
        self.contact_id = self._max_id("contact")
        self.interaction_id = self._max_id("interaction")
        self.tag_next = self._max_id("tag")
        self.tag_ids = {
            name.casefold(): tid for tid, name in database.execute_sql("SELECT id, name FROM tag")
        }
        self.contacts_written = 0
        self.keys: dict[str, int] = {}
        self.last_days: dict[int, int] = {}  # planned days since the last interaction
        self.used_emails: set[str] = set()
        self._days = [(today - dt.timedelta(days=d)).isoformat() for d in range(HISTORY_DAYS + 2)]
        self._stamps = [f"{d} 18:00:00" for d in self._days]
        self.defaults = settings.default_cadences()
        self.pick_kind = {c: _weighted(rng, kinds) for c, kinds in _KINDS_BY_CIRCLE.items()}
        self.pick_exchange = _weighted(rng, _EXCHANGE_KINDS)
        self.cultures = list(_CULTURE_WEIGHTS)
        self.culture_weights = list(_CULTURE_WEIGHTS.values())
        self.first = {k: v.split() for k, v in _FIRST.items()}
        self.last = {k: [n.replace("_", " ") for n in v.split()] for k, v in _LAST.items()}
        self.summaries = {
            kind: [tpl.format(t=t) for tpl in tpls for t in _TOPICS]
            for kind, tpls in _KIND_TEMPLATES.items()
        }
        self.exchange_texts = {
            kind: [tpl.format(t=t) for tpl in tpls for t in _TOPICS]
            for kind, tpls in _EXCHANGE_TEXTS.items()
        }

    @staticmethod
    def _max_id(table: str) -> int:
        return int(database.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0])

    def flush(self) -> None:
        cursor = database.cursor()
        for name, sql in _INSERTS.items():
            rows = getattr(self.rows, name)
            if rows:
                cursor.executemany(sql, rows)
        self.rows = _Rows()

    # --- people --------------------------------------------------------------------------

    def _contact(
        self,
        name: str,
        given: str,
        family: str,
        org: str,
        dept: str,
        title: str,
        birthday: str | None,
        notes: str,
        level: Level,
        circle: Circle,
        roles: Sequence[Role],
        trust: int,
        cadence: int | None,
        archived: bool,
        since: int,
    ) -> int:
        self.contact_id += 1
        self.contacts_written += 1
        created = f"{self._days[min(since, HISTORY_DAYS + 1)]} 09:00:00"
        self.rows.contacts.append(
            (
                self.contact_id,
                name,
                given,
                family,
                org,
                dept,
                title,
                birthday,
                notes,
                level.value,
                circle.value,
                ",".join(r.value for r in roles),
                trust,
                cadence,
                int(archived),
                created,
                created,
            )
        )
        return self.contact_id

    def _email(self, cid: int, given: str, family: str, domain: str, label: str) -> None:
        local = ascii_slug(f"{given} {family}") or "contact"
        address = f"{local}@{domain}"
        n = 1
        while address in self.used_emails:
            n += 1
            address = f"{local}{n}@{domain}"
        self.used_emails.add(address)
        self.rows.emails.append((cid, address, label, 0 if label == "work" else 1))

    def _phone(self, cid: int) -> None:
        digits = f"{self.rng.randrange(10**7, 10**8)}"
        prefix = self.rng.choice(("151", "160", "170", "176"))
        # Shown the way the form and the importer show a number (phonenumbers' grouping).
        display, key, _ = normalized_phone(f"+49{prefix}{digits}", "DE")
        self.rows.phones.append((cid, display, key, "cell"))

    def _tag(self, cid: int, name: str) -> None:
        tid = self.tag_ids.get(name.casefold())
        if tid is None:
            self.tag_next += 1
            tid = self.tag_ids[name.casefold()] = self.tag_next
            self.rows.tags.append((tid, name))
        self.rows.contact_tags.append((cid, tid))

    def _relationship(self, source: int, type_: str, target: int, note: str = "") -> None:
        if source != target:
            self.rows.relationships.append((source, target, type_, note, self.now))

    def write_cast(self, cast: Sequence[_Person]) -> None:
        for person in cast:
            parts = person.name.replace("Prof. ", "").replace("Dr. ", "").split()
            given, family = parts[0], " ".join(parts[1:])
            birthday = person.birthday
            if birthday == "soon":
                birthday = f"1991-{self.today + dt.timedelta(days=4):%m-%d}"
            cid = self._contact(
                person.name,
                given,
                family,
                person.org,
                person.dept,
                person.title,
                birthday,
                person.notes,
                person.level,
                person.circle,
                person.roles,
                person.trust,
                person.cadence,
                person.archived,
                person.since,
            )
            self.keys[person.key] = cid
            domain = organization_domain(person.org) if person.org else "posteo.de"
            self._email(cid, given, family, domain, "work" if person.org else "home")
            if person.phone:
                self._phone(cid)
            for tag in person.tags:
                self._tag(cid, tag)
            self.rows.links.append(
                (cid, f"https://www.linkedin.com/in/{ascii_slug(person.name, '-')}")
            )
            self._history(
                cid,
                person.level,
                person.circle,
                person.cadence,
                person.meetings,
                person.overdue,
                person.since,
            )
        for source, type_, target, note in CAST_RELATIONSHIPS:
            if source in self.keys and target in self.keys:
                self._relationship(self.keys[source], type_, self.keys[target], note)
        for moment in STORY:
            self._moment(moment)
        self._team_rituals()

    def _moment(self, moment: _Moment) -> None:
        ids = [self.keys[k] for k in moment.keys if k in self.keys]
        if not ids:
            return
        iid = self._interaction(moment.days_ago, moment.kind, moment.summary, moment.notes)
        for cid in ids:
            self.rows.participants.append((iid, cid))
        for key, direction, kind, text, weight, outcome, thanked in moment.exchanges:
            if key in self.keys:
                self.rows.exchanges.append(
                    (
                        self.keys[key],
                        iid,
                        self._days[moment.days_ago],
                        direction,
                        kind,
                        text,
                        weight,
                        outcome,
                        int(thanked),
                        self._stamps[moment.days_ago],
                    )
                )

    def _team_rituals(self) -> None:
        """Monthly team lunches and stammtisch evenings: interactions with several people."""
        team = [self.keys[k] for k in ("jonas", "lea", "emre", "sophie", "nils") if k in self.keys]
        club = [self.keys[k] for k in ("ralf", "clara", "henrik") if k in self.keys]
        for days_ago in range(3, HISTORY_DAYS, 30):
            self._group(team, days_ago, "lunch", "Team lunch")
        for days_ago in range(50, HISTORY_DAYS, 61):
            self._group(club, days_ago, "after-work", "Stammtisch of Softwarearchitektur Nord")

    def _group(self, people: Sequence[int], days_ago: int, kind: str, summary: str) -> None:
        """One interaction with those of ``people`` it leaves as neglected as planned."""
        present = [
            cid
            for cid in people
            if self.last_days.get(cid, 0) <= days_ago and self.rng.random() < 0.8
        ]
        if len(present) < 2:
            return
        iid = self._interaction(days_ago, kind, summary)
        for cid in present:
            self.rows.participants.append((iid, cid))

    def _interaction(self, days_ago: int, kind: str, summary: str, notes: str = "") -> int:
        self.interaction_id += 1
        self.rows.interactions.append(
            (
                self.interaction_id,
                self._days[days_ago],
                kind,
                summary,
                notes,
                self._stamps[days_ago],
            )
        )
        return self.interaction_id

    def _history(
        self,
        cid: int,
        level: Level,
        circle: Circle,
        cadence: int | None,
        count: int,
        overdue: bool,
        since: int,
        exchange_rate: float = 0.0,
    ) -> list[tuple[int, int]]:
        """Interactions over the years since we met, the last one planned so the contact is
        overdue (or not); returns (interaction id, days ago) of each."""
        effective = self.defaults[level.value] if cadence is None else cadence
        spacing = effective or 60
        rng = self.rng
        if overdue and effective:
            last = spacing + rng.randint(3, 45)
        else:
            last = rng.randint(0, max(0, spacing - 3))
        last = min(last, since)
        self.last_days[cid] = last if count else since
        if not count:
            return []
        days = [last]
        mean = max(2, (since - last) // max(1, count - 1))
        low, high = max(1, mean // 2), max(2, mean * 3 // 2)
        d = last
        for _ in range(count - 1):
            d += rng.randint(low, high)
            if d > since:
                break
            days.append(d)
        pick_kind = self.pick_kind[Circle.WORK if circle == Circle.WORK else None]
        made = []
        for day in days:
            kind = pick_kind()
            iid = self._interaction(day, kind, rng.choice(self.summaries[kind]))
            self.rows.participants.append((iid, cid))
            made.append((iid, day))
            if exchange_rate and rng.random() < exchange_rate:
                self._exchange(cid, iid, day)
        return made

    def _exchange(self, cid: int, iid: int, day: int) -> None:
        rng = self.rng
        kind = self.pick_exchange()
        direction = "gave" if rng.random() < 0.5 else "received"
        weight = 1 if rng.random() < 0.7 else (2 if rng.random() < 0.85 else 3)
        outcome, thanked = "", False
        if kind in ("introduction", "recommendation"):
            outcome = rng.choice(_OUTCOMES)
        if direction == "received":
            thanked = rng.random() < 0.75
        self.rows.exchanges.append(
            (
                cid,
                iid,
                self._days[day],
                direction,
                kind,
                rng.choice(self.exchange_texts[kind]),
                weight,
                outcome,
                int(thanked),
                self._stamps[day],
            )
        )

    def write_generated(self, count: int) -> None:
        """``count`` generated people: colleagues at Nordwind and externals of every circle."""
        rng = self.rng
        batch: list[int] = []
        managers = [self.keys[k] for k in ("boss", "cto", "vp_sales") if k in self.keys]
        for _ in range(count):
            culture = rng.choices(self.cultures, self.culture_weights)[0]
            given = rng.choice(self.first[culture])
            family = rng.choice(self.last[culture])
            name = f"{given} {family}"
            if rng.random() < 0.35:
                level = rng.choices((Level.ABOVE, Level.PEER, Level.BELOW), (10, 55, 35))[0]
                circle = Circle.WORK
                org, dept = NORDWIND, rng.choice(_NORDWIND_DEPTS)
                title = rng.choice(_NORDWIND_TITLES[level])
            else:
                level = Level.EXTERNAL
                circle = rng.choices(_EXTERNAL_CIRCLES, _EXTERNAL_CIRCLE_WEIGHTS)[0]
                org, dept = rng.choice(_EXTERNAL_ORGS[circle]), ""
                title = rng.choice(_EXTERNAL_TITLES) if org else ""
            roll = rng.random()
            cadence = None
            if roll < 0.02:
                cadence = 0
            elif roll < 0.07:
                cadence = rng.choice((14, 21, 60, 120))
            birthday = None
            if rng.random() < 0.35:
                month, day = rng.randint(1, 12), rng.randint(1, 28)
                birthday = (
                    f"--{month:02d}-{day:02d}"
                    if rng.random() < 0.33
                    else f"{rng.randint(1960, 2001)}-{month:02d}-{day:02d}"
                )
            roles = (rng.choice(list(Role)),) if rng.random() < 0.1 else ()
            since = rng.randint(40, HISTORY_DAYS)
            cid = self._contact(
                name,
                given,
                family,
                org,
                dept,
                title,
                birthday,
                rng.choice(_NOTES) if rng.random() < 0.3 else "",
                level,
                circle,
                roles,
                rng.choice((2, 3, 3, 3, 4, 4, 5)),
                cadence,
                rng.random() < 0.02,
                since,
            )
            domain = organization_domain(org) if org else rng.choice(_PRIVATE_DOMAINS)
            self._email(cid, given, family, domain, "work" if org else "home")
            if org and rng.random() < 0.2:
                self._email(cid, given, family, rng.choice(_PRIVATE_DOMAINS), "home")
            if rng.random() < 0.4:
                self._phone(cid)
            if rng.random() < 0.25:
                self.rows.links.append(
                    (cid, f"https://www.linkedin.com/in/{ascii_slug(name, '-')}-{cid}")
                )
            for tag in rng.sample(_TAGS, rng.choice((0, 0, 1, 1, 2))):
                self._tag(cid, tag)
            made = self._history(
                cid,
                level,
                circle,
                cadence,
                rng.randint(5, 17),
                rng.random() < 0.06,
                since,
                exchange_rate=0.15,
            )
            earlier = batch[-200:]
            if circle == Circle.WORK and managers and rng.random() < 0.3:
                self._relationship(cid, "reports-to", rng.choice(managers))
            if earlier and rng.random() < 0.3:
                other = rng.choice(earlier)
                self._relationship(cid, "colleague" if circle == Circle.WORK else "knows", other)
            if earlier and circle != Circle.WORK and rng.random() < 0.25:
                self._relationship(cid, "introduced-by", rng.choice(earlier))
            if earlier and made and rng.random() < 0.3:
                iid, day = rng.choice(made)
                others = [
                    o for o in rng.sample(earlier, min(2, len(earlier))) if self.last_days[o] <= day
                ]
                for other in others:
                    self.rows.participants.append((iid, other))
            batch.append(cid)

    def write_goals_and_follow_ups(self) -> None:
        goal_id = self._max_id("goal")
        for title, description, in_days, achieved, keys in GOALS:
            goal_id += 1
            target = (self.today + dt.timedelta(days=in_days)).isoformat()
            self.rows.goals.append((goal_id, title, description, target, int(achieved), self.now))
            for key in keys:
                if key in self.keys:
                    self.rows.goal_contacts.append((goal_id, self.keys[key]))
        for key, kind, in_days, text in FOLLOW_UPS:
            if key in self.keys:
                due = (self.today + dt.timedelta(days=in_days)).isoformat()
                self.rows.follow_ups.append((self.keys[key], kind, due, text, self.now))
