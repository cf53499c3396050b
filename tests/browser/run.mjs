// node tests/browser/run.mjs WAYMARK_BINARY [TEST_FILE...]
//
// The browser tests (ctest `browser`): makes the run's data once (lib/setup.mjs), then runs
// every tests/browser/*.test.mjs (or the files named) with Node's test runner, one file at a
// time, and exits with its status (failing if any test was skipped). Chromium is
// /usr/bin/chromium or $CHROMIUM.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSetup, CHROMIUM } from './lib/setup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [binary, ...named] = process.argv.slice(2);
if (!binary) {
  console.error('usage: node tests/browser/run.mjs WAYMARK_BINARY [TEST_FILE...]');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`no Chromium at ${CHROMIUM}: run scripts/install-deps (Debian's chromium), or set CHROMIUM`);
  process.exit(1);
}
for (const name of ['playwright-core', '@axe-core/playwright']) {
  try {
    import.meta.resolve(name);
  } catch {
    console.error(`no ${name} in node_modules: run scripts/install-deps (npm ci)`);
    process.exit(1);
  }
}
process.env.WAYMARK_BINARY = resolve(binary);

const files = named.length > 0
  ? named.map((f) => resolve(f))
  : readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(here, f));

const dir = mkdtempSync(join(tmpdir(), 'waymark-browser-setup-'));
let status = 1;
try {
  const started = Date.now();
  buildSetup(dir);
  console.log(`browser tests: data made in ${Date.now() - started} ms; ${files.length} file(s)`);
  const tap = join(dir, 'results.tap');
  const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec',
    '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files], {
    stdio: 'inherit',
    env: { ...process.env, WAYMARK_BROWSER_SETUP: join(dir, 'setup.json') },
  });
  status = run.status ?? 1;
  // Every page a flow needs exists: a skipped test (or one left to do) fails the run.
  const results = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(results)?.[1] ?? NaN);
  const skipped = count('skipped') + count('todo');
  if (skipped !== 0) {
    console.error(`browser tests: ${Number.isNaN(skipped) ? 'no results' : `${skipped} test(s) skipped or to do`}`);
    status = status || 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
