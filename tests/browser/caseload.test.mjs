// The caseload list and reallocation (issue 13, items 6 and 7), with JavaScript off, at 1280
// and 390 pixels: the folded filters, sorting by the column headings, a team manager's counts
// per worker, moving three children at once with a reason and coming back to the filtered list
// with a banner, one child's reallocation from a phone, and a return address elsewhere refused.
// Signs in four times. WAYMARK_SCREENSHOTS=DIR keeps a picture of each page looked at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();
const WIDTHS = [1280, 390];

async function picture(page, name) {
  if (!process.env.WAYMARK_SCREENSHOTS) return;
  const width = page.viewportSize().width;
  await page.screenshot({ path: join(process.env.WAYMARK_SCREENSHOTS, `caseload-${name}-${width}.png`), fullPage: true });
}

// The case references of the list's rows, in order.
async function references(page) {
  const list = page.getByRole('table', { name: /stage, clocks and next action$/ });
  return list.getByRole('rowheader').getByRole('link').allInnerTexts();
}

// The number of overdue clocks of each row of the list, in order.
async function overdueCounts(page) {
  const list = page.getByRole('table', { name: /stage, clocks and next action$/ });
  const cells = await list.locator('td[data-title="Clocks"]').allInnerTexts();
  return cells.map((c) => Number(/(\d+) overdue/.exec(c)?.[1] ?? 0));
}

const childrenOf = (worker) => Object.keys(wm.setup.allocations).filter((c) => wm.setup.allocations[c].worker === worker);

for (const width of WIDTHS) {
  test(`at ${width} px the filters are folded above the list, which says whose children it is`, async () => {
    const page = await wm.pageAs('team_manager', { javaScript: false, width });
    await page.goto('/children');
    await page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
    assert.equal(await page.title(), 'Team - Waymark');
    assert.match(await page.getByRole('main').innerText(), /children of Glasgow City \(Your team/);
    const panel = page.locator('details#filters-panel');
    assert.equal(await panel.getAttribute('open'), null, 'the filters start folded');
    const stage = page.getByLabel('Stage', { exact: true });
    assert.equal(await stage.isVisible(), false, 'folded: the filters are not shown');
    const list = page.getByRole('table', { name: /stage, clocks and next action$/ });
    const top = async (l) => (await l.boundingBox()).y;
    assert.ok(await top(list) - await top(panel) < 150, 'the list follows the folded panel at once');
    await wm.expectNoAxeViolations(page, `the team's list at ${width} px`);
    await picture(page, 'team');

    await panel.locator('summary').click();
    assert.ok(await stage.isVisible(), 'opened: the filters are shown');
    await picture(page, 'filters');
    await page.getByLabel('Whose children').selectOption('council');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/\/children\?scope=council/);
    await page.getByRole('heading', { level: 1, name: 'Council' }).waitFor();
    assert.equal(await page.title(), 'Council - Waymark');
    await wm.expectNoAxeViolations(page, `the council's list at ${width} px`);
  });
}

test('the column headings sort the list, and say how it is sorted', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false });
  await page.goto('/children');
  const list = page.getByRole('table', { name: /stage, clocks and next action$/ });
  await list.getByRole('link', { name: 'Clocks' }).click();
  await page.waitForURL(/sort=overdue&order=desc/);
  const clocks = page.getByRole('columnheader', { name: 'Clocks' });
  assert.equal(await clocks.getAttribute('aria-sort'), 'descending');
  const counts = await overdueCounts(page);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most overdue first');
  await clocks.getByRole('link').click();
  await page.waitForURL(/sort=overdue(?!&order=desc)/);
  assert.equal(await page.getByRole('columnheader', { name: 'Clocks' }).getAttribute('aria-sort'), 'ascending');
  const fewest = await overdueCounts(page);
  assert.deepEqual(fewest, [...fewest].sort((a, b) => a - b), 'fewest overdue first');
  await wm.expectNoAxeViolations(page, 'the list sorted by number overdue');

  // A social worker's own list shows names, and sorts by them.
  const own = await wm.pageAs('social_worker', { javaScript: false, width: 390 });
  await own.goto('/children');
  await own.getByRole('heading', { level: 1, name: 'My children' }).waitFor();
  await own.getByRole('table', { name: /stage, clocks and next action$/ }).getByRole('link', { name: 'Name' }).click();
  await own.waitForURL(/sort=name/);
  assert.equal(await own.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'), 'ascending');
  const names = await own.locator('td[data-title="Name"]').allInnerTexts();
  assert.ok(names.length > 2);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'by name');
  await wm.expectNoAxeViolations(own, 'My children by name at 390 px');
  await picture(own, 'mine-by-name');
});

test('a team manager sees each worker\'s caseload and overdue count, and follows one to the list', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false });
  await page.goto('/children');
  const summary = page.getByRole('table', { name: /^Children allocated to each worker of Browser test team/ });
  for (const worker of [wm.setup.users.social_worker, wm.setup.secondWorker]) {
    const row = summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: worker }) });
    assert.equal(Number(await row.getByRole('cell').first().innerText()), childrenOf(worker).length, worker);
  }
  const second = wm.setup.secondWorker;
  const overdue = parseInt(await summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: second }) })
    .getByRole('cell').nth(1).innerText());
  await summary.getByRole('link', { name: second, exact: true }).click();
  await page.waitForURL(/worker=/);
  assert.deepEqual((await references(page)).sort(), childrenOf(second).sort(), 'the worker\'s children');
  const withOverdue = (await overdueCounts(page)).filter((n) => n > 0).length;
  assert.equal(withOverdue, overdue, 'the overdue count is the children of theirs with an overdue clock');
  await wm.expectNoAxeViolations(page, 'a worker\'s children');
});

