// Each role's working day, end to end, on a phone (390 px) with JavaScript off (issue 13, "done
// when"): everything is reached from the header's Menu, as a phone's user would, and every page
// on the way passes axe. One sign-in per role.
//
//   social worker:      Due this week -> a child's page -> the chronology's downloads -> the
//                       header's search by case reference straight back to the child
//   team manager:       My children (the team's view) -> a worker's children from the counts per
//                       worker -> Due this week's calendar file (case references, no names)
//   reviewing officer:  Due this week (reviews only) -> the child whose review is due
//   legal:              Due this week (advice and court only) -> planned events whose date has passed
//   improvement advisor, national analyst: Measures -> a measure's chart -> Tests of change
//   administrator:      Administration -> Teams
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();
const PHONE = { javaScript: false, width: 390 };

// Follows `name` from the phone's menu, opened by its Menu control; returns the response.
async function fromMenu(page, name) {
  await page.locator('label[for="menu"]').click();
  const menu = page.getByRole('navigation', { name: 'Menu' });
  assert.ok(await menu.isVisible(), 'the menu opens');
  const [response] = await Promise.all([
    page.waitForNavigation(),
    menu.getByRole('link', { name, exact: true }).click(),
  ]);
  assert.equal(response.status(), 200, `${name} opens from the menu`);
  return response;
}

// Plans an event of `label` for the child on `iso` from the child's page ("Plan an event"), as the
// events tests do; a second plan of the same kind is added after its warning.
async function planEvent(page, childId, label, iso) {
  await page.goto(`/children/${wm.setup.council}/${childId}`);
  await page.getByRole('link', { name: 'Plan an event', exact: true }).click();
  await page.getByLabel('What kind of event?').selectOption({ label });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForLoadState();
  const date = page.getByRole('group', { name: 'When is it planned for?' });
  const [y, m, d] = iso.split('-');
  await date.getByLabel('Day', { exact: true }).fill(String(Number(d)));
  await date.getByLabel('Month', { exact: true }).fill(String(Number(m)));
  await date.getByLabel('Year', { exact: true }).fill(y);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForLoadState();
  if (/already planned/.test(await page.title())) {
    await page.getByRole('button', { name: /^Add another planned/ }).click();
    await page.waitForLoadState();
  }
  assert.equal(new URL(page.url()).pathname, `/children/${wm.setup.council}/${childId}`, `${label} planned`);
}

// Two days after the fixture's today, within its week.
function inTheWeek() {
  const d = new Date(`${wm.setup.today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 2);
  return d.toISOString().slice(0, 10);
}

async function heading(page) {
  return (await page.getByRole('heading', { level: 1 }).textContent()).trim();
}

// Due this week's rows as { reference, who } (none when nothing is due).
async function weekRows(page) {
  const table = page.getByRole('main').getByRole('table');
  if (await table.count() === 0) {
    assert.match(await page.getByRole('main').textContent(), /Nothing is due or planned for you in this week/);
    return [];
  }
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => ({
    reference: r.querySelector('th a').textContent.trim(),
    who: r.querySelector('td[data-title="Who must act"]').textContent.trim(),
  })));
}

test('a social worker: what is due, a child, the chronology, the search', async () => {
  const page = await wm.pageAs('social_worker', PHONE);
  await page.goto('/');
  await fromMenu(page, 'Due this week');
  assert.equal(await heading(page), 'Due this week');
  await wm.expectNoAxeViolations(page, 'the worker\'s week');
  const rows = await weekRows(page);
  assert.ok(rows.length > 0, 'the worker has something due or overdue (the fixture\'s data has drift)');
  const reference = rows[0].reference;
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: reference, exact: true }).first().click()]);
  const childPath = `/children/${wm.setup.council}/${reference}`;
  assert.equal(new URL(page.url()).pathname, childPath);
  assert.ok(await page.getByRole('heading', { name: 'What needs doing' }).isVisible(), 'what needs doing comes first');
  await wm.expectNoAxeViolations(page, 'the child\'s page on a phone');
  for (const kind of ['CSV', 'PDF']) {
    const link = page.getByRole('link', { name: `Download the chronology (${kind})` });
    assert.ok(await link.isVisible(), `the chronology's ${kind} is offered`);
    const download = await page.context().request.get(await link.getAttribute('href'));
    assert.equal(download.status(), 200, `the chronology's ${kind} downloads`);
  }
  // Later in the day: back to the child by the header's search.
  await page.goto('/measures');
  await page.locator('label[for="menu"]').click();
  const search = page.getByRole('navigation', { name: 'Menu' }).getByRole('search');
  await search.getByLabel('Search for a child').fill(reference);
  await Promise.all([page.waitForNavigation(), search.getByRole('button', { name: 'Search' }).click()]);
  assert.equal(new URL(page.url()).pathname, childPath, 'a reference typed in full opens the child');
});

