// Phones and small tablets, the header's search and printing (issue 13, items 1, 2 and 10):
// the menu that opens without JavaScript, tables that scroll in their own region rather than
// widen the page, the timeline full size, and the print stylesheet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

// The header's links at the desktop's width, as [name, path].
async function desktopLinks(page) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = await nav.getByRole('link').evaluateAll((as) =>
    as.map((a) => [a.textContent.trim(), new URL(a.href).pathname]));
  assert.ok(links.length >= 5, `the header has its links (${JSON.stringify(links)})`);
  return links;
}

// How much wider than the viewport the page is (0: none). Playwright cannot evaluate script in a
// page with JavaScript off, so this (and axe) runs on the pages with it on: Waymark loads no
// script, so a page is laid out the same either way.
async function overflow(page) {
  const { wider, culprits } = await page.evaluate(() => {
    const d = document.documentElement;
    const out = [];
    for (const e of document.body.querySelectorAll('*')) {
      if (e.closest('.wm-scroll')) continue;
      const r = e.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && out.length < 5) {
        out.push(`<${e.tagName.toLowerCase()} class="${e.className?.baseVal ?? e.className}"> ${Math.round(r.right)}`);
      }
    }
    return { wider: d.scrollWidth - window.innerWidth, culprits: out };
  });
  if (wider > 0) console.error(`${page.url()} is ${wider} px too wide: ${culprits.join(', ')}`);
  return wider;
}

// Checks the phone's menu on `page` (at 390 px): closed at first, opened by its "Menu" control,
// holding every link the desktop header has, the search and Sign out. With `measure`, also
// that the open menu fits the phone and passes axe (script must be on for those).
async function checkMenu(page, links, { measure = false } = {}) {
  await page.goto('/children');
  const menu = page.getByRole('navigation', { name: 'Menu' });
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false,
    'the desktop navigation is hidden on a phone');
  assert.equal(await menu.isVisible(), false, 'the menu is closed at first');
  await page.locator('label[for="menu"]').click();
  assert.ok(await menu.isVisible(), 'the Menu control opens the menu');
  for (const [name, path] of links) {
    const link = menu.getByRole('link', { name, exact: true });
    assert.ok(await link.isVisible(), `${name} is in the open menu`);
    assert.equal(await link.getAttribute('href'), path);
  }
  assert.ok(await menu.getByRole('button', { name: 'Sign out' }).isVisible(), 'Sign out is in the menu');
  const search = menu.getByRole('search');
  assert.ok(await search.getByLabel('Search for a child').isVisible(), 'the search is in the menu');
  if (measure) {
    assert.equal(await overflow(page), 0, 'the open menu does not widen the page');
    await wm.expectNoAxeViolations(page, 'the open menu');
  }
  await page.locator('label[for="menu"]').click();
  assert.equal(await menu.isVisible(), false, 'the Menu control closes it again');
}

test('at 390 px without JavaScript the menu opens and every header link is followed from it', async () => {
  const links = await desktopLinks(await wm.pageAs('social_worker'));
  const names = links.map(([name]) => name);
  for (const name of ['My children', 'Due this week', 'Drift dashboard', 'Measures', 'Tests of change',
    'Change password', 'Your sessions']) {
    assert.ok(names.includes(name), `the header links ${name}`);
  }
  const page = await wm.pageAs('social_worker', { javaScript: false, width: 390 });
  await checkMenu(page, links);
  // Follow each link from the open menu, as a phone's user would.
  for (const [name, path] of links) {
    await page.goto('/measures');  // from a page with the header (a 404 page has none)
    await page.locator('label[for="menu"]').click();
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }).click(),
    ]);
    assert.equal(new URL(page.url()).pathname, path, `${name} leads to ${path}`);
    assert.equal(response.status(), 200, `${name} opens`);
  }
});

test('at 390 px with JavaScript on the menu works the same', async () => {
  const links = await desktopLinks(await wm.pageAs('social_worker'));
  await checkMenu(await wm.pageAs('social_worker', { width: 390 }), links, { measure: true });
});

test('the keyboard opens the menu: Space on its control', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false, width: 390 });
  await page.goto('/measures');
  await page.locator('#menu').focus();
  await page.keyboard.press('Space');
  assert.ok(await page.getByRole('navigation', { name: 'Menu' }).isVisible(), 'Space opens the menu');
  await page.keyboard.press('Space');
  assert.equal(await page.getByRole('navigation', { name: 'Menu' }).isVisible(), false, 'and closes it');
});

test('the header searches for a child, for the roles that see named children only', async () => {
  const page = await wm.pageAs('social_worker');
  await page.goto('/measures');
  const search = page.getByRole('banner').getByRole('search').filter({ visible: true });
  assert.equal(await search.count(), 1, 'one search is shown at 1280 px');
  const box = search.getByRole('searchbox', { name: 'Search for a child' });
  assert.equal(await box.getAttribute('name'), 'q');
  // Part of a reference: the results page, with the words sent as q.
  await box.fill('C00000');
  await Promise.all([page.waitForNavigation(), search.getByRole('button', { name: 'Search' }).click()]);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/search');
  assert.equal(url.searchParams.get('q'), 'C00000');
  // A reference typed in full, of a child the worker may see: straight to the child's page.
  await box.fill('C000002');
  await Promise.all([page.waitForNavigation(), search.getByRole('button', { name: 'Search' }).click()]);
  assert.equal(new URL(page.url()).pathname, `/children/${wm.setup.council}/C000002`);

  const advisor = await wm.pageAs('improvement_advisor');
  await advisor.goto('/measures');
  assert.equal(await advisor.getByRole('search').count(), 0, 'a role that sees aggregates only has no search');
  assert.ok(await advisor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measures' })
    .isVisible());
  assert.equal(await advisor.getByRole('link', { name: 'Due this week' }).count(), 0);
});

