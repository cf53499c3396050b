"""An independent reading of Waymark's public contract: the clocks of DOMAIN.md section 5 and
the journey stage and command line outputs of DATA.md.

Written from ../shared/DOMAIN.md and ../shared/DATA.md alone (never from src/core), so that a
disagreement with `waymark due --all` or `waymark status` is a question for one side or the
other. Standard library only. The 21 default standards and their extra rules are hard-coded
here from DOMAIN.md's two tables.

Where the documents leave a choice open, the choice made is marked READING below, so that a
disagreement can be traced to it (docs/oracle.md lists them).
"""

from __future__ import annotations

import calendar
import csv
import dataclasses
import datetime as dt
from dataclasses import dataclass, field

WARNING_DAYS = 14  # DOMAIN.md 5: "due_soon when due - D is 0 to 14 days"

AWAY_ROUTES = {"po", "poa", "adoption", "kinship_care_order"}  # DATA.md: route "away from home"
PERMANENT_DESTINATIONS = {"home", "kinship_care_order", "po", "adoption", "sgo", "cao"}
CSO_MADE = {"cso", "cso_continued", "cso_varied"}
CSO_STOPS = CSO_MADE | {"discharged"}

Date = dt.date

# The rules issue 12 changed, by name. `OLD_RULES` holds those to apply as they were before it
# (for classifying a disagreement with an older engine: check.py --old-rules); empty means
# the contract as it is now.
RULE_CHANGES = {
    "new-standards": "health-assessment-4w, pace-advice-2w and kinship-18w",
    "give-up": "pace-72h and pace-mentoring-2w give up at the first LAR and panel",
    "lapse": "ICSOs and CSOs lapse; a stop after due does not count",
    "day-one": "an ICSO's day made is day 1 (due = made + 21 days)",
    "cso-stops": "a CSO clock stops only at cso, cso_continued, cso_varied or discharged",
    "cso-18": "a CSO clock ends at the 18th birthday",
    "home-returned": "a returned_home while looked after starts a home period",
    "awaiting-adoption": "stage awaiting_adoption",
}
OLD_RULES: set[str] = set()


def parse_date(text: str) -> Date:
    text = text.strip()
    if "/" in text:  # DD/MM/YYYY is accepted on import (DATA.md)
        d, m, y = text.split("/")
        return Date(int(y), int(m), int(d))
    return Date.fromisoformat(text)