test('a team manager: the team, a worker\'s children, the week in a calendar', async () => {
  const page = await wm.pageAs('team_manager', PHONE);
  await page.goto('/');
  await fromMenu(page, 'My children');
  await wm.expectNoAxeViolations(page, 'the manager\'s list');
  const byWorker = page.getByRole('heading', { name: `${wm.setup.team} by worker` });
  assert.ok(await byWorker.isVisible(), 'the counts per worker');
  const worker = page.getByRole('table', { name: /Children allocated to each worker/ }).locator('tbody th a').first();
  const workerName = (await worker.textContent()).trim();
  await Promise.all([page.waitForNavigation(), worker.click()]);
  assert.equal(new URL(page.url()).searchParams.get('worker') !== null, true, 'the list of one worker');
  assert.match(await page.getByRole('main').textContent(), new RegExp(workerName));
  await wm.expectNoAxeViolations(page, 'a worker\'s children');
  await fromMenu(page, 'Due this week');
  const ics = await page.context().request.get('/this-week.ics');
  assert.equal(ics.status(), 200);
  const calendar = await ics.text();
  assert.ok(calendar.startsWith('BEGIN:VCALENDAR\r\n'));
  // The names are in the spreadsheet (an audited download), never in the calendar.
  const csv = await (await page.context().request.get('/this-week.csv')).text();
  const names = csv.trimEnd().split('\n').slice(1).map((line) => line.split(',')[1]).filter((n) => n && n !== '-');
  assert.ok(names.length > 0, 'the team has children due this week, named in the spreadsheet');
  for (const name of names) assert.ok(!calendar.includes(name), `${name} is not in the calendar`);
});

test('a reviewing officer: the reviews to chair, then a child', async () => {
  const page = await wm.pageAs('reviewing_officer', PHONE);
  // C000001's reviews are the reviewing officer's (lib/setup.mjs): the next one is booked.
  await planEvent(page, 'C000001', 'Looked after review', inTheWeek());
  await page.goto('/');
  await fromMenu(page, 'Due this week');
  await wm.expectNoAxeViolations(page, 'the reviewing officer\'s week');
  const rows = await weekRows(page);
  assert.ok(rows.some((r) => r.reference === 'C000001'), 'the review booked is on the week');
  for (const r of rows) assert.match(r.who, /^Reviewing officer/, `${r.reference}: a review to chair`);
  await Promise.all([page.waitForNavigation(),
    page.getByRole('link', { name: rows[0].reference, exact: true }).first().click()]);
  assert.equal(new URL(page.url()).pathname, `/children/${wm.setup.council}/${rows[0].reference}`);
  await wm.expectNoAxeViolations(page, 'the child whose review is due');
});

test('legal services: advice and court, then the plans to update', async () => {
  const page = await wm.pageAs('legal', PHONE);
  // C000001 is referred to legal services (lib/setup.mjs): a hearing is fixed for this week.
  await planEvent(page, 'C000001', 'Court hearing', inTheWeek());
  await page.goto('/');
  await fromMenu(page, 'Due this week');
  const rows = await weekRows(page);
  assert.ok(rows.some((r) => r.reference === 'C000001'), 'the hearing fixed is on the week');
  for (const r of rows) assert.match(r.who, /^Legal/, `${r.reference}: legal's to act on`);
  await Promise.all([page.waitForNavigation(),
    page.getByRole('link', { name: 'Planned events whose date has passed' }).click()]);
  assert.equal(await heading(page), 'Planned events whose date has passed');
  await wm.expectNoAxeViolations(page, 'legal\'s plans to update');
});

for (const role of ['improvement_advisor', 'national_analyst']) {
  test(`${role}: a measure's chart and the tests of change`, async () => {
    const page = await wm.pageAs(role, PHONE);
    await page.goto('/');
    await fromMenu(page, 'Measures');
    const measure = page.getByRole('main').locator('td[data-title="Measure"] a').first();
    await Promise.all([page.waitForNavigation(), measure.click()]);
    assert.match(new URL(page.url()).pathname, /^\/measures\/[a-z0-9-]+$/);
    await wm.expectNoAxeViolations(page, `a measure for ${role}`);
    await fromMenu(page, 'Tests of change');
    assert.equal(await heading(page), 'Tests of change');
    assert.equal(await page.getByRole('search').count(), 0, 'no child search for a role that sees no named child');
  });
}

test('an administrator: administration, then the teams', async () => {
  const page = await wm.pageAs('administrator', PHONE);
  await page.goto('/');
  await fromMenu(page, 'Administration');
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Teams', exact: true }).click()]);
  assert.equal(new URL(page.url()).pathname, '/admin/teams');
  assert.match(await page.getByRole('main').textContent(), new RegExp(wm.setup.team));
  await wm.expectNoAxeViolations(page, 'the teams');
});
