// The fixture's checks can fail: each is shown a page with the fault it looks for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pattern, useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

test('the axe check fails on an image without alternative text', async () => {
  const { page, context } = await wm.newPage();
  await page.goto('/sign-in');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA=';
    document.querySelector('main').append(img);
  });
  await assert.rejects(wm.expectNoAxeViolations(page), /image-alt/);
  await context.close();
});

test('the axe check fails on a Content-Security-Policy refusal', async () => {
  const { page, context } = await wm.newPage();
  await page.goto('/sign-in');
  await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p style="color:red">x</p>'));
  await page.waitForTimeout(100);
  await assert.rejects(wm.expectNoAxeViolations(page), /CSP: .*style/);
  await context.close();
});

test('the reflow check fails on something wider than 320 CSS pixels outside a table', async () => {
  const { page, context } = await wm.newPage();
  await page.goto('/sign-in');
  await assert.doesNotReject(wm.expectReflow(page));
  await page.evaluate(() => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '600');
    svg.setAttribute('height', '10');
    document.querySelector('main').append(svg);
  });
  await assert.rejects(wm.expectReflow(page), /Reflow/);
  await context.close();
});

test('addresses reduce to patterns: identifiers become {}, actions and parameter names (but a sort\'s) stay', () => {
  const p = (s) => pattern(new URL(s, 'http://x'));
  assert.equal(p('/children/S12000049/C000002'), '/children/{}/{}');
  assert.equal(p('/children/S12000049/C000002/events/new?status=planned'), '/children/{}/{}/events/new?status');
  assert.equal(p('/measures/in-drift?period=quarter&from=2025-01'), '/measures/{}?from&period');
  assert.equal(p('/measures'), '/measures');
  assert.equal(p('/children?stage=permanent&sort=days&order=desc'), '/children?stage', 'a sort is the same page');
  assert.equal(p('/tests-of-change/new'), '/tests-of-change/new');
  assert.equal(p('/admin/audit'), '/admin/audit', 'each administration page is a page of its own');
});