def add_months(d: Date, months: int) -> Date:
    """Calendar months; a day missing in the target month becomes its last day."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return Date(year, month, min(d.day, last))


def add_limit(d: Date, limit: tuple[int, str], sign: int = 1) -> Date:
    n, unit = limit
    n *= sign
    if unit == "d":
        return d + dt.timedelta(days=n)
    if unit == "w":
        return d + dt.timedelta(weeks=n)
    if unit == "m":
        return add_months(d, n)
    if unit == "y":
        return add_months(d, 12 * n)
    raise ValueError(unit)


def parse_details(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        k, _, v = part.partition("=")
        out[k.strip()] = v.strip()
    return out


@dataclass
class Event:
    order: int  # position in events.csv (file order)
    date: Date
    type: str
    status: str
    attrs: dict[str, str]

    def attr(self, key: str) -> str:
        return self.attrs.get(key, "")


@dataclass
class Child:
    la: str
    child_id: str
    date_of_birth: Date | None
    events: list[Event] = field(default_factory=list)


@dataclass
class Period:
    kind: str  # "la", "away" or "home"
    start: int  # position (in the as-of view) of the event that opened it
    start_date: Date
    end: int | None = None  # position of the event that ended it
    end_date: Date | None = None
    end_event: Event | None = None

    def holds(self, pos: int) -> bool:
        """The period is open at the event at `pos` (events on one day in file order)."""
        return self.start <= pos and (self.end is None or pos < self.end)


# --- standards (DOMAIN.md section 5, both tables) ----------------------------------------


@dataclass(frozen=True)
class Standard:
    id: str
    limit: tuple[int, str]
    closes: str | None  # "away", "la", "home" or None
    before: bool = False
    lapse: bool = False
    day_one: bool = False  # the day made is day 1
    gives_up: str | None = None  # event type


STANDARDS = [
    Standard("lar-first", (6, "w"), "away"),
    Standard("lar-second", (3, "m"), "away"),
    Standard("lar-next", (6, "m"), "away"),
    Standard("permanence-6m", (6, "m"), "away"),
    Standard("home-cso-2y", (2, "y"), "home"),
    Standard("adm-14d", (14, "d"), "la"),
    Standard("icso-22d", (22, "d"), "la", lapse=True, day_one=True),
    Standard("cso-review", (1, "y"), "la", lapse=True),
    Standard("grounds-28d", (28, "d"), None),
    Standard("health-assessment-4w", (4, "w"), "away"),
    Standard("pace-72h", (3, "d"), "away", gives_up="lar"),
    Standard("pace-lar-2w", (2, "w"), "away"),
    Standard("pace-decision-40w", (40, "w"), "away"),
    Standard("pace-legal-request-8w", (8, "w"), "away", before=True),
    Standard("pace-legal-advice-4w", (4, "w"), "away", before=True),
    Standard("pace-mentoring-2w", (2, "w"), "la", gives_up="permanence_panel"),
    Standard("pace-panel-12w", (12, "w"), "la"),
    Standard("pace-advice-2w", (2, "w"), None),
    Standard("pace-court-20w", (20, "w"), None),
    Standard("pace-hearing-2w", (2, "w"), None),
    Standard("kinship-18w", (18, "w"), "away"),
]
assert len(STANDARDS) == 21
NEW_STANDARDS = {"health-assessment-4w", "pace-advice-2w", "kinship-18w"}


def is_stop(std: str, e: Event) -> bool:
    if std == "cso-review" and "cso-stops" in OLD_RULES:
        return e.type == "childrens_hearing"
    t = e.type
    if std in ("lar-first", "pace-lar-2w", "lar-second", "lar-next"):
        return t == "lar"
    if std in ("permanence-6m", "pace-decision-40w"):
        return t == "permanence_recommendation"
    if std == "home-cso-2y":
        return t == "lar" and e.attr("kind") == "plan_review"
    if std == "adm-14d":
        return t == "adm_decision"
    if std == "icso-22d":
        return t == "childrens_hearing"
    if std == "cso-review":
        return t == "childrens_hearing" and e.attr("outcome") in CSO_STOPS
    if std == "grounds-28d":
        return t == "grounds_hearing"
    if std == "health-assessment-4w":
        return t == "health_assessment_completed"
    if std == "pace-72h":
        return t == "post_admission_meeting"
    if std == "pace-legal-request-8w":
        return t == "legal_advice_requested"
    if std == "pace-legal-advice-4w":
        return t == "legal_advice_received"
    if std == "pace-mentoring-2w":
        return t == "mentoring_meeting"
    if std == "pace-panel-12w":
        return t == "permanence_panel"
    if std == "pace-advice-2w":
        return t == "advice_hearing"
    if std == "pace-court-20w":
        return t in ("order_granted", "order_refused")
    if std == "pace-hearing-2w":
        return t == "childrens_hearing"
    if std == "kinship-18w":
        return t == "kinship_assessment_completed"
    raise KeyError(std)


# Start and stop of one type: the stop must be dated after the start ("next").
SAME_TYPE = {"lar-second", "lar-next", "icso-22d", "cso-review", "pace-advice-2w"}


@dataclass
class Clock:
    la: str
    child_id: str
    standard: str
    starts_on: Date
    due_on: Date
    status: str
    stopped_on: Date | None
    days_late: int | None

    def row(self) -> list[str]:
        return [
            self.la,
            self.child_id,
            self.standard,
            self.starts_on.isoformat(),
            self.due_on.isoformat(),
            self.status,
            self.stopped_on.isoformat() if self.stopped_on else "",
            "" if self.days_late is None else str(self.days_late),
        ]


class View:
    """One child's journey as of D: cancelled events and occurred events after D dropped,
    sorted by date then file order; the periods derived from the occurred events."""

    def __init__(self, child: Child, as_of: Date):
        self.child = child
        self.as_of = as_of
        kept = [
            e
            for e in child.events
            if e.status != "cancelled" and not (e.status == "occurred" and e.date > as_of)
        ]
        self.events = sorted(kept, key=lambda e: (e.date, e.order))
        self.la: list[Period] = []
        self.away: list[Period] = []
        self.home: list[Period] = []
        self._derive_periods()

    def occurred(self):
        for pos, e in enumerate(self.events):
            if e.status == "occurred":
                yield pos, e

    def _derive_periods(self) -> None:
        la = away = home = None

        def close(p: Period | None, pos: int, e: Event) -> None:
            if p is not None:
                p.end, p.end_date, p.end_event = pos, e.date, e

        for pos, e in self.occurred():
            t = e.type
            if t == "accommodated":
                if la is None:
                    la = Period("la", pos, e.date)
                    self.la.append(la)
                close(away, pos, e)  # a second accommodated ends the open episode that day
                away = Period("away", pos, e.date)
                self.away.append(away)
                close(home, pos, e)
                home = None
            elif t == "looked_after_at_home":
                if la is None:
                    la = Period("la", pos, e.date)
                    self.la.append(la)
                close(home, pos, e)  # a second one inside an open home period
                home = Period("home", pos, e.date)
                self.home.append(home)
            elif t == "returned_home":
                if away is not None:
                    close(away, pos, e)
                    away = None
                    # READING: a returned_home inside an open home period (only possible after
                    # looked_after_at_home inside an away episode) starts no new one: only a
                    # second looked_after_at_home ends a home period that way.
                    if la is not None and home is None and "home-returned" not in OLD_RULES:
                        home = Period("home", pos, e.date)
                        self.home.append(home)
            elif t == "ceased_looked_after":
                close(la, pos, e)
                close(away, pos, e)
                close(home, pos, e)
                la = away = home = None

    def period_at(self, kind: str, pos: int) -> Period | None:
        periods = {"la": self.la, "away": self.away, "home": self.home}[kind]
        for p in periods:
            if p.holds(pos):
                return p
        return None

    def date_of_birth(self) -> Date | None:
        if self.child.date_of_birth is not None:
            return self.child.date_of_birth
        for _, e in self.occurred():
            if e.type == "birth":
                return e.date
        return None

    # --- clocks ---------------------------------------------------------------------------

    def starts(self, std: Standard) -> list[tuple[int, Event]]:
        s = std.id
        out: list[tuple[int, Event]] = []
        if s in (
            "lar-first",
            "permanence-6m",
            "health-assessment-4w",
            "pace-72h",
            "pace-lar-2w",
            "pace-decision-40w",
            "kinship-18w",
        ):
            out = [(p, e) for p, e in self.occurred() if e.type == "accommodated"]
        elif s in ("lar-second", "lar-next"):
            for ep in self.away:
                lars = [(p, e) for p, e in self.occurred() if e.type == "lar" and ep.holds(p)]
                out += lars[:1] if s == "lar-second" else lars[1:]
        elif s == "home-cso-2y":
            out = [(h.start, self.events[h.start]) for h in self.home]
        elif s == "adm-14d":
            out = [(p, e) for p, e in self.occurred() if e.type == "permanence_panel"]
        elif s == "icso-22d":
            out = [
                (p, e)
                for p, e in self.occurred()
                if e.type == "childrens_hearing" and e.attr("outcome") == "icso"
            ]
        elif s == "cso-review":
            out = [
                (p, e)
                for p, e in self.occurred()
                if e.type == "childrens_hearing" and e.attr("outcome") in CSO_MADE
            ]
        elif s == "grounds-28d":
            out = [(p, e) for p, e in self.occurred() if e.type == "grounds_application_lodged"]
        elif s in ("pace-legal-request-8w", "pace-legal-advice-4w"):
            # planned or occurred (a before clock also starts at a planned event)
            out = [
                (p, e)
                for p, e in enumerate(self.events)
                if e.type == "lar" and e.attr("kind") == "permanence"
            ]
        elif s in ("pace-mentoring-2w", "pace-panel-12w"):
            out = [
                (p, e)
                for p, e in self.occurred()
                if e.type == "permanence_recommendation" and e.attr("route") in AWAY_ROUTES
            ]
        elif s == "pace-advice-2w":
            out = [
                (p, e)
                for p, e in self.occurred()
                if e.type == "advice_hearing" and e.attr("outcome") == "continued"
            ]
        elif s == "pace-court-20w":
            out = [(p, e) for p, e in self.occurred() if e.type == "court_application_lodged"]
        elif s == "pace-hearing-2w":
            alert_seen = False
            for p, e in self.occurred():
                if e.type == "scra_early_alert":
                    alert_seen = True
                elif e.type == "birth" and alert_seen:
                    out.append((p, e))
        else:
            raise KeyError(s)
        return out

    def clock(self, std: Standard, pos: int, start: Event) -> Clock | None:
        D = self.as_of
        period = self.period_at(std.closes, pos) if std.closes else None
        if std.closes == "away" and period is None:
            return None  # clocks that close with an away episode start only inside one
        if std.before:
            due = add_limit(start.date, std.limit, -1)
        else:
            due = add_limit(start.date, std.limit)
            if std.day_one:
                due -= dt.timedelta(days=1)

        # The stop: the first occurred stop event dated on or after the start ("next": after),
        # or, for a before clock, dated on or before the start; within the period.
        stop: Event | None = None
        # READING: "within that period" bounds a before clock's stop by the period's first day
        # as well (legal advice for an earlier episode's permanence LAR does not count).
        for p, e in self.occurred():
            if not is_stop(std.id, e):
                continue
            if std.before:
                ok = e.date <= start.date and (period is None or e.date >= period.start_date)
            elif std.id in SAME_TYPE:
                ok = e.date > start.date
            else:
                ok = e.date >= start.date
            if ok:
                stop = e
                break
        if stop is not None and period is not None and period.end_date is not None:
            if stop.date > period.end_date:
                stop = None

        # The end: the earliest of the period's end, the first give-up event after the start
        # (inside the period), and for cso-review the 18th birthday on or after the start.
        ends: list[Date] = []
        if period is not None and period.end_date is not None:
            ends.append(period.end_date)
        if std.gives_up:
            for p, e in self.occurred():
                if p > pos and e.type == std.gives_up:
                    if period is None or period.holds(p):
                        ends.append(e.date)
                    break
        if std.id == "cso-review" and "cso-18" not in OLD_RULES:
            dob = self.date_of_birth()
            if dob is not None:
                b18 = add_months(dob, 18 * 12)
                if b18 >= start.date:
                    ends.append(b18)
        end = min(ends) if ends else None
        if end is not None and end > D:
            end = None

        def make(status: str, stopped: Date | None, late: int | None) -> Clock:
            c = self.child
            return Clock(c.la, c.child_id, std.id, start.date, due, status, stopped, late)

        # 1. a stop on or before D
        if stop is not None and stop.date <= D:
            if stop.date <= due:
                return make("met", stop.date, None)
            if not std.lapse:
                return make("met_late", stop.date, (stop.date - due).days)
        # 2. a before clock whose start has occurred, dated before D, with no stop
        if std.before and start.status == "occurred" and start.date < D:
            return make("missed", start.date, (start.date - due).days)
        # 3. an order that lapsed
        if std.lapse and not (end is not None and end <= due) and D > due:
            return make("lapsed", due, None)
        # 4. an end
        if end is not None:
            if end <= due:
                return make("closed", end, None)
            return make("missed", end, (end - due).days)
        # 5. still running
        if D > due:
            return make("overdue", None, (D - due).days)
        if 0 <= (due - D).days <= WARNING_DAYS:
            return make("due_soon", None, None)
        return make("open", None, None)

    def clocks(self) -> list[Clock]:
        out = []
        for std in STANDARDS:
            if "new-standards" in OLD_RULES and std.id in NEW_STANDARDS:
                continue
            if "give-up" in OLD_RULES:
                std = dataclasses.replace(std, gives_up=None)
            if "lapse" in OLD_RULES:
                std = dataclasses.replace(std, lapse=False)
            if "day-one" in OLD_RULES:
                std = dataclasses.replace(std, day_one=False)
            for pos, e in self.starts(std):
                c = self.clock(std, pos, e)
                if c is not None:
                    out.append(c)
        return out

    # --- stage (DATA.md "Journey stage") ---------------------------------------------------

    def stage(self) -> tuple[str, Date | None]:
        D = self.as_of
        occ = list(self.occurred())
        has_birth = any(e.type == "birth" for _, e in occ)
        dob = self.child.date_of_birth
        if not has_birth and not (dob is not None and dob <= D):
            # READING: the first pre_birth_concern (the generator writes at most one).
            pbc = [e.date for _, e in occ if e.type == "pre_birth_concern"]
            return "pre_birth", (pbc[0] if pbc else None)

        current = self.la[-1] if self.la and self.la[-1].end is None else None
        last = self.la[-1] if self.la else None
        if last is not None:
            # READING: an event of the period is one from its start to the day it ended (an
            # order dated the day of the ceasing is the period's, whatever the file order).
            inside = [
                (p, e)
                for p, e in occ
                if p >= last.start and (last.end_date is None or e.date <= last.end_date)
            ]
            orders = [(p, e) for p, e in inside if e.type == "order_granted"]
            latest = orders[-1] if orders else None
            unfollowed = latest is not None and not any(
                p > latest[0] and e.type in ("accommodated", "looked_after_at_home")
                for p, e in inside
            )
            if (
                current is not None
                and "awaiting-adoption" not in OLD_RULES
                and unfollowed
                and latest[1].attr("order") in ("poa", "placement_order")
            ):
                return "awaiting_adoption", latest[1].date
            if unfollowed:
                # READING: where both hold, the order (named first) gives stage_since.
                return "permanent", latest[1].date
            if (
                last.end_event is not None
                and last.end_event.attr("destination") in PERMANENT_DESTINATIONS
            ):
                return "permanent", last.end_date
        if current is None:
            return "not_looked_after", (last.end_date if last else None)

        episode = self.away[-1] if self.away and self.away[-1].end is None else None
        if episode is not None:
            inside = [(p, e) for p, e in occ if episode.holds(p)]
            recs = [(p, e) for p, e in inside if e.type == "permanence_recommendation"]
            if not recs:
                return "away_assessment", episode.start_date
            rp, rec = recs[-1]
            route = rec.attr("route")
            if route in ("return_home", "remain_home"):
                return "returning_home", rec.date
            if route == "kinship_care_order":
                return "legal", rec.date
            after = [(p, e) for p, e in inside if p > rp]
            # READING: the first agreed ADM decision, or the first panel, after it.
            adm = [
                e for p, e in after if e.type == "adm_decision" and e.attr("decision") == "agreed"
            ]
            if adm:
                return "legal", adm[0].date
            panels = [e for p, e in after if e.type == "permanence_panel"]
            if panels:
                return "panel", panels[0].date
            return "permanence_planning", rec.date

        since = current.start_date
        for p, e in occ:
            if current.holds(p) and e.type in ("looked_after_at_home", "returned_home"):
                since = max(since, e.date)
        return "at_home", since

    def status_row(self, clocks: list[Clock]) -> list[str]:
        D = self.as_of
        stage, since = self.stage()
        current = self.la[-1] if self.la and self.la[-1].end is None else None
        placement = ""
        episode = self.away[-1] if self.away and self.away[-1].end is None else None
        if episode is not None:
            for p, e in self.occurred():
                if episode.holds(p) and e.type in ("accommodated", "placement_change"):
                    placement = e.attr("placement")
        running = [c for c in clocks if c.status in ("overdue", "due_soon", "open")]
        nxt = min(running, key=lambda c: (c.due_on, c.standard)) if running else None
        c = self.child
        return [
            c.la,
            c.child_id,
            stage,
            since.isoformat() if since else "",
            str((D - since).days) if since else "",
            current.start_date.isoformat() if current else "",
            placement,
            str(sum(1 for k in clocks if k.status == "overdue")),
            nxt.due_on.isoformat() if nxt else "",
            nxt.standard if nxt else "",
        ]


DUE_HEADER = "local_authority,child_id,standard,starts_on,due_on,status,stopped_on,days_late"
STATUS_HEADER = (
    "local_authority,child_id,stage,stage_since,days_in_stage,looked_after_since,placement,"
    "overdue,next_due_on,next_standard"
)


def read_children(children_csv: str, events_csv: str) -> list[Child]:
    children: dict[tuple[str, str], Child] = {}
    with open(children_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            dob = row.get("date_of_birth", "").strip()
            key = (row["local_authority"], row["child_id"])
            children[key] = Child(key[0], key[1], parse_date(dob) if dob else None)
    by_id: dict[str, list[Child]] = {}
    for c in children.values():
        by_id.setdefault(c.child_id, []).append(c)
    with open(events_csv, newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f)):
            la = row.get("local_authority", "").strip()
            child = children[(la, row["child_id"])] if la else by_id[row["child_id"]][0]
            child.events.append(
                Event(
                    n,
                    parse_date(row["date"]),
                    row["event"].strip(),
                    (row.get("status") or "occurred").strip() or "occurred",
                    parse_details(row.get("details", "")),
                )
            )
    return list(children.values())


def due_rows(children: list[Child], as_of: Date, all_clocks: bool) -> list[list[str]]:
    rows = []
    for child in children:
        for c in View(child, as_of).clocks():
            if all_clocks or c.status in ("overdue", "due_soon", "open"):
                rows.append(c)
    rows.sort(key=lambda c: (c.due_on, c.child_id, c.standard))
    return [c.row() for c in rows]


def status_rows(children: list[Child], as_of: Date) -> list[list[str]]:
    out = []
    for child in sorted(children, key=lambda c: (c.la, c.child_id)):
        v = View(child, as_of)
        out.append(v.status_row(v.clocks()))
    return out


def to_csv(header: str, rows: list[list[str]]) -> str:
    return header + "\n" + "".join(",".join(r) + "\n" for r in rows)
