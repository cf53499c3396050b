// The shared fixture of the browser tests (docs/web.md, "Browser tests").
//
// A test file calls `useWaymark()` once at its top level. Before its tests it gets its own
// copy of the run's database (lib/setup.mjs), its own `waymark serve` on a free loopback port
// and its own Chromium (Debian's, driven by playwright-core; never a browser Playwright
// downloads); after them, all of it is stopped and removed. So a flow is one small file:
//
//   import { test } from 'node:test';
//   import { useWaymark } from './lib/fixture.mjs';
//   const wm = useWaymark();
//   test('something', async () => {
//     const page = await wm.pageAs('social_worker');
//     ...
//     await wm.expectNoAxeViolations(page);
//   });
//
// Each server keeps its own sign-in rate limit (10 sign-ins in 5 minutes from one address), so
// one file signs in at most 10 times; `pageAs` signs in once per role and file.
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { buildSetup, CHROMIUM, runWaymark, waymarkBinary } from './setup.mjs';

// The WCAG levels issue 5 asks for: 2.2 AA and everything below it.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// What this machine's closed network needs (machines/cpp.md): no background connections, no
// sandbox (the tests run as root), no GPU. Playwright adds --headless and a new empty
// --user-data-dir of its own for each launch.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Starts `waymark serve` on a free loopback port; resolves when it says where it listens.
function startServer(binary, db, today) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['--db', db, '--today', today, 'serve', '--listen', '127.0.0.1:0'], {
      env: { ...process.env, TZ: 'UTC', LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    let started = false;
    const timer = setTimeout(() => {
      if (!started) {
        child.kill('SIGKILL');
        reject(new Error(`the server did not say where it listens within 20 s:\n${log}`));
      }
    }, 20000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(log);
      if (m && !started) {
        started = true;
        clearTimeout(timer);
        resolve({ child, base: m[0], log: () => log });
      }
    });
    child.on('exit', (code) => {
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`the server exited at start (${code}):\n${log}`));
      }
    });
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    const kill = setTimeout(() => server.child.kill('SIGKILL'), 15000);
    server.child.on('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.child.kill('SIGTERM');
  });
}

// One axe violation per line: the rule, its impact, what it asks and where.
function describeViolations(violations) {
  return violations
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes
      .slice(0, 5)
      .map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`)
      .join('\n')}`)
    .join('\n');
}

// Whether a link leads to a page to crawl, rather than a download, an asset or the API.
function crawlable(url, origin, anchorDownload) {
  if (url.origin !== origin || anchorDownload) return false;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) return false;
  // A file name (timeline.pdf, measure.csv, chart.png) is a download, not a page.
  return !/\.[A-Za-z0-9]+$/.test(url.pathname);
}

// Segments kept as they are when a path is reduced to its pattern: actions and the
// administration's pages (/admin/users, /admin/audit, ...), not identifiers.
const ACTION_SEGMENTS = new Set(['new', 'edit', 'correct', 'cancel', 'decide', 'cycles', 'events', 'users', 'teams',
  'standards', 'audit']);

// Query parameters that only reorder the same page (a list's sort), left out of its shape.
const ORDER_PARAMETERS = new Set(['sort', 'order']);

// The shape of an address: identifiers (a segment with a digit, or the last of two or more
// segments unless it names an action) become {}, and the query keeps only its parameters'
// names, but those that only reorder it. /children/S12000049/C000002 -> /children/{}/{};
// /measures/in-drift -> /measures/{}; /children?stage=x&sort=days -> /children?stage.
export function pattern(url) {
  const segments = url.pathname.split('/').filter(Boolean);
  const shape = segments.map((s, i) => {
    if (ACTION_SEGMENTS.has(s)) return s;
    if (/\d/.test(s) || (i > 0 && i === segments.length - 1)) return '{}';
    return s;
  });
  const names = [...new Set([...url.searchParams.keys()])].filter((n) => !ORDER_PARAMETERS.has(n)).sort();
  return `/${shape.join('/')}${names.length ? `?${names.join('&')}` : ''}`;
}

