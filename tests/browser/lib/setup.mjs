// The data every browser test starts from, made once per run: a synthetic council imported
// into a database, one team, one user of each role (plus a second social worker of the team,
// a social worker of another council and a social worker with a one-time password), all with
// one password made for this run, and the children allocated as a council's case system would
// export them (as scripts/demo does), and one test of change. Each test file copies the database, so what one file records does not
// change what another sees.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Debian's Chromium, or the one CHROMIUM names.
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The date the data ends on and the server's "today" (`--today`), so that every run sees the
// same clocks whatever the real date.
export const TODAY = '2026-11-26';
export const COUNCIL = 'S12000049';
export const OTHER_COUNCIL = 'S12000033';
export const TEAM = 'Browser test team';

// DESIGN.md's roles, in the order of `waymark user add --help`.
export const ROLES = [
  'social_worker',
  'team_manager',
  'reviewing_officer',
  'legal',
  'improvement_advisor',
  'administrator',
  'national_analyst',
];

// Roles that see named children; the others see aggregates only.
export const NAMED_CHILD_ROLES = ['social_worker', 'team_manager', 'reviewing_officer', 'legal'];

// Runs the waymark binary and returns its standard output; a failure throws with its stderr.
export function runWaymark(binary, args, input) {
  try {
    return execFileSync(binary, args, {
      input,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC', LC_ALL: 'C.UTF-8', WAYMARK_DB: '', WAYMARK_CONFIG: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    throw new Error(`waymark ${args.join(' ')} failed (${e.status}): ${e.stderr}`);
  }
}

export function waymarkBinary() {
  const binary = process.env.WAYMARK_BINARY;
  if (!binary) throw new Error('WAYMARK_BINARY is not set: the path of the built waymark program');
  if (!existsSync(binary)) throw new Error(`WAYMARK_BINARY: no such file: ${binary}`);
  return binary;
}

// Writes the database and setup.json into `dir` and returns what setup.json holds.
export function buildSetup(dir) {
  const binary = waymarkBinary();
  const db = join(dir, 'template.db');
  runWaymark(binary, ['synth', '--children', '30', '--seed', '5', '--local-authority', COUNCIL,
    '--as-of', TODAY, '--out', dir]);
  runWaymark(binary, ['--db', db, '--today', TODAY, 'import', '--children', join(dir, 'children.csv'),
    '--events', join(dir, 'events.csv'), '--no-progress']);
  const password = `browser-${randomBytes(12).toString('base64url')}`;
  const addUser = (name, role, council, team) =>
    runWaymark(binary, ['--db', db, 'user', 'add', name, '--role', role, '--local-authority', council,
      ...(team ? ['--team', team] : []), '--password-stdin'], `${password}\n`);
  runWaymark(binary, ['--db', db, 'team', 'add', '--local-authority', COUNCIL, TEAM]);
  const users = {};
  for (const role of ROLES) {
    users[role] = `bt_${role}`;
    addUser(users[role], role, COUNCIL, role === 'social_worker' || role === 'team_manager' ? TEAM : null);
  }
  // A second worker of the team, so that the social worker's "team" is more than their own caseload.
  const secondWorker = 'bt_social_worker_2';
  addUser(secondWorker, 'social_worker', COUNCIL, TEAM);
  const otherCouncilUser = 'bt_other_social_worker';
  addUser(otherCouncilUser, 'social_worker', OTHER_COUNCIL, null);
  // A social worker of the team whose password is one-time (as an administrator's is): they
  // must change it at first sign-in.
  const oneTimeUser = 'bt_one_time_worker';
  runWaymark(binary, ['--db', db, 'user', 'add', oneTimeUser, '--role', 'social_worker', '--local-authority', COUNCIL,
    '--team', TEAM, '--password-stdin', '--must-change'], `${password}\n`);
  const allocations = allocate(dir, users, secondWorker);
  runWaymark(binary, ['--db', db, 'allocate', '--from', join(dir, 'allocations.csv')]);
  // A test of change with a cycle, so that its pages are reached by the crawl.
  runWaymark(binary, ['--db', db, 'pdsa', 'add', '--local-authority', COUNCIL, '--reference', 'PACE-1',
    '--title', 'Book the first review at admission', '--aim', 'Every first review on time',
    '--change-idea', 'The review is booked at the post-admission meeting', '--measure', 'first-lar-on-time',
    '--start', '2026-09-01']);
  runWaymark(binary, ['--db', db, 'pdsa', 'cycle', 'PACE-1', '--plan', 'Book at the next five admissions',
    '--plan-date', '2026-09-01']);
  const setup = { db, today: TODAY, council: COUNCIL, otherCouncil: OTHER_COUNCIL, team: TEAM, password, users,
    secondWorker, otherCouncilUser, oneTimeUser, allocations };
  writeFileSync(join(dir, 'setup.json'), JSON.stringify(setup, null, 2));
  return setup;
}

// Writes allocations.csv for the synthetic children: every child to the social worker, except
// every third to the team's second worker; every other child's reviews to the reviewing officer
// (C000001, C000003, ...); every fifth child to the legal user (C000001, C000006, ...). Returns
// { child_id: { worker, reviewing_officer, legal } }.
function allocate(dir, users, secondWorker) {
  const [header, ...rows] = readFileSync(join(dir, 'children.csv'), 'utf8').trim().split('\n')
    .map((line) => line.split(','));
  const id = header.indexOf('child_id');
  const council = header.indexOf('local_authority');
  const out = {};
  const lines = ['child_id,local_authority,worker,reviewing_officer,legal'];
  rows.forEach((row, n) => {
    const a = {
      worker: n % 3 === 2 ? secondWorker : users.social_worker,
      reviewing_officer: n % 2 === 0 ? users.reviewing_officer : '',
      legal: n % 5 === 0 ? users.legal : '',
    };
    out[row[id]] = a;
    lines.push([row[id], row[council], a.worker, a.reviewing_officer, a.legal].join(','));
  });
  writeFileSync(join(dir, 'allocations.csv'), `${lines.join('\n')}\n`);
  return out;
}
