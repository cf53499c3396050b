#!/usr/bin/env python3
"""An independent check of `waymark due --all` and `waymark status` (docs/oracle.md).

Generates random journeys (generate.py) for several seeds, imports them with the waymark
program into a new database, runs `due --all --format csv` and `status --format csv` for
several as-of dates, and compares them row for row with the oracle (model.py), a second
reading of DATA.md and DOMAIN.md section 5. On a difference it prints the first rows that
differ and the child's events, and exits 1.

    tests/oracle/check.py --waymark build/waymark [--count 300] [--seed 1 --seeds 3]
                          [--as-of 2026-11-26 ...] [--keep DIR] [--max-report 5]
    tests/oracle/check.py --waymark build/waymark --files children.csv events.csv --as-of D
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import io
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import generate  # noqa: E402
import model  # noqa: E402

DEFAULT_AS_OF = ["2024-02-29", "2025-03-01", "2026-11-26", "2027-06-30"]
TODAY = "2035-01-01"  # the import refuses occurred events after "today"


def run(cmd: list[str]) -> str:
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8"))
    if p.returncode != 0:
        sys.stderr.write(f"command failed (exit {p.returncode}): {' '.join(cmd)}\n{p.stderr[:4000]}\n")
        raise SystemExit(2)
    return p.stdout


def parse(text: str) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def events_of(events_csv: str, la: str, child_id: str) -> list[str]:
    out = []
    with open(events_csv, newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            if row["child_id"] == child_id and (row.get("local_authority") or la) == la:
                status = row.get("status") or "occurred"
                out.append(f"    line {n}: {row['date']} {row['event']} {status} {row.get('details', '')}")
    return out


def compare(kind: str, want: list[list[str]], got: list[list[str]], key_len: int,
            sort_key, events_csv: str, as_of: str, max_report: int) -> int:
    """Row for row, where rows whose sort keys tie (DATA.md leaves their order open) are
    compared as a set. Returns the number of differing children."""
    problems = 0
    # the program's order must be the contract's
    keys = [sort_key(r) for r in got]
    if keys != sorted(keys):
        first = next(i for i in range(1, len(keys)) if keys[i] < keys[i - 1])
        print(f"[{kind} as of {as_of}] rows out of order at row {first + 1}: {got[first - 1]} then {got[first]}")
        problems += 1
    w = sorted(want, key=lambda r: (sort_key(r), r))
    g = sorted(got, key=lambda r: (sort_key(r), r))
    if w == g:
        return problems
    by_child = collections.defaultdict(lambda: ([], []))
    for r in w:
        by_child[(r[0], r[1])][0].append(r)
    for r in g:
        by_child[(r[0], r[1])][1].append(r)
    bad = [c for c, (a, b) in by_child.items() if a != b]
    print(f"[{kind} as of {as_of}] {len(bad)} children differ")
    for la, cid in sorted(bad)[:max_report]:
        a, b = by_child[(la, cid)]
        print(f"  child {la} {cid}:")
        for r in a:
            if r not in b:
                print("    oracle only:  " + ",".join(r))
        for r in b:
            if r not in a:
                print("    waymark only: " + ",".join(r))
        print("   events:")
        print("\n".join(events_of(events_csv, la, cid)))
    return problems + len(bad)


coverage: collections.Counter = collections.Counter()


def check_seed(args, seed: int, work: str) -> int:
    as_of = [model.parse_date(d) for d in args.as_of]
    if args.files:
        children_csv, events_csv = args.files
    else:
        generate.generate(seed, args.count, as_of, work, prebirth=not args.no_pre_birth,
                          sibling_group=not args.no_sibling_group, england=not args.no_england)
        children_csv = os.path.join(work, "children.csv")
        events_csv = os.path.join(work, "events.csv")
    db = os.path.join(work, "w.db")
    base = [args.waymark, "--db", db, "--today", TODAY]
    imp = base + ["import", "--no-progress", "--children", children_csv, "--events", events_csv]
    if args.ignore_unknown_columns:
        imp.insert(len(base) + 1, "--ignore-unknown-columns")
    run(imp)
    children = model.read_children(children_csv, events_csv)
    problems = 0
    for d in as_of:
        due_text = run(base + ["due", "--all", "--as-of", d.isoformat(), "--format", "csv"])
        header, got = parse(due_text)
        if ",".join(header) != model.DUE_HEADER:
            print(f"due header differs: {','.join(header)}")
            problems += 1
        want = model.due_rows(children, d, all_clocks=True)
        problems += compare("due --all", want, got, 3,
                            lambda r: (r[4], r[1], r[2]), events_csv, f"{d} (seed {seed})", args.max_report)
        status_text = run(base + ["status", "--as-of", d.isoformat(), "--format", "csv"])
        header, got = parse(status_text)
        if ",".join(header) != model.STATUS_HEADER:
            print(f"status header differs: {','.join(header)}")
            problems += 1
        want = model.status_rows(children, d)
        problems += compare("status", want, got, 2,
                            lambda r: (r[0], r[1]), events_csv, f"{d} (seed {seed})", args.max_report)
        clocks = model.due_rows(children, d, True)
        print(f"seed {seed} as of {d}: {len(clocks)} clocks, {len(want)} children checked")
        if args.coverage:
            for r in clocks:
                coverage[(r[2], r[5])] += 1
                if r[6] and r[6] == r[4]:
                    coverage[(r[2], r[5] + " on the due day")] += 1
                if r[4] == d.isoformat():
                    coverage[(r[2], "due on the as-of date")] += 1
            for r in want:
                coverage[("stage", r[2])] += 1
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--waymark", required=True, help="the waymark program")
    ap.add_argument("--count", type=int, default=300, help="children per seed (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="first seed (default 1)")
    ap.add_argument("--seeds", type=int, default=3, help="how many seeds (default 3)")
    ap.add_argument("--as-of", nargs="+", default=DEFAULT_AS_OF, help="as-of dates")
    ap.add_argument("--files", nargs=2, metavar=("CHILDREN", "EVENTS"),
                    help="check these files instead of generated ones (one run)")
    ap.add_argument("--keep", help="write each seed's files and database under this folder")
    ap.add_argument("--max-report", type=int, default=5, help="children shown per difference")
    ap.add_argument("--no-pre-birth", action="store_true",
                    help="no occurred events before the date of birth (for an engine that refuses them)")
    ap.add_argument("--no-sibling-group", action="store_true", help="no sibling_group column")
    ap.add_argument("--no-england", action="store_true",
                    help="none of DATA.md's English values (basis s20..., destination sgo and cao, "
                    "order placement_order)")
    ap.add_argument("--legacy", action="store_true",
                    help="for an engine from before issue 12: --no-pre-birth --no-england "
                    "--ignore-unknown-columns")
    ap.add_argument("--ignore-unknown-columns", action="store_true",
                    help="import with --ignore-unknown-columns")
    ap.add_argument("--old-rules", default="",
                    help="comma-separated rules to apply as before issue 12, or 'all' (to classify "
                    "disagreements with an older engine): " + ", ".join(model.RULE_CHANGES))
    ap.add_argument("--coverage", action="store_true",
                    help="print how often each standard's statuses and edges occur")
    args = ap.parse_args()
    if args.old_rules:
        names = list(model.RULE_CHANGES) if args.old_rules == "all" else args.old_rules.split(",")
        unknown = [n for n in names if n not in model.RULE_CHANGES]
        if unknown:
            ap.error(f"unknown rule {unknown[0]} (expected one of {', '.join(model.RULE_CHANGES)})")
        model.OLD_RULES.update(names)
    if args.legacy:
        args.no_pre_birth = args.no_england = args.ignore_unknown_columns = True
    if args.files:
        args.seeds = 1
    problems = 0
    for seed in range(args.seed, args.seed + args.seeds):
        if args.keep:
            work = os.path.join(args.keep, f"seed-{seed}")
            os.makedirs(work, exist_ok=True)
            if os.path.exists(os.path.join(work, "w.db")):
                os.remove(os.path.join(work, "w.db"))
            problems += check_seed(args, seed, work)
        else:
            with tempfile.TemporaryDirectory(prefix="waymark-oracle.") as work:
                problems += check_seed(args, seed, work)
    if args.coverage:
        for (what, status), n in sorted(coverage.items()):
            print(f"  {what:24} {status:32} {n}")
    if problems:
        print(f"FAIL: {problems} differences between waymark and the oracle")
        return 1
    print("ok: waymark agrees with the oracle row for row")
    return 0


if __name__ == "__main__":
    sys.exit(main())
