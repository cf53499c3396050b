"""The oracle checked against cases worked out by hand from DOMAIN.md section 5 and DATA.md,
each status's edge among them (a stop on the due day, a give-up on the due day, a lapse with
the period ending the same day, the 18th birthday on the due day, 29 February)."""

from __future__ import annotations

import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import model  # noqa: E402
from model import Child, Event, View, parse_date  # noqa: E402


def child(events: list[tuple], dob: str | None = "2015-01-01") -> Child:
    c = Child("S1", "K1", parse_date(dob) if dob else None)
    for n, ev in enumerate(events):
        date, typ = ev[0], ev[1]
        details = ev[2] if len(ev) > 2 else ""
        status = ev[3] if len(ev) > 3 else "occurred"
        c.events.append(Event(n, parse_date(date), typ, status, model.parse_details(details)))
    return c


def rows(c: Child, as_of: str, standard: str) -> list[str]:
    """The clocks of one standard as `starts,due,status,stopped_on,days_late`."""
    return [
        ",".join(k.row()[3:])
        for k in View(c, parse_date(as_of)).clocks()
        if k.standard == standard
    ]


ACC = ("2026-01-01", "accommodated", "placement=foster;basis=s25")


class Clocks(unittest.TestCase):
    def test_stop_on_the_due_day_is_met_and_the_day_after_met_late(self):
        self.assertEqual(rows(child([ACC, ("2026-02-12", "lar")]), "2026-06-01", "lar-first"),
                         ["2026-01-01,2026-02-12,met,2026-02-12,"])
        self.assertEqual(rows(child([ACC, ("2026-02-13", "lar")]), "2026-06-01", "lar-first"),
                         ["2026-01-01,2026-02-12,met_late,2026-02-13,1"])

    def test_give_up_on_the_due_day_closes_and_after_it_misses(self):
        self.assertEqual(rows(child([ACC, ("2026-01-04", "lar")]), "2026-06-01", "pace-72h"),
                         ["2026-01-01,2026-01-04,closed,2026-01-04,"])
        self.assertEqual(rows(child([ACC, ("2026-01-05", "lar")]), "2026-06-01", "pace-72h"),
                         ["2026-01-01,2026-01-04,missed,2026-01-05,1"])
        # a meeting held after the give-up still counts (met late)
        self.assertEqual(
            rows(child([ACC, ("2026-01-05", "lar"), ("2026-01-06", "post_admission_meeting")]),
                 "2026-06-01", "pace-72h"),
            ["2026-01-01,2026-01-04,met_late,2026-01-06,2"])
        # a give-up after D does not count yet
        self.assertEqual(rows(child([ACC, ("2026-01-05", "lar")]), "2026-01-04", "pace-72h"),
                         ["2026-01-01,2026-01-04,due_soon,,"])

    def test_icso_counts_the_day_made_and_lapses(self):
        made = ("2026-03-01", "childrens_hearing", "outcome=icso")
        la = ("2026-03-01", "looked_after_at_home")
        self.assertEqual(rows(child([la, made, ("2026-03-22", "childrens_hearing", "outcome=cso")]),
                              "2026-06-01", "icso-22d"),
                         ["2026-03-01,2026-03-22,met,2026-03-22,"])
        # reviewed on day 23: the order lapsed at the end of day 22; a stop after due does not count
        self.assertEqual(rows(child([la, made, ("2026-03-23", "childrens_hearing", "outcome=icso")]),
                              "2026-06-01", "icso-22d"),
                         ["2026-03-01,2026-03-22,lapsed,2026-03-22,",
                          "2026-03-23,2026-04-13,lapsed,2026-04-13,"])
        # as of the due day it is still due
        self.assertEqual(rows(child([la, made]), "2026-03-22", "icso-22d"),
                         ["2026-03-01,2026-03-22,due_soon,,"])
        # the period ending on the due day closes it; the day after, it had lapsed
        self.assertEqual(
            rows(child([la, made, ("2026-03-22", "ceased_looked_after", "destination=home")]),
                 "2026-06-01", "icso-22d"),
            ["2026-03-01,2026-03-22,closed,2026-03-22,"])
        self.assertEqual(
            rows(child([la, made, ("2026-03-23", "ceased_looked_after", "destination=home")]),
                 "2026-06-01", "icso-22d"),
            ["2026-03-01,2026-03-22,lapsed,2026-03-22,"])

    def test_cso_review_stops_deferral_and_eighteenth_birthday(self):
        la = ("2025-02-10", "looked_after_at_home")
        cso = ("2025-02-10", "childrens_hearing", "outcome=cso")
        deferred = ("2026-02-01", "childrens_hearing", "outcome=continued")
        self.assertEqual(rows(child([la, cso, deferred]), "2026-02-10", "cso-review"),
                         ["2025-02-10,2026-02-10,due_soon,,"])
        self.assertEqual(rows(child([la, cso, deferred]), "2026-02-11", "cso-review"),
                         ["2025-02-10,2026-02-10,lapsed,2026-02-10,"])
        self.assertEqual(
            rows(child([la, cso, ("2026-02-10", "childrens_hearing", "outcome=discharged")]),
                 "2026-03-01", "cso-review"),
            ["2025-02-10,2026-02-10,met,2026-02-10,"])
        # the 18th birthday on the due day closes it; the day after, the order had lapsed
        self.assertEqual(rows(child([la, cso], dob="2008-02-10"), "2026-03-01", "cso-review"),
                         ["2025-02-10,2026-02-10,closed,2026-02-10,"])
        self.assertEqual(rows(child([la, cso], dob="2008-02-11"), "2026-03-01", "cso-review"),
                         ["2025-02-10,2026-02-10,lapsed,2026-02-10,"])
        # before the birthday, with D before it, the clock runs
        self.assertEqual(rows(child([la, cso], dob="2008-02-11"), "2026-01-01", "cso-review"),
                         ["2025-02-10,2026-02-10,open,,"])

    def test_29_february(self):
        la = ("2024-02-29", "looked_after_at_home")
        cso = ("2024-02-29", "childrens_hearing", "outcome=cso")
        self.assertEqual(rows(child([la, cso], dob="2010-01-01"), "2025-03-01", "cso-review"),
                         ["2024-02-29,2025-02-28,lapsed,2025-02-28,"])
        # born on 29 February 2008: 18 on 28 February 2026
        self.assertEqual(
            rows(child([("2025-03-01", "looked_after_at_home"),
                        ("2025-03-01", "childrens_hearing", "outcome=cso")], dob="2008-02-29"),
                 "2026-03-02", "cso-review"),
            ["2025-03-01,2026-03-01,closed,2026-02-28,"])
        self.assertEqual(model.add_months(parse_date("2026-01-31"), 1), parse_date("2026-02-28"))

    def test_before_clock(self):
        plar = ("2026-09-01", "lar", "kind=permanence", "planned")
        self.assertEqual(rows(child([ACC, plar]), "2026-07-08", "pace-legal-request-8w"),
                         ["2026-09-01,2026-07-07,overdue,,1"])
        self.assertEqual(
            rows(child([ACC, ("2026-07-07", "legal_advice_requested"), plar]), "2026-07-08",
                 "pace-legal-request-8w"),
            ["2026-09-01,2026-07-07,met,2026-07-07,"])
        occurred = ("2026-09-01", "lar", "kind=permanence")
        self.assertEqual(rows(child([ACC, occurred]), "2026-09-02", "pace-legal-request-8w"),
                         ["2026-09-01,2026-07-07,missed,2026-09-01,56"])
        self.assertEqual(
            rows(child([ACC, ("2026-08-20", "legal_advice_requested"), occurred]), "2026-09-02",
                 "pace-legal-request-8w"),
            ["2026-09-01,2026-07-07,met_late,2026-08-20,44"])

    def test_warning_window(self):
        c = child([ACC])
        self.assertEqual(rows(c, "2026-01-29", "lar-first"), ["2026-01-01,2026-02-12,due_soon,,"])
        self.assertEqual(rows(c, "2026-01-28", "lar-first"), ["2026-01-01,2026-02-12,open,,"])
        self.assertEqual(rows(c, "2026-02-13", "lar-first"), ["2026-01-01,2026-02-12,overdue,,1"])

    def test_home_period_from_returned_home(self):
        c = child([ACC, ("2026-03-01", "returned_home"),
                   ("2027-01-01", "accommodated", "placement=kinship")])
        self.assertEqual(rows(c, "2026-06-01", "home-cso-2y"), ["2026-03-01,2028-03-01,open,,"])
        self.assertEqual(rows(c, "2027-06-01", "home-cso-2y"),
                         ["2026-03-01,2028-03-01,closed,2027-01-01,"])
        # a second looked_after_at_home inside an open home period ends it that day
        c = child([("2026-01-01", "looked_after_at_home"), ("2026-05-01", "looked_after_at_home")])
        self.assertEqual(rows(c, "2026-06-01", "home-cso-2y"),
                         ["2026-01-01,2028-01-01,closed,2026-05-01,",
                          "2026-05-01,2028-05-01,open,,"])