test('at 390 px tables scroll in their own labelled region and never widen the page', async () => {
  const page = await wm.pageAs('social_worker', { width: 390 });
  const admin = await wm.pageAs('administrator', { width: 390 });
  const child = `/children/${wm.setup.council}/C000002`;
  const pages = [[page, '/children'], [page, '/dashboard'], [page, '/measures'],
    [page, '/measures/days-to-recommendation'], [page, '/tests-of-change'], [page, '/tests-of-change/PACE-1'],
    [page, child], [page, '/account/sessions'], [admin, '/admin/audit'], [admin, '/admin/users'], [admin, '/admin']];
  for (const [p, path] of pages) {
    const response = await p.goto(path);
    assert.equal(response.status(), 200, path);
    // The child page's other clocks are folded: open them, so that their table is measured too.
    for (const details of await p.locator('details').all()) await details.evaluate((d) => { d.open = true; });
    assert.equal(await overflow(p), 0, `${path} is no wider than 390 px`);
    const tables = await p.locator('main table').evaluateAll((ts) => ts.map((t) => {
      const region = t.closest('.wm-scroll');
      return {
        caption: t.caption?.textContent.trim().slice(0, 40),
        wide: t.getBoundingClientRect().width > window.innerWidth,
        region: region ? [region.getAttribute('role'), region.getAttribute('tabindex'),
          region.getAttribute('aria-label')] : null,
      };
    }));
    for (const t of tables.filter((x) => x.wide)) {
      assert.ok(t.region, `${path}: the wide table "${t.caption}" scrolls in a region`);
      assert.equal(t.region[0], 'region');
      assert.equal(t.region[1], '0', 'the region takes the keyboard');
      assert.match(t.region[2] ?? '', /\S/, 'the region is labelled');
    }
    await wm.expectNoAxeViolations(p, `${path} at 390 px`);
  }
});

test('on a phone the timeline opens full size, scrolling sideways in its region', async () => {
  const page = await wm.pageAs('social_worker', { width: 390 });
  await page.goto(`/children/${wm.setup.council}/C000002`);
  const thumbnail = await page.locator('figure.waymark-timeline svg').boundingBox();
  await page.getByRole('link', { name: 'Open the timeline full size' }).click();
  await page.waitForURL(`**/children/${wm.setup.council}/C000002/timeline`);
  await page.getByRole('heading', { level: 1, name: 'Timeline of C000002' }).waitFor();
  const region = page.getByRole('region', { name: 'Timeline, full size' });
  const svg = region.locator('svg');
  const full = await svg.evaluate((s) => s.getBoundingClientRect().width);
  assert.ok(full > 2 * thumbnail.width, `the timeline is drawn at its own width (${full} px, not ${thumbnail.width})`);
  assert.ok(full > 390, 'wider than the phone');
  assert.equal(await overflow(page), 0, 'the page itself does not scroll sideways');
  assert.ok(await region.evaluate((r) => r.scrollWidth > r.clientWidth), 'the region scrolls');
  assert.equal(await region.getAttribute('tabindex'), '0');
  await wm.expectNoAxeViolations(page, 'the timeline full size');
  // A child the user may not see is 404 here as on the child page.
  assert.equal(await wm.status(page, `/children/${wm.setup.otherCouncil}/C000002/timeline`), 404);
});

test('the child page prints its summary, clocks and chronology without navigation or actions', async () => {
  const page = await wm.pageAs('social_worker');
  await page.goto(`/children/${wm.setup.council}/C000002`);
  await page.emulateMedia({ media: 'print' });
  const shown = (selector) => page.locator(selector).evaluateAll((es) =>
    es.filter((e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length);
  for (const hidden of ['.ds_site-header nav', '.ds_site-header [role="search"]', '.ds_skip-links',
    '.ds_site-footer', 'main form', 'main button', '.wm-noprint', 'label[for="menu"]']) {
    assert.equal(await shown(hidden), 0, `${hidden} is not printed`);
  }
  // No action link: recording, planning, correcting, cancelling, a version's history, downloads.
  const actions = await page.getByRole('main').getByRole('link')
    .filter({ hasText: /^(Record|Plan|Correct|Cancel|History|Download|Open the timeline)/ }).count();
  assert.equal(actions, 0, 'no action link is printed');
  assert.equal(await page.getByRole('columnheader', { name: 'Change' }).count(), 0, 'nor the column of actions');
  for (const kept of ['h1', '.ds_summary-list', '#to-do']) {
    assert.ok(await shown(kept) > 0, `${kept} is printed`);
  }
  const chronology = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Event' }) });
  assert.ok(await chronology.isVisible(), 'the chronology is printed');
  const clocks = page.getByRole('table', { name: /Clocks not overdue/ });
  assert.ok(await clocks.isVisible(), 'the other clocks print open');
  // Links print as their words, not blue underlines.
  const link = page.locator('main a.ds_link').first();
  assert.equal(await link.evaluate((a) => getComputedStyle(a).textDecorationLine), 'none');
  // On A4 (about 718 CSS pixels inside the margins) no table reaches past the paper's edge.
  await page.setViewportSize({ width: 718, height: 1000 });
  const cut = await page.locator('main table').evaluateAll((ts) =>
    ts.filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
  assert.equal(cut, 0, 'no table is cut off on A4');
  const pdf = await page.pdf({ format: 'A4', path: process.env.WAYMARK_PRINT_PDF || undefined });
  assert.ok(pdf.length > 10000, 'Chromium prints the page');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ media: 'screen' });
});