export function useWaymark() {
  const wm = {
    setup: null, // setup.json: users, password, council, today
    base: '', // http://127.0.0.1:PORT
    browser: null,
    dir: '',
  };
  const contexts = new Map(); // role and options -> { context, page }
  const problems = new WeakMap(); // page -> CSP refusals and script errors not yet reported
  const noScript = new WeakSet(); // pages whose context runs no JavaScript
  let server = null;
  let ownSetup = null;

  before(async () => {
    const binary = waymarkBinary();
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: scripts/install-deps installs Debian's chromium, or set CHROMIUM`);
    }
    wm.dir = mkdtempSync(join(tmpdir(), 'waymark-browser-'));
    if (process.env.WAYMARK_BROWSER_SETUP) {
      wm.setup = JSON.parse(readFileSync(process.env.WAYMARK_BROWSER_SETUP, 'utf8'));
    } else {
      // Run on its own (node --test tests/browser/x.test.mjs): make the data here.
      ownSetup = mkdtempSync(join(tmpdir(), 'waymark-browser-setup-'));
      wm.setup = buildSetup(ownSetup);
    }
    const db = join(wm.dir, 'waymark.db');
    copyFileSync(wm.setup.db, db);
    server = await startServer(binary, db, wm.setup.today);
    wm.base = server.base;
    wm.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60000 });
  });

  after(async () => {
    for (const { context } of contexts.values()) await context.close().catch(() => {});
    if (wm.browser) await wm.browser.close();
    if (server) await stopServer(server);
    if (wm.dir) rmSync(wm.dir, { recursive: true, force: true });
    if (ownSetup) rmSync(ownSetup, { recursive: true, force: true });
  });

  // The server's log so far (the access log and any error), for a failure's message.
  wm.serverLog = () => (server ? server.log() : '');

  // The waymark program on this file's database (e.g. to find a child with an open clock).
  wm.waymark = (args, input) =>
    runWaymark(waymarkBinary(), ['--db', join(wm.dir, 'waymark.db'), '--today', wm.setup.today, ...args], input);

  wm.url = (path) => new URL(path, wm.base).href;

  // A page in a new browser context (no cookies), watched for CSP refusals and script errors.
  // `javaScript: false` turns scripts off, as for a user whose browser runs none (the main
  // tasks work without them); `width` sets the viewport's width (390 for a phone).
  wm.newPage = async ({ javaScript = true, width = 1280 } = {}) => {
    const context = await wm.browser.newContext({
      baseURL: wm.base,
      acceptDownloads: true,
      javaScriptEnabled: javaScript,
      viewport: { width, height: width < 768 ? 844 : 800 },
    });
    context.setDefaultTimeout(30000);
    const page = await context.newPage();
    if (!javaScript) noScript.add(page);
    const list = [];
    problems.set(page, list);
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) list.push(`CSP: ${m.text()}`);
    });
    page.on('pageerror', (e) => list.push(`script error: ${e.message}`));
    // A stylesheet, script or picture that failed to load (the page itself may be an error page).
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.request().isNavigationRequest()) list.push(`${r.status()} for ${r.url()}`);
    });
    page.on('requestfailed', (r) => {
      // A download's navigation is aborted by design; anything else failing is a problem.
      if (!r.isNavigationRequest()) list.push(`${r.failure()?.errorText} for ${r.url()}`);
    });
    return { context, page };
  };

  // Signs in through the form as `name` and returns the page it lands on.
  wm.signIn = async (page, name, password = wm.setup.password) => {
    await page.goto('/sign-in');
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password').fill(password);
    // The click waits for the navigation it starts; then the page it leads to (/ or
    // /children, after a redirect), or the form again, loads.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    return page;
  };

  // A page signed in as the fixture's user of `role` (or 'other_council' for the social worker
  // of another council), made once per file and kept (one per role and options: each signs in
  // once). Options as newPage's: { javaScript: false, width: 390 }.
  wm.pageAs = async (role, options = {}) => {
    const key = `${role}:${options.javaScript === false ? 'nojs' : 'js'}:${options.width ?? 1280}`;
    if (!contexts.has(key)) {
      const name = role === 'other_council' ? wm.setup.otherCouncilUser : wm.setup.users[role];
      assert.ok(name, `no user of role ${role}`);
      const { context, page } = await wm.newPage(options);
      await wm.signIn(page, name);
      await page.waitForURL((url) => url.pathname !== '/sign-in', { timeout: 15000 }).catch(() => {
        throw new Error(`${name} could not sign in:\n${wm.serverLog().slice(-2000)}`);
      });
      contexts.set(key, { context, page });
    }
    return contexts.get(key).page;
  };

  // The page as it is now has no axe violation of WCAG 2.2 AA or below, and no CSP refusal or
  // script error has been logged on it since the last check.
  // Axe runs in the page, so on a page without JavaScript it never finishes: it checks a copy of
  // the document as it is (the same address, width and stylesheets, its own scripts not run).
  wm.expectNoAxeViolations = async (page, what = new URL(page.url()).pathname) => {
    const seen = problems.get(page) ?? [];
    const logged = seen.splice(0);
    assert.deepEqual(logged, [], `${what}: the browser logged problems`);
    const copy = noScript.has(page) ? await scriptlessCopy(page) : null;
    let results;
    try {
      results = await new AxeBuilder({ page: copy ? copy.page : page }).withTags(AXE_TAGS).analyze();
    } finally {
      if (copy) await copy.context.close();
    }
    assert.ok(results.passes.length > 0, `${what}: axe checked nothing`);
    assert.equal(results.violations.length, 0,
      `${what}: ${results.violations.length} axe violation(s):\n${describeViolations(results.violations)}`);
    return results;
  };

  // A page without JavaScript's document as it is now, in a page that runs scripts (axe's) but
  // not the document's own, at the same address and width.
  async function scriptlessCopy(page) {
    const html = await page.content();
    const address = page.url().split('#')[0];
    const context = await wm.browser.newContext({ baseURL: wm.base, viewport: page.viewportSize() });
    const copy = await context.newPage();
    await copy.route((u) => u.href.split('#')[0] === address,
      (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.route((u) => /\.js$/.test(u.pathname), (r) => r.abort());
    await copy.goto(page.url());
    return { context, page: copy };
  }

  // At 320 CSS pixels wide (a 1280-pixel screen at 400% zoom) nothing but a data table (or a
  // picture in a scrolling region) reaches
  // past the right edge, so reading needs no sideways scrolling (WCAG 1.4.10 Reflow; data
  // tables are an exception there, as content whose meaning needs two dimensions: without the
  // design system's JavaScript, its small-screen table layouts do not apply).
  // A page without JavaScript is checked on a copy of its document (scriptlessCopy).
  wm.expectReflow = async (shown, what = new URL(shown.url()).pathname) => {
    const copy = noScript.has(shown) ? await scriptlessCopy(shown) : null;
    const page = copy ? copy.page : shown;
    const size = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 640 });
    const wide = await page.evaluate(() => {
      const out = [];
      for (const e of document.body.querySelectorAll('*')) {
        // A table, or a picture in its own scrolling region (.wm-scroll, focusable and labelled:
        // the full-size timeline), scrolls sideways inside its region, not the page.
        if (e.closest('table, .wm-scroll')) continue;
        const r = e.getBoundingClientRect();
        if (r.right > window.innerWidth + 1) {
          out.push(`<${e.tagName.toLowerCase()}> ${Math.round(r.width)} wide: ${(e.textContent ?? '').trim().slice(0, 40)}`);
        }
      }
      return out;
    });
    if (copy) await copy.context.close();
    else await page.setViewportSize(size);
    assert.deepEqual(wide, [], `${what}: wider than 320 CSS pixels (WCAG 1.4.10 Reflow)`);
  };

  // Visits every page reachable by links from where `page` is now (same origin; no downloads,
  // assets or API), at most `perPattern` addresses of each pattern() and `limit` pages in all,
  // and checks each: it answers 200 with HTML, has no axe violation and reflows at 320 CSS
  // pixels. Returns the addresses
  // visited; throws listing every page that failed.
  wm.crawl = async (page, { perPattern = 2, limit = 60 } = {}) => {
    const origin = new URL(wm.base).origin;
    const start = new URL(page.url());
    const queue = [start.pathname + start.search];
    const seen = new Set(queue);
    const perShape = new Map([[pattern(start), 1]]);
    const visited = [];
    const failures = [];
    while (queue.length > 0 && visited.length < limit) {
      const path = queue.shift();
      const response = await page.goto(path);
      // Where a redirect led (/ -> /children) is what was visited.
      const landed = new URL(page.url());
      seen.add(landed.pathname + landed.search);
      visited.push(landed.pathname + landed.search);
      if (!response || response.status() !== 200) {
        failures.push(`${path}: status ${response?.status()}`);
        continue;
      }
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
      for (const check of [wm.expectNoAxeViolations, wm.expectReflow]) {
        try {
          await check(page, path);
        } catch (e) {
          failures.push(e.message);
        }
      }
      const links = await page.$$eval('a[href]', (as) =>
        as.map((a) => ({ href: a.href, download: a.hasAttribute('download') })));
      for (const link of links) {
        const url = new URL(link.href);
        url.hash = '';
        if (!crawlable(url, origin, link.download)) continue;
        const key = url.pathname + url.search;
        if (seen.has(key)) continue;
        seen.add(key);
        const shape = pattern(url);
        const count = perShape.get(shape) ?? 0;
        if (count >= perPattern) continue;
        perShape.set(shape, count + 1);
        queue.push(key);
      }
    }
    assert.deepEqual(failures, [], `pages that failed, of ${visited.length} visited:\n${failures.join('\n')}`);
    return { visited, unvisited: queue };
  };

  // The status of a GET of `path` for `page`'s user, without following redirects or
  // downloading into the page (to tell whether a page exists yet).
  wm.status = async (page, path) => {
    const response = await page.context().request.get(path, { maxRedirects: 0 });
    return response.status();
  };

  return wm;
}