test('a team manager moves three children at once with a reason and comes back to the filtered list', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false });
  const from = wm.setup.secondWorker;
  const to = wm.setup.users.social_worker;
  const list = `/children?worker=${encodeURIComponent(from)}&sort=days&order=desc`;
  await page.goto(list);
  const before = await references(page);
  assert.ok(before.length >= 4, 'the second worker holds enough children');
  const moving = before.slice(0, 3);
  // The design system draws the box on the label, over the input: the input is checked as a
  // click on the label would.
  for (const child of moving) await page.getByLabel(`Move ${child}`, { exact: true }).check({ force: true });
  await page.getByLabel('New worker').selectOption(to);
  await page.getByLabel('Reason for the change').fill('Caseloads balanced after a leaver');
  await picture(page, 'ticked');
  await page.getByRole('button', { name: 'Move children' }).click();

  await page.getByRole('heading', { level: 1, name: 'Move children' }).waitFor();
  const check = page.getByRole('table', { name: 'The children to move' });
  assert.deepEqual(await check.getByRole('rowheader').allInnerTexts(), moving);
  assert.match(await page.getByRole('main').innerText(), /Caseloads balanced after a leaver/);
  await wm.expectNoAxeViolations(page, 'the move to confirm');
  await picture(page, 'confirm');
  await page.getByRole('button', { name: 'Move 3 children' }).click();

  await page.waitForURL((url) => url.pathname === '/children' && url.searchParams.get('worker') === from &&
    url.searchParams.get('sort') === 'days' && url.searchParams.get('order') === 'desc');
  const banner = page.getByRole('status');
  const said = await banner.innerText();
  for (const child of moving) assert.match(said, new RegExp(`${child} moved from ${from} to ${to}\\.`));
  assert.deepEqual(await references(page), before.slice(3), 'the list as it was, less the children moved');
  await wm.expectNoAxeViolations(page, 'the list after the move');
  await picture(page, 'moved');
  const audit = wm.waymark(['audit', 'list', '--action', 'allocate', '--actor', wm.setup.users.team_manager]);
  for (const child of moving) {
    assert.match(audit, new RegExp(`\t${child}\t.*reason: Caseloads balanced after a leaver`), `${child}'s move audited`);
  }
});

test('at 390 px a team manager reallocates one child and comes back to the list with a banner', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false, width: 390 });
  await page.goto('/children?scope=council&sort=reference&order=desc');
  const child = (await references(page))[0];
  await page.getByRole('link', { name: `Reallocate ${child}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Allocation' }).waitFor();
  const was = wm.setup.allocations[child].worker;
  const to = was === wm.setup.secondWorker ? wm.setup.users.social_worker : wm.setup.secondWorker;
  await page.getByLabel('Social worker').selectOption(to);
  await page.getByRole('button', { name: 'Save allocation' }).click();
  // No reason: the form again, the field named.
  await page.getByRole('link', { name: 'Enter the reason for the change' }).waitFor();
  await wm.expectNoAxeViolations(page, 'the allocation form with its error');
  await page.getByLabel('Reason for the change').fill('Back from leave');
  await picture(page, 'allocation');
  await page.getByRole('button', { name: 'Save allocation' }).click();
  await page.waitForURL((url) => url.pathname === '/children' && url.searchParams.get('scope') === 'council' &&
    url.searchParams.get('order') === 'desc');
  assert.match(await page.getByRole('status').innerText(), new RegExp(`${child} moved from ${was} to ${to}\\.`));
  await wm.expectNoAxeViolations(page, 'the list after a reallocation at 390 px');
  await picture(page, 'reallocated');
});

test('a return address on another site is refused and nothing moves', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false });
  await page.goto('/children');
  const csrf = await page.locator('form#move input[name="csrf"]').getAttribute('value');
  const child = (await references(page))[0];
  const was = wm.setup.allocations[child].worker;
  const to = was === wm.setup.secondWorker ? wm.setup.users.social_worker : wm.setup.secondWorker;
  for (const target of ['https://evil.example/children', '//evil.example/children', '/\\evil.example']) {
    const response = await page.context().request.post('/children/move', {
      form: { csrf, child, worker: to, reason: 'r', confirm: 'yes', return: target },
      maxRedirects: 0,
    });
    assert.equal(response.status(), 400, target);
    assert.equal(response.headers().location, undefined, target);
    assert.match(await response.text(), /must be a page of this site(&#39;|')s list of children/);
  }
  await page.goto(`/children/${wm.setup.council}/${child}/allocation?return=${encodeURIComponent('https://evil.example/')}`);
  assert.match(await page.getByRole('main').innerText(), /must be a page of this site's list of children/);
  await wm.expectNoAxeViolations(page, 'the refusal');
  await page.goto('/children');
  assert.match(await page.getByRole('table', { name: /stage, clocks and next action$/ })
    .getByRole('row').filter({ has: page.getByRole('rowheader', { name: child, exact: true }) }).innerText(),
  new RegExp(was), 'the child is still with their worker');
});