class Stage(unittest.TestCase):
    def status(self, c: Child, as_of: str) -> str:
        v = View(c, parse_date(as_of))
        return ",".join(v.status_row(v.clocks())[2:8])

    # Overdue counts by hand: as of 2026-03-01 a child accommodated on 2026-01-01 has lar-first,
    # health-assessment-4w, pace-72h and pace-lar-2w overdue; kinship-18w is overdue from
    # 2026-05-08, pace-mentoring-2w from 2026-04-16 until the panel gives it up, and
    # permanence-6m and pace-decision-40w in 2027; a ceasing ends every away clock (missed).

    def test_awaiting_adoption_then_permanent(self):
        c = child([ACC, ("2026-06-01", "order_granted", "order=poa"),
                   ("2027-01-10", "order_granted", "order=adoption"),
                   ("2027-01-11", "ceased_looked_after", "destination=adoption")])
        self.assertEqual(self.status(c, "2026-06-11"),
                         "awaiting_adoption,2026-06-01,10,2026-01-01,foster,5")
        self.assertEqual(self.status(c, "2027-01-10"),
                         "permanent,2027-01-10,0,2026-01-01,foster,7")
        self.assertEqual(self.status(c, "2027-02-01"), "permanent,2027-01-10,22,,,0")

    def test_pre_birth_and_stages_away(self):
        c = child([("2026-01-05", "pre_birth_concern", "expected_birth=2026-05-01")], dob=None)
        self.assertEqual(self.status(c, "2026-02-01"), "pre_birth,2026-01-05,27,,,0")
        c = child([ACC, ("2026-04-01", "permanence_recommendation", "route=po"),
                   ("2026-06-01", "permanence_panel", "recommendation=po"),
                   ("2026-06-10", "adm_decision", "decision=agreed")])
        self.assertEqual(self.status(c, "2026-03-01"), "away_assessment,2026-01-01,59,2026-01-01,foster,4")
        self.assertEqual(self.status(c, "2026-05-01"), "permanence_planning,2026-04-01,30,2026-01-01,foster,5")
        self.assertEqual(self.status(c, "2026-06-05"), "panel,2026-06-01,4,2026-01-01,foster,5")
        self.assertEqual(self.status(c, "2026-06-10"), "legal,2026-06-10,0,2026-01-01,foster,5")


if __name__ == "__main__":
    unittest.main()
