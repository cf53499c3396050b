// Planned events (issue 13, item 4), without JavaScript, at 1280 and 390 px: a planned review
// that took place recorded as happened (the same event: no second one), the warning when a
// second review of the same kind is planned, and /planned-passed, the planned events whose
// date has passed, to update (src/web/routes/events.cpp, src/web/views/events.cpp).
//
// The selectors are the pages' words: the chronology's "Planned, date passed" tag and its
// "Record that it happened" link; the form's "When did it happen?" date input (Day, Month,
// Year) and "Save: it happened"; the warning's "Add another planned looked after review".
// Set WAYMARK_SCREENSHOTS to a folder to keep a picture of each page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

// 2027-01-10 -> "10 January 2027", as core::Date::long_display() writes it.
function longDisplay(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The social worker's children (from the fixture's allocations), in order.
function workersChildren() {
  return Object.entries(wm.setup.allocations)
    .filter(([, a]) => a.worker === wm.setup.users.social_worker).map(([id]) => id).sort();
}

function childPath(childId) {
  return `/children/${wm.setup.council}/${childId}`;
}

async function screenshot(page, name) {
  if (!process.env.WAYMARK_SCREENSHOTS) return;
  const width = page.viewportSize().width;
  await page.screenshot({ path: join(process.env.WAYMARK_SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
}

// The design system's date input: the three fields inside the fieldset whose legend is `legend`.
async function fillDate(page, legend, iso) {
  const group = page.getByRole('group', { name: legend });
  const [y, m, d] = iso.split('-');
  await group.getByLabel('Day', { exact: true }).fill(String(Number(d)));
  await group.getByLabel('Month', { exact: true }).fill(String(Number(m)));
  await group.getByLabel('Year', { exact: true }).fill(y);
}

// Plans a looked after review of `kind` for the child on `iso`, through the child page's link;
// `another` answers the warning of a second plan with "Add another". Returns the page the
// form led to (the child's page, or the warning when `another` is false).
async function planReview(page, childId, iso, kind, { another = true } = {}) {
  await page.goto(childPath(childId));
  await page.getByRole('link', { name: 'Plan an event', exact: true }).click();
  await page.getByLabel('What kind of event?').selectOption({ label: 'Looked after review' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/events\/new\?.*event=lar/);
  await fillDate(page, 'When is it planned for?', iso);
  await page.getByLabel('Kind of review (optional)').selectOption({ label: kind });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForLoadState();
  const warned = /already planned/.test(await page.title());
  if (warned && another) {
    await page.getByRole('button', { name: 'Add another planned looked after review' }).click();
    await page.waitForLoadState();
  }
  return page;
}

// The chronology's rows for looked after reviews on a date.
function reviewRows(page, iso) {
  const chronology = page.locator('section#chronology').getByRole('table');
  return chronology.getByRole('row').filter({ hasText: longDisplay(iso) }).filter({ hasText: 'Looked after review' });
}

for (const width of [1280, 390]) {
  test(`a planned review that took place is recorded as happened, the same event (${width} px, no JavaScript)`,
    { timeout: 180000 }, async () => {
      const page = await wm.pageAs('social_worker', { javaScript: false, width });
      const childId = workersChildren()[width === 1280 ? 2 : 3];
      const planned = addDays(wm.setup.today, -10);
      await planReview(page, childId, planned, 'Standard review');
      assert.match(page.url(), new RegExp(`${childPath(childId)}\\?`), 'back on the child\'s page');
      const row = reviewRows(page, planned);
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /Planned, date passed/);
      await wm.expectNoAxeViolations(page, 'the child\'s page with a plan whose date has passed');

      await row.getByRole('link', { name: /^Record that it happened/ }).click();
      await page.waitForURL(/\/happened$/);
      assert.equal(await page.title(), 'Record that it happened - Waymark');
      const when = page.getByRole('group', { name: 'When did it happen?' });
      assert.equal(await when.getByLabel('Day', { exact: true }).inputValue(), String(Number(planned.slice(8))),
        'the planned date, to change if need be');
      assert.equal(await page.getByLabel('Kind of review (optional)').inputValue(), 'standard', 'as planned');
      await wm.expectNoAxeViolations(page, 'the record-that-it-happened form');
      await wm.expectReflow(page, 'the record-that-it-happened form');
      await screenshot(page, 'planned-happened-form');

      // A date after today: refused in words that say what to do.
      await fillDate(page, 'When did it happen?', addDays(wm.setup.today, 1));
      await page.getByRole('button', { name: 'Save: it happened' }).click();
      const summary = page.getByRole('alert');
      await summary.waitFor();
      assert.match(await summary.innerText(), /The date must be today or earlier\. If the looked after review has not happened yet/);
      await wm.expectNoAxeViolations(page, 'the record-that-it-happened form with an error');
      await screenshot(page, 'planned-happened-error');

      const happened = addDays(wm.setup.today, -9);
      await fillDate(page, 'When did it happen?', happened);
      await page.getByRole('button', { name: 'Save: it happened' }).click();
      await page.waitForURL(new RegExp(`${childPath(childId)}\\?.*done=happened`));
      assert.match(await page.getByRole('main').innerText(), /Looked after review recorded as happened\./);
      assert.equal(await reviewRows(page, planned).count(), 0, 'no plan left on the planned date');
      const now = reviewRows(page, happened);
      assert.equal(await now.count(), 1, 'one review: the same event, not a second one');
      assert.doesNotMatch(await now.innerText(), /Planned/);
      assert.equal(await now.getByRole('link', { name: /^Record that it happened/ }).count(), 0);
      await wm.expectNoAxeViolations(page, 'the child\'s page after recording that the review happened');
      await screenshot(page, 'planned-child-after');
    });
}

test('a second planned review of the same kind is warned of, and /planned-passed lists what to update (390 px, '
  + 'no JavaScript)', { timeout: 180000 }, async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false, width: 390 });
  const childId = workersChildren()[4];
  const first = addDays(wm.setup.today, -40);
  const second = addDays(wm.setup.today, -20);
  await planReview(page, childId, first, 'Permanence review');
  await planReview(page, childId, second, 'Permanence review', { another: false });
  assert.match(await page.title(), /already planned/);
  const main = await page.getByRole('main').innerText();
  assert.match(main, new RegExp(`A planned looked after review \\(Permanence review\\) is already recorded for [^.]*${
    longDisplay(first)}[^.]*\\. Add another, or record that one instead\\?`));
  await wm.expectNoAxeViolations(page, 'the warning of a second plan');
  await wm.expectReflow(page, 'the warning of a second plan');
  await screenshot(page, 'planned-warning');
  await page.getByRole('button', { name: 'Add another planned looked after review' }).click();
  await page.waitForURL(new RegExp(`${childPath(childId)}\\?.*done=planned`));
  assert.equal(await reviewRows(page, second).count(), 1, 'added after the warning');

  await page.goto('/planned-passed');
  assert.equal(await page.title(), 'Planned events whose date has passed - Waymark');
  await wm.expectNoAxeViolations(page, '/planned-passed');
  await screenshot(page, 'planned-passed');
  const rows = page.getByRole('row').filter({ has: page.getByRole('link', { name: childId, exact: true }) });
  assert.equal(await rows.count(), 2, 'both plans of the child');
  assert.match(await rows.nth(0).innerText(), new RegExp(longDisplay(first)), 'oldest first');
  assert.match(await rows.nth(1).innerText(), new RegExp(longDisplay(second)));
  // The dates of the whole list are in order.
  const dates = await page.locator('td[data-title="Planned for"]').allInnerTexts();
  const serial = dates.map((d) => Date.parse(`${d} UTC`));
  assert.deepEqual(serial, [...serial].sort((a, b) => a - b), 'oldest first');

  await rows.nth(1).getByRole('link', { name: /^Cancel it/ }).click();
  await page.waitForURL(/\/cancel$/);
  await page.getByLabel('Why is it cancelled?').fill('Planned twice by mistake');
  await page.getByRole('button', { name: 'Cancel the event' }).click();
  await page.waitForURL(new RegExp(`${childPath(childId)}\\?.*done=cancelled`));
  await page.goto('/planned-passed');
  assert.equal(await page.getByRole('row').filter({ has: page.getByRole('link', { name: childId, exact: true }) })
    .count(), 1, 'the cancelled plan is no longer listed');
  await rows.nth(0).getByRole('link', { name: /^Change the date/ }).click();
  await page.waitForURL(/\/correct$/);
  await wm.expectNoAxeViolations(page, 'the correct page from /planned-passed');
});

test('/planned-passed at 1280 px, no JavaScript', { timeout: 120000 }, async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false });
  await page.goto('/planned-passed');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Planned events whose date has passed');
  await wm.expectNoAxeViolations(page, '/planned-passed at 1280 px');
  await screenshot(page, 'planned-passed');
});
