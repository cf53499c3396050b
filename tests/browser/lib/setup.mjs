// The data every browser test starts from, made once per run: a synthetic council imported
// into a database, and one user of each role (plus a social worker of another council), all
// with one password made for this run. Each test file copies the database, so what one file
// records does not change what another sees.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Debian's Chromium, or the one CHROMIUM names.
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The date the data ends on and the server's "today" (`--today`), so that every run sees the
// same clocks whatever the real date.
export const TODAY = '2026-11-26';
export const COUNCIL = 'S12000049';
export const OTHER_COUNCIL = 'S12000033';

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
  const users = {};
  for (const role of ROLES) {
    users[role] = `bt_${role}`;
    runWaymark(binary, ['--db', db, 'user', 'add', users[role], '--role', role, '--local-authority', COUNCIL,
      '--password-stdin'], `${password}\n`);
  }
  const otherCouncilUser = 'bt_other_social_worker';
  runWaymark(binary, ['--db', db, 'user', 'add', otherCouncilUser, '--role', 'social_worker',
    '--local-authority', OTHER_COUNCIL, '--password-stdin'], `${password}\n`);
  const setup = { db, today: TODAY, council: COUNCIL, otherCouncil: OTHER_COUNCIL, password, users,
    otherCouncilUser };
  writeFileSync(join(dir, 'setup.json'), JSON.stringify(setup, null, 2));
  return setup;
}
