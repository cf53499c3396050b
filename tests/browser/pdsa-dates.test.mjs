// Tests of change and PDSA cycles (issue 13, item 8 there): every date typed in the design
// system's date input (day, month and year) and shown as "1 September 2026", messages in plain
// words. At 1280 and 390 px, JavaScript off, as an improvement advisor.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

const shot = async (page, name) => {
  if (process.env.WAYMARK_SCREENSHOTS) {
    await page.screenshot({ path: join(process.env.WAYMARK_SCREENSHOTS, `${name}.png`), fullPage: true });
  }
};

// The date input named by its legend: its day, month and year fields.
const dateInput = (page, legend) => page.getByRole('group', { name: legend, exact: true });
const typeDate = async (page, legend, day, month, year) => {
  const group = dateInput(page, legend);
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
};

test('a cycle\'s dates are typed as day, month and year and shown in words', async () => {
  const page = await wm.pageAs('improvement_advisor', { javaScript: false });
  await page.goto('/tests-of-change/PACE-1');
  const main = page.getByRole('main');
  assert.match(await main.innerText(), /1 September 2026/, 'the start and the plan\'s date in words');
  assert.doesNotMatch(await main.innerText(), /2026-09-01|01\/09\/2026/);
  await page.getByLabel('Which cycle').selectOption('1');
  await page.getByLabel('Do', { exact: true }).fill('Booked at five admissions');
  await typeDate(page, 'Date done', '1', '8', '2026');
  await page.getByRole('button', { name: 'Record the cycle' }).click();
  await page.waitForLoadState();
  // Before the plan: refused in words, what was typed kept.
  const summary = page.getByRole('alert');
  assert.match(await summary.innerText(),
    /Date done: 1 August 2026 is before the date of the plan \(1 September 2026\): the stages run in order/);
  assert.equal(await dateInput(page, 'Date done').getByLabel('Day').inputValue(), '1');
  await wm.expectNoAxeViolations(page, 'a cycle refused');
  await typeDate(page, 'Date done', '31', '9', '2026');
  await page.getByRole('button', { name: 'Record the cycle' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').innerText(), /Date done: there is no such date as 31 9 2026/);
  await typeDate(page, 'Date done', '20', '10', '2026');
  await page.getByRole('button', { name: 'Record the cycle' }).click();
  await page.waitForURL(/\/tests-of-change\/PACE-1\?stored=/);
  assert.match(await page.getByRole('table', { name: 'The PDSA cycles of this test' }).innerText(),
    /Booked at five admissions\s*\(20 October 2026\)/);
  await wm.expectNoAxeViolations(page, 'a test of change');
  await shot(page, 'pdsa-1280');
});

test('a new test\'s start date is offered as today in the date input (390 px)', async () => {
  const page = await wm.pageAs('improvement_advisor', { javaScript: false, width: 390 });
  await page.goto('/tests-of-change/new');
  const start = dateInput(page, 'Start date');
  assert.equal(await start.getByLabel('Day').inputValue(), '26');
  assert.equal(await start.getByLabel('Month').inputValue(), '11');
  assert.equal(await start.getByLabel('Year').inputValue(), '2026');
  await page.getByLabel('Title').fill('Huddles on Mondays');
  await page.getByLabel('Aim', { exact: true }).fill('Fewer children in drift');
  await page.getByLabel('Change idea').fill('A weekly huddle');
  await typeDate(page, 'Start date', '2', '3', '2026');
  await page.getByRole('button', { name: 'Add the test of change' }).click();
  await page.waitForURL(/\/tests-of-change\/TOC-\d+\?stored=test/);
  assert.match(await page.getByRole('main').innerText(), /Started\s*2 March 2026/);
  await wm.expectNoAxeViolations(page, 'a new test at 390 px');
  await wm.expectReflow(page, 'a new test');
  await shot(page, 'pdsa-390');
  // The decision's date, too.
  await typeDate(page, 'Date of the decision', '25', '12', '2026');
  await page.locator('label[for="decision"]').click();
  await page.getByLabel('Reason').fill('It worked');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('alert').innerText(),
    /Date of the decision: 25 December 2026 is after today: record a decision once it is made/);
  await wm.expectNoAxeViolations(page, 'a decision refused at 390 px');
});
