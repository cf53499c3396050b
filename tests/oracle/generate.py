"""Random journeys (seeded) that exercise every rule of DOMAIN.md section 5 and DATA.md's
journey stage: children.csv and events.csv for `waymark import` and for the oracle.

Dates are biased so that edges are frequent: stops, give-ups, lapses, period ends and the
as-of dates themselves fall on a due day, the day before or the day after far more often
than chance would make them. All data is synthetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import random

from model import add_months

Date = dt.date
DAY = dt.timedelta(days=1)

COUNCILS = ["S12000033", "S12000008"]
PLACEMENTS = ["kinship", "foster", "residential", "prospective_adopters", "secure", "other"]
BASES = ["s25", "cso", "icso", "cpo", "po", "other"]
ENGLAND_BASES = ["s20", "care_order", "interim_care_order", "emergency", "youth_justice"]
SIBLINGS = ["together", "some", "apart", "none"]
VIEWS = ["attended", "advocate", "written", "not_sought"]
DESTINATIONS = ["home", "kinship_care_order", "po", "adoption", "independent", "other"]
ENGLAND_DESTINATIONS = ["sgo", "cao"]
ROUTES = ["return_home", "remain_home", "kinship_care_order", "po", "poa", "adoption"]
PRE_BIRTH_TYPES = [
    "pre_birth_concern",
    "scra_early_alert",
    "referral_to_reporter",
    "case_conference",
    "life_event",
    "legal_advice_requested",
    "legal_advice_received",
]
# Limits (days, roughly for months) around which dates cluster.
EDGE_OFFSETS = [0, 1, 2, 3, 4, 13, 14, 15, 20, 21, 22, 23, 27, 28, 29, 41, 42, 43, 55, 56, 57,
                83, 84, 85, 125, 126, 127, 139, 140, 141, 279, 280, 281]


class Journey:
    def __init__(self, rng: random.Random, la: str, child_id: str, england: bool):
        self.rng = rng
        self.england = england
        self.la = la
        self.child_id = child_id
        self.rows: list[dict[str, str]] = []

    def add(self, date: Date, event: str, details: str = "", status: str = "occurred") -> None:
        self.rows.append(
            {"date": date, "event": event, "details": details, "status": status}
        )

    def jitter(self) -> int:
        r = self.rng.random()
        if r < 0.55:
            return self.rng.choice([-1, 0, 0, 1])
        if r < 0.8:
            return self.rng.randint(-10, 10)
        return self.rng.randint(-60, 90)

    def near_days(self, d: Date, days: int) -> Date:
        return d + dt.timedelta(days=days + self.jitter())

    def near_months(self, d: Date, months: int) -> Date:
        return add_months(d, months) + dt.timedelta(days=self.jitter())

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def basis(self) -> str:
        if self.england and self.chance(0.1):
            return self.rng.choice(ENGLAND_BASES)
        return self.rng.choice(BASES)

    def destination(self) -> str:
        if self.england and self.chance(0.15):
            return self.rng.choice(ENGLAND_DESTINATIONS)
        return self.rng.choice(DESTINATIONS)

    def views(self) -> str:
        return ";child_views=" + self.rng.choice(VIEWS) if self.chance(0.7) else ""


def pick_date_near(rng: random.Random, target: Date) -> Date:
    r = rng.random()
    if r < 0.5:
        return target - dt.timedelta(days=rng.choice(EDGE_OFFSETS) + rng.choice([0, 0, 1, -1]))
    if r < 0.7:
        return add_months(target, -rng.choice([3, 6, 12, 24])) + dt.timedelta(days=rng.choice([-1, 0, 1]))
    return target - dt.timedelta(days=rng.randint(0, 3650))


def away_episode(j: Journey, start: Date, dob: Date, depth: int) -> Date | None:
    """An away-from-home episode from `start`; returns the date a later entry may start."""
    rng = j.rng
    j.add(
        start,
        "accommodated",
        f"placement={rng.choice(PLACEMENTS)};basis={j.basis()}"
        + (f";siblings={rng.choice(SIBLINGS)}" if j.chance(0.7) else ""),
    )
    # a first LAR: early (gives up the 72-hour meeting), on time or late; same day sometimes
    first_lar: Date | None = None
    r = rng.random()
    if r < 0.15:
        first_lar = start + dt.timedelta(days=rng.choice([0, 1, 2, 3, 4]))
    elif r < 0.85:
        first_lar = j.near_days(start, rng.choice([14, 42]))
    if j.chance(0.8):
        j.add(j.near_days(start, rng.choice([1, 3])), "post_admission_meeting")
    if first_lar is not None and first_lar >= start:
        j.add(first_lar, "lar", "kind=standard" + j.views())
    if j.chance(0.7):
        j.add(j.near_days(start, 28), "health_assessment_completed")
    if j.chance(0.5):
        j.add(j.near_days(start, 126), "kinship_assessment_completed",
              "outcome=" + rng.choice(["ruled_in", "ruled_out"]))
    last_lar = first_lar
    for k in range(rng.randint(0, 4)):
        if last_lar is None:
            break
        nxt = j.near_months(last_lar, 3 if k == 0 else 6)
        if nxt <= last_lar and j.chance(0.7):
            nxt = last_lar + DAY * rng.choice([0, 1])
        status = "planned" if j.chance(0.1) else "occurred"
        j.add(nxt, "lar", "kind=" + rng.choice(["standard", "standard", "plan_review"]) + j.views(), status)
        if status == "occurred":
            last_lar = nxt
    placement_changes = rng.randint(0, 2)
    for _ in range(placement_changes):
        j.add(start + dt.timedelta(days=rng.randint(0, 400)), "placement_change",
              f"placement={rng.choice(PLACEMENTS)}" + (f";siblings={rng.choice(SIBLINGS)}" if j.chance(0.5) else ""))

    # the permanence decision
    end: Date | None = None
    if j.chance(0.75):
        rec = j.near_months(start, 6) if j.chance(0.6) else j.near_days(start, 280)
        route = rng.choice(ROUTES)
        # a permanence LAR with legal advice before it (planned or occurred)
        if j.chance(0.6):
            plar = rec - DAY * rng.choice([0, 0, 1, 7])
            status = "planned" if j.chance(0.3) else "occurred"
            if j.chance(0.8):
                j.add(plar - DAY * (56 + j.jitter()), "legal_advice_requested")
            if j.chance(0.8):
                j.add(plar - DAY * (28 + j.jitter()), "legal_advice_received")
            j.add(plar, "lar", "kind=permanence" + j.views(), status)
        j.add(rec, "permanence_recommendation", "route=" + route)
        if j.chance(0.1):  # a second recommendation, later
            j.add(j.near_days(rec, 60), "permanence_recommendation", "route=" + rng.choice(ROUTES))
        if route in ("return_home", "remain_home"):
            if j.chance(0.7):
                end = j.near_days(rec, 30)
                j.add(end, "returned_home")
                return end
        else:
            panel = j.near_days(rec, 84) if j.chance(0.8) else None
            if panel is not None and j.chance(0.2):
                panel = rec + DAY * rng.choice([13, 14, 15])  # gives up the mentoring meeting
            if j.chance(0.7):
                # the mentoring meeting: on time, late, or after the panel (given up)
                j.add(j.near_days(rec, 14) if j.chance(0.7) else j.near_days(rec, 90), "mentoring_meeting")
            if panel is not None:
                j.add(panel, "permanence_panel",
                      "recommendation=" + rng.choice(["po", "poa", "adoption", "long_term_foster", "not_agreed"]) + j.views())
                if j.chance(0.85):
                    adm = j.near_days(panel, 14)
                    j.add(adm, "adm_decision", "decision=" + rng.choice(["agreed", "agreed", "not_agreed"]))
                    if j.chance(0.7):
                        order = "kinship_care_order" if route == "kinship_care_order" else rng.choice(["po", "poa", "poa", "adoption"])
                        lodged = j.near_days(adm, 60)
                        j.add(lodged, "court_application_lodged", "order=" + order)
                        for _ in range(rng.randint(0, 3)):
                            j.add(lodged + DAY * rng.randint(1, 200), "court_hearing")
                        if j.chance(0.8):
                            decided = j.near_days(lodged, 140)
                            if j.chance(0.85):
                                if order == "poa" and j.england and j.chance(0.3):
                                    order = "placement_order"  # England's authority to place
                                j.add(decided, "order_granted", "order=" + order)
                                if order in ("poa", "placement_order") and j.chance(0.6):
                                    # POA, then adoption
                                    if j.chance(0.5):
                                        j.add(j.near_days(decided, 5), "placement_change", "placement=prospective_adopters")
                                    ad = j.near_days(decided, 300)
                                    j.add(ad, "order_granted", "order=adoption")
                                    if j.chance(0.8):
                                        j.add(ad + DAY * rng.choice([0, 0, 1, 14]), "ceased_looked_after", "destination=adoption")
                                        return None
                                elif j.chance(0.5):
                                    j.add(j.near_days(decided, 30), "ceased_looked_after",
                                          "destination=" + ("kinship_care_order" if order == "kinship_care_order" else rng.choice(["po", "other", "adoption"])))
                                    return None
                            else:
                                j.add(decided, "order_refused", "order=" + order)
    # how the episode ends
    r = rng.random()
    base = start + DAY * rng.randint(10, 900)
    if r < 0.25:
        j.add(base, "returned_home")
        return base
    if r < 0.45:
        j.add(base, "ceased_looked_after", "destination=" + j.destination())
        return base if j.chance(0.5) else None
    if r < 0.55 and depth < 3:
        # a second accommodated inside the open episode (same day as something, sometimes)
        return base
    return None


def home_period(j: Journey, start: Date, kind: str) -> None:
    rng = j.rng
    if kind == "laah":
        j.add(start, "looked_after_at_home")
    if j.chance(0.7):
        j.add(j.near_months(start, 24), "lar", "kind=plan_review" + j.views(),
              "planned" if j.chance(0.1) else "occurred")
    if j.chance(0.1):
        j.add(j.near_days(start, 200), "looked_after_at_home")  # a second one inside
    if kind == "laah" and j.chance(0.05):
        # a returned_home that ends no away episode starts no home period (DATA.md)
        j.add(start + DAY * rng.randint(1, 300), "returned_home")


def hearings(j: Journey, start: Date, dob: Date) -> None:
    """ICSOs reviewed on day 22 or 23, then CSOs reviewed on time, late, deferred,
    discharged or never (lapsed); near the 18th birthday sometimes."""
    rng = j.rng
    d = start
    if j.chance(0.5):
        for _ in range(rng.randint(1, 4)):
            j.add(d, "childrens_hearing", "kind=initial;outcome=icso" + j.views())
            if j.chance(0.15):
                if j.chance(0.5):  # the period ends around the order's last day
                    j.add(d + DAY * rng.choice([20, 21, 22]), "ceased_looked_after", "destination=home")
                return  # never reviewed: lapses
            d = d + DAY * rng.choice([20, 21, 21, 22, 22, 23, 30])
            if j.chance(0.5):
                break
    outcome = rng.choice(["cso", "cso", "continued", "icso", "discharged"])
    j.add(d, "childrens_hearing", "kind=review;outcome=" + outcome + j.views())
    if outcome == "icso":
        j.add(d + DAY * rng.choice([21, 22, 23]), "childrens_hearing", "kind=review;outcome=cso" + j.views())
        d = d + DAY * 22
    if outcome == "discharged":
        return
    for _ in range(rng.randint(0, 4)):
        due = add_months(d, 12)
        if j.chance(0.15):
            if j.chance(0.4):  # the period ends around the due day
                j.add(due + DAY * rng.choice([-1, 0, 1]), "ceased_looked_after", "destination=" + j.destination())
            return  # never reviewed: lapses
        when = due + DAY * rng.choice([-30, -1, 0, 0, 1, 2, 40])
        outcome = rng.choice(["cso_continued", "cso_continued", "cso_varied", "continued", "discharged", "other"])
        details = "kind=review" + ("" if outcome == "other" else ";outcome=" + outcome)
        j.add(when, "childrens_hearing", details + j.views())
        if outcome == "continued":  # a deferred hearing reviews nothing; the next one may
            when = when + DAY * rng.choice([7, 14, 28])
            j.add(when, "childrens_hearing", "kind=review;outcome=" + rng.choice(["cso_continued", "discharged"]))
        if outcome == "discharged":
            return
        d = when


def child_journey(rng: random.Random, la: str, child_id: str, target: Date, prebirth: bool,
                  england: bool) -> tuple[dict[str, str], list[dict[str, str]]]:
    j = Journey(rng, la, child_id, england)
    entry = pick_date_near(rng, target)
    kind = rng.random()
    child = {"child_id": child_id, "local_authority": la, "date_of_birth": "",
             "expected_birth_date": "", "sibling_group": ""}
    if j.chance(0.3):
        child["sibling_group"] = f"G{rng.randint(1, 40)}"
    if kind < 0.12:
        # not yet born (or born after the as-of dates): pre-birth concern, early alert, birth
        due_birth = entry + DAY * rng.randint(-30, 120)
        child["expected_birth_date"] = due_birth.isoformat()
        j.add(due_birth - DAY * rng.randint(60, 150), "pre_birth_concern", f"expected_birth={due_birth.isoformat()}")
        if j.chance(0.6):
            j.add(due_birth - DAY * rng.randint(10, 40), "case_conference", "kind=pre_birth;outcome=registered")
        if j.chance(0.7):
            j.add(due_birth - DAY * rng.randint(0, 30), "scra_early_alert")
        if j.chance(0.7):
            birth = due_birth + DAY * rng.randint(-10, 10)
            j.add(birth, "birth")
            if j.chance(0.7):
                j.add(j.near_days(birth, 14), "childrens_hearing", "kind=initial;outcome=" + rng.choice(["icso", "cso", "continued"]))
            if j.chance(0.6):
                away_episode(j, birth + DAY * rng.choice([0, 1, 3]), birth, 0)
        return child, j.rows
    # a born child; sometimes on 29 February, sometimes about to turn 18 near a review
    r = rng.random()
    if r < 0.15:
        dob = Date(rng.choice([2008, 2012, 2016, 2020, 2024]), 2, 29)
    elif r < 0.3:
        dob = add_months(entry, -12 * 17) - DAY * rng.randint(0, 200)
    else:
        dob = entry - DAY * rng.randint(0, 17 * 365)
    if dob > entry:
        entry = dob + DAY * rng.randint(0, 30)
    child["date_of_birth"] = dob.isoformat()
    if j.chance(0.1):
        child["date_of_birth"] = dob.strftime("%d/%m/%Y")
    if j.chance(0.3):
        j.add(dob, "birth")
    if prebirth and j.chance(0.25):
        for t in rng.sample(PRE_BIRTH_TYPES, rng.randint(1, 3)):
            details = {
                "pre_birth_concern": f"expected_birth={dob.isoformat()}",
                "case_conference": "kind=pre_birth;outcome=" + rng.choice(["registered", "not_registered"]),
                "life_event": "impact=" + rng.choice(["positive", "negative", "neutral"]),
            }.get(t, "")
            j.add(dob - DAY * rng.randint(1, 120), t, details)
        if j.chance(0.5):
            j.add(dob - DAY * rng.randint(1, 30), "scra_early_alert")
            if "birth" not in [x["event"] for x in j.rows]:
                j.add(dob, "birth")
            j.add(j.near_days(dob, 14), "childrens_hearing", "kind=initial;outcome=icso")

    if r < 0.3 and j.chance(0.5):
        # a CSO made about a year before the 18th birthday: the birthday near its due day
        made = add_months(dob, 17 * 12) + DAY * rng.choice([-1, 0, 0, 1, -20])
        j.add(made, "childrens_hearing", "kind=review;outcome=" + rng.choice(["cso", "cso_continued", "cso_varied"]))
        if j.chance(0.3):
            j.add(add_months(made, 12) + DAY * rng.choice([-1, 0, 1]), "childrens_hearing",
                  "kind=review;outcome=" + rng.choice(["cso_continued", "discharged", "continued"]))
    if j.chance(0.3):
        lodged = entry - DAY * rng.randint(0, 60)
        if lodged >= dob:
            j.add(lodged, "referral_to_reporter")
            j.add(lodged, "grounds_application_lodged")
            if j.chance(0.8):
                j.add(j.near_days(lodged, 28), "grounds_hearing")
    if j.chance(0.15):
        j.add(entry, "cpo")
    if j.chance(0.2):
        j.add(entry + DAY * rng.randint(0, 300), "case_conference",
              "kind=" + rng.choice(["initial", "review"]) + ";outcome=" + rng.choice(["registered", "not_registered", "deregistered"]))

    # the looked after journey: at home, away, or both, with re-entries
    start = entry
    depth = 0
    if j.chance(0.35):
        home_period(j, start, "laah")
        hearings(j, start, dob)
        if j.chance(0.4):
            start = j.near_months(start, rng.choice([6, 24]))
        else:
            start = None
    elif j.chance(0.6):
        hearings(j, start, dob)
    while start is not None and depth < 4:
        nxt = away_episode(j, start, dob, depth)
        depth += 1
        if nxt is None:
            break
        last = j.rows[-1]["event"]
        if last == "returned_home":
            home_period(j, nxt, "returned")
            if j.chance(0.35):  # re-entry after a failed return home
                start = nxt + DAY * rng.choice([0, 30, 200, 364, 365, 366, 500])
                continue
            if j.chance(0.4):
                j.add(nxt + DAY * rng.randint(0, 400), "ceased_looked_after", "destination=home")
            break
        if last == "ceased_looked_after":
            start = nxt + DAY * rng.choice([0, 1, 100, 366])
            if j.chance(0.5):
                start = None
            continue
        start = nxt  # a second accommodated inside the open episode
    if j.chance(0.2):
        d = entry + DAY * rng.randint(0, 500)
        for _ in range(rng.randint(1, 3)):
            j.add(d, "advice_hearing", "outcome=" + rng.choice(["continued", "continued", "given"]))
            d = d + DAY * rng.choice([13, 14, 15, 30])
    for _ in range(rng.randint(0, 2)):
        j.add(entry + DAY * rng.randint(0, 900), "life_event", "impact=" + rng.choice(["positive", "negative", "neutral"]))
    if j.chance(0.2):
        j.add(entry + DAY * rng.randint(0, 600), "permanence_plan_recorded",
              "plan=" + rng.choice(["return_home", "kinship", "long_term_foster", "po", "poa", "adoption", "residential"]))

    # events must not be before the date of birth unless of a type that may be
    allowed = set(PRE_BIRTH_TYPES)
    rows = [x for x in j.rows if x["date"] >= dob or (prebirth and x["event"] in allowed)]
    # planned and cancelled copies of a few events; some events become planned or cancelled
    extra = []
    for x in rows:
        if x["date"] < dob:
            continue
        r = rng.random()
        if r < 0.04:
            extra.append(dict(x, status="cancelled"))
        elif r < 0.07:
            extra.append(dict(x, status="planned", date=x["date"] + DAY * rng.randint(0, 40)))
    for x in extra:
        rows.insert(rng.randint(0, len(rows)), x)
    # shuffle a few neighbours so that same-day events come in both orders
    for _ in range(len(rows) // 4):
        i = rng.randrange(len(rows))
        k = rng.randrange(len(rows))
        if rows[i]["date"] == rows[k]["date"]:
            rows[i], rows[k] = rows[k], rows[i]
    return child, rows


def generate(seed: int, count: int, as_of_dates: list[Date], out_dir: str, prebirth: bool = True,
             sibling_group: bool = True, england: bool = True, latest: Date = Date(2034, 12, 31)) -> None:
    rng = random.Random(seed)
    children = []
    per_child = []
    for i in range(count):
        la = rng.choice(COUNCILS)
        cid = f"C{i:05d}"
        if i > 0 and rng.random() < 0.03:  # the same case reference in the other council
            prev = children[rng.randrange(len(children))]
            cid = prev["child_id"]
            la = [c for c in COUNCILS if c != prev["local_authority"]][0]
            if any(c["child_id"] == cid and c["local_authority"] == la for c in children):
                cid = f"C{i:05d}"
        target = rng.choice(as_of_dates) + DAY * rng.choice([0, 0, 0, 1, -1, 14, 15, rng.randint(-200, 200)])
        child, rows = child_journey(rng, la, cid, target, prebirth, england)
        rows = [x for x in rows if x["date"] <= latest and not (x["status"] == "occurred" and x["date"] > latest)]
        children.append(child)
        per_child.append([dict(x, child_id=cid, local_authority=la) for x in rows])

    # events.csv: children's rows interleaved at random, each child's in its own order
    queues = [list(reversed(rows)) for rows in per_child]
    lines = []
    live = [i for i, q in enumerate(queues) if q]
    while live:
        k = rng.randrange(len(live))
        lines.append(queues[live[k]].pop())
        if not queues[live[k]]:
            live.pop(k)
    cols = ["child_id", "local_authority", "date_of_birth", "expected_birth_date"]
    if sibling_group:
        cols.append("sibling_group")
    with open(f"{out_dir}/children.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for c in children:
            w.writerow([c[k] for k in cols])
    with open(f"{out_dir}/events.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["child_id", "local_authority", "date", "event", "status", "details", "note"])
        for n, x in enumerate(lines):
            d = x["date"].isoformat()
            if rng.random() < 0.03:
                d = x["date"].strftime("%d/%m/%Y")
            # a note unique to the row, so that no two rows are the same event
            w.writerow([x["child_id"], x["local_authority"], d, x["event"],
                        x["status"] if x["status"] != "occurred" or rng.random() < 0.5 else "",
                        x["details"], f"synthetic row {n}"])
