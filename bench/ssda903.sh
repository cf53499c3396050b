#!/usr/bin/env bash
# Benchmark of `waymark import --ssda903`: ten years of a large English council's returns.
#
#   bench/ssda903.sh [--children N] [--years Y]   (defaults: 5000, 10; do not go above that)
#
# Writes Y synthetic SSDA903 returns (2017-18 on; header.csv, episodes.csv, reviews.csv in a
# folder a year) for N children to a temporary folder: each child has one or two periods of
# care of one to six episodes, carried over from return to return as the Department's returns
# are (an episode open at the year's end is sent again the next year, DEC filled in once it has
# ended), and a review every six months while looked after. Then it times, into fresh
# databases, the import of all Y years at once (the issue 16 target: under 10 s for 5,000
# children and 10 years) and of the years one at a time, and checks that the two store the same
# journeys. Environment: WAYMARK (default build/waymark next to this folder), TMPDIR.
set -euo pipefail

children=5000
years=10
while [[ $# -gt 0 ]]; do
    case "$1" in
        --children) children=$2; shift 2 ;;
        --years) years=$2; shift 2 ;;
        -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "ssda903.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if ((children > 5000 || years > 10)); then
    echo "ssda903.sh: at most 5000 children and 10 years" >&2
    exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WAYMARK=${WAYMARK:-$root/build/waymark}
[[ -x "$WAYMARK" ]] || { echo "ssda903.sh: no program at $WAYMARK: build first" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/waymark-ssda903-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" "$children" "$years" <<'EOF'
import datetime as dt, os, random, sys
out, n, years = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
first = 2017
rng = random.Random(1)
D = dt.date
def fmt(d): return d.strftime('%d/%m/%Y')
end_of_data = D(first + years, 3, 31)
places = ['U1', 'U3', 'U4', 'U6', 'K2', 'R1', 'A5', 'P1', 'T2']
returns = {y: {'header': [], 'episodes': [], 'reviews': []} for y in range(first, first + years)}
for i in range(n):
    child = 'B%05d' % i
    dob = D(2003, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))
    sex = rng.choice('12')
    start = max(dob + dt.timedelta(days=30), D(first, 4, 1) + dt.timedelta(days=rng.randrange(years * 365 - 60)))
    episodes = []  # (decom, rne, ls, place, dec, rec)
    for period in range(rng.choice([1, 1, 2])):
        if start >= end_of_data: break
        ls = rng.choice(['C1', 'C2', 'V2', 'L2'])
        d = start
        k = rng.randrange(1, 7)
        place = rng.choice(places[:-1])
        for j in range(k):
            length = rng.randrange(20, 400)
            dec = d + dt.timedelta(days=length)
            last = j == k - 1
            rec = rng.choice(['E4A', 'E11', 'E13', 'E48', 'E5']) if last else 'X1'
            if dec > end_of_data: dec, rec = None, ''
            episodes.append((d, 'S' if j == 0 else rng.choice('PPLT'), ls, place, dec, rec))
            if dec is None: break
            d = dec
            if rng.random() < 0.2 and ls != 'E1': ls = 'E1'
            place = rng.choice(places if not last else places[:-1])
            if episodes[-1][3] == 'T2': place = episodes[-2][3] if len(episodes) > 1 else 'U4'
        if episodes[-1][4] is None: break
        start = episodes[-1][4] + dt.timedelta(days=rng.randrange(30, 600))
    for y in returns:
        ys, ye = D(y, 4, 1), D(y + 1, 3, 31)
        rows = [e for e in episodes if e[0] <= ye and (e[4] is None or e[4] >= ys)]
        if not rows: continue
        s = sex if y <= 2023 else {'1': 'M', '2': 'F'}[sex]
        returns[y]['header'].append('%s,%s,%s,WBRI,UN4,,' % (child, s, fmt(dob)))
        for (decom, rne, ls, place, dec, rec) in rows:
            shown = dec is not None and dec <= ye
            returns[y]['episodes'].append('%s,%s,%s,%s,N1,%s,%s,%s,%s,,,,' % (
                child, fmt(decom), rne, ls, place, '' if place in ('T2', 'P1') else 'PR1',
                fmt(dec) if shown else '', rec if shown else ''))
        for (decom, rne, ls, place, dec, rec) in rows:
            r = decom + dt.timedelta(days=28)
            while r <= (dec or ye) and r <= ye:
                if r >= ys: returns[y]['reviews'].append('%s,%s,%s,PN1' % (child, fmt(dob), fmt(r)))
                r += dt.timedelta(days=182)
for y, files in returns.items():
    folder = os.path.join(out, str(y))
    os.makedirs(folder)
    with open(os.path.join(folder, 'header.csv'), 'w') as f:
        f.write('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n' + ''.join(l + '\n' for l in files['header']))
    with open(os.path.join(folder, 'episodes.csv'), 'w') as f:
        f.write('CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
                ''.join(l + '\n' for l in files['episodes']))
    with open(os.path.join(folder, 'reviews.csv'), 'w') as f:
        f.write('CHILD,DOB,REVIEW,REVIEW_CODE\n' + ''.join(l + '\n' for l in sorted(set(files['reviews']))))
EOF

today=$((2017 + years))-04-01
args=()
for ((y = 2017; y < 2017 + years; y++)); do args+=(--ssda903 "$y:$tmp/$y"); done
episodes=$(cat "$tmp"/*/episodes.csv | grep -vc '^CHILD')
echo "SSDA903 import: $children children, $years returns (2017-18 on), $episodes episode rows"

t0=$(date +%s.%N)
"$WAYMARK" --db "$tmp/all.db" --today "$today" import "${args[@]}" --local-authority E08000025 --no-progress
t1=$(date +%s.%N)
for ((y = 2017; y < 2017 + years; y++)); do
    "$WAYMARK" --db "$tmp/one.db" --today "$today" import --ssda903 "$y:$tmp/$y" --local-authority E08000025 \
        --no-progress > /dev/null
done
t2=$(date +%s.%N)
printf 'all %d years at once: %.2f s\none year at a time:   %.2f s\n' "$years" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$t2 - $t1" | bc)"

# The events that count, the same whichever way the years came in.
query="SELECT c.child_id, e.date, e.event, e.details, e.note, e.event_id FROM events e JOIN children c ON c.id = e.child
       WHERE e.status <> 'cancelled' ORDER BY c.child_id, e.date, e.event_id;"
if cmp -s <(sqlite3 "$tmp/all.db" "$query") <(sqlite3 "$tmp/one.db" "$query"); then
    echo "same journeys: yes ($(sqlite3 "$tmp/all.db" "SELECT count(*) FROM events WHERE status <> 'cancelled';") events)"
else
    echo "same journeys: NO" >&2
    exit 1
fi
