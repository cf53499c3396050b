// A team manager's drift dashboard: each count links to My children filtered to exactly the
// children it counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

test('a team manager follows a count on the drift dashboard to the children it counts', async () => {
  const page = await wm.pageAs('team_manager');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drift dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Drift dashboard' }).waitFor();
  await wm.expectNoAxeViolations(page, 'the drift dashboard');
  await wm.expectReflow(page, 'the drift dashboard');

  const stages = page.getByRole('table', { name: /^Children by stage/ });
  const rows = stages.getByRole('row').filter({ has: page.getByRole('rowheader') });
  assert.ok(await rows.count() > 1, 'the team\'s children are in more than one stage');
  let total = 0;
  for (const row of await rows.all()) total += Number(await row.getByRole('cell').first().innerText());
  assert.equal(total, Object.keys(wm.setup.allocations).length, 'every child of the team is counted once');

  // The first stage's count, followed: the list holds that many children, each in that stage.
  const first = rows.first();
  const stage = await first.getByRole('rowheader').innerText();
  const count = Number(await first.getByRole('cell').first().innerText());
  assert.ok(count > 0);
  await first.getByRole('cell').first().getByRole('link').click();
  await page.waitForURL(/\/children\?.*stage=/);
  const list = page.getByRole('table', { name: /stage, clocks and next action$/ });
  assert.equal(await list.getByRole('row').count(), count + 1, `${count} children in ${stage}`);
  for (const row of await list.getByRole('row').filter({ has: page.getByRole('rowheader') }).all()) {
    // The stage's cell (a team manager's rows start with the box that ticks the child to move);
    // the list writes the stage as a sentence ("Pre birth"), the dashboard's table in lower case.
    assert.equal((await row.locator('td[data-title="Stage"]').innerText()).toLowerCase(), stage.toLowerCase(),
      'each child listed is in that stage');
  }
  assert.match(await page.getByRole('main').innerText(), new RegExp(`^${count} child(ren)? of `, 'm'));
  await wm.expectNoAxeViolations(page, 'My children filtered from the dashboard');
});

test('the drift dashboard shows the orders that lapsed in the last 90 days, linked to their children', async () => {
  const page = await wm.pageAs('team_manager');
  await page.goto('/dashboard');
  const heading = page.getByRole('heading', { level: 2, name: 'Orders that lapsed in the last 90 days' });
  await heading.waitFor();
  // The paragraph after the heading: "No ... order lapsed", or "N orders lapsed ... for M children".
  const said = heading.locator('xpath=following-sibling::p[1]');
  const text = await said.innerText();
  const link = said.getByRole('link');
  if (await link.count() === 0) {
    assert.match(text, /^No interim or compulsory supervision order lapsed in the last 90 days\.$/);
    return;
  }
  assert.match(text, /^\d+ orders? lapsed \(not reviewed at a hearing by its due date\) for \d+ child(ren)? since /);
  const children = Number(await link.innerText());
  await link.click();
  await page.waitForURL(/\/children\?.*lapsed_within=90/);
  const list = page.getByRole('table', { name: /stage, clocks and next action$/ });
  assert.equal(await list.getByRole('row').count(), children + 1, 'the list holds the children counted');
});
