// See a measure's chart (issue 5).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

test('a team manager sees a measure\'s chart', async () => {
  const page = await wm.pageAs('team_manager');
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measures' }).click();
  await page.waitForURL('**/measures');
  await wm.expectNoAxeViolations(page, 'the measures catalogue');
  const link = page.getByRole('main').locator('a[href^="/measures/days-to-recommendation"]').first();
  await link.click();
  await page.waitForURL('**/measures/days-to-recommendation*');
  const chart = page.getByRole('main').locator('svg').first();
  assert.ok(await chart.isVisible(), 'the chart is drawn');
  const name = await chart.evaluate((svg) => {
    const ids = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim() ||
      svg.getAttribute('aria-label') || '';
  });
  assert.match(name, /\S/, 'the chart has an accessible name');
  const box = await chart.boundingBox();
  assert.ok(box.width > 200 && box.height > 100, `the chart is big enough to read (${box.width}x${box.height})`);
  assert.ok(await page.getByRole('main').getByRole('table').count() > 0, 'the chart\'s data is also a table');
  await wm.expectNoAxeViolations(page, 'a measure\'s chart');
});

test('an improvement advisor sees a measure\'s chart without a named child', async () => {
  const page = await wm.pageAs('improvement_advisor');
  const response = await page.goto('/measures/days-to-recommendation');
  assert.equal(response.status(), 200);
  assert.ok(await page.getByRole('main').locator('svg').first().isVisible());
  // C000002 is Millie McLean in the synthetic data: neither the id nor the name may appear.
  assert.doesNotMatch(await page.content(), /C0000\d\d|McLean/);
  await wm.expectNoAxeViolations(page, 'a measure\'s chart (improvement advisor)');
});
