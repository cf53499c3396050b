// Finding a child (issue 13, item 2): /search by name and by part of a case reference, an
// exact reference straight to the child, only among the children the user may see (never a
// restricted child outside its allocation, never another council's child), one audit entry
// for the results and the words searched for in no log. At 1280 and 390 px, JavaScript off.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

// Three children named Quennell: one allocated to the social worker, one restricted (an
// adoption plan) and allocated to the team's second worker, one of another council.
before(async () => {
  const { council, otherCouncil } = wm.setup;
  writeFileSync(join(wm.dir, 'search-children.csv'), [
    'child_id,local_authority,family_name,given_name,date_of_birth',
    `SRCH-001,${council},Quennell,Zorabel,2019-04-02`,
    `SRCH-002,${council},Quennell,Quillon,2018-08-08`,
    `SRCH-003,${otherCouncil},Quennell,Xanthippe,2017-01-01`,
  ].join('\n'));
  writeFileSync(join(wm.dir, 'search-events.csv'), [
    'child_id,local_authority,date,event,details',
    `SRCH-001,${council},2026-05-01,accommodated,placement=foster`,
    `SRCH-002,${council},2026-05-01,accommodated,placement=foster`,
    `SRCH-002,${council},2026-09-01,permanence_plan_recorded,plan=adoption`,
    `SRCH-003,${otherCouncil},2026-05-01,accommodated,placement=foster`,
  ].join('\n'));
  wm.waymark(['import', '--children', join(wm.dir, 'search-children.csv'), '--events',
    join(wm.dir, 'search-events.csv'), '--no-progress']);
  wm.waymark(['allocate', 'SRCH-001', '--local-authority', council, '--worker', wm.setup.users.social_worker]);
  wm.waymark(['allocate', 'SRCH-002', '--local-authority', council, '--worker', wm.setup.secondWorker]);
  wm.waymark(['allocate', 'SRCH-003', '--local-authority', otherCouncil, '--worker', wm.setup.otherCouncilUser]);
});

const search = async (page, words) => {
  await page.getByLabel('Case reference or name').fill(words);
  await page.getByRole('main').getByRole('button', { name: 'Search' }).click();
  await page.waitForLoadState();
};
const references = async (page) => {
  const table = page.getByRole('table', { name: 'Children matching the search' });
  if (await table.count() === 0) return [];
  return table.locator('tbody th').allInnerTexts();
};
const shot = async (page, name) => {
  if (process.env.WAYMARK_SCREENSHOTS) {
    await page.screenshot({ path: join(process.env.WAYMARK_SCREENSHOTS, `${name}.png`), fullPage: true });
  }
};

test('a blank search shows the form with a hint (1280 px, no JavaScript)', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false });
  const response = await page.goto('/search');
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { level: 1, name: 'Find a child' }).waitFor();
  assert.match(await page.getByRole('main').innerText(), /Type a case reference or part of a name/);
  await wm.expectNoAxeViolations(page, 'the search form');
  await shot(page, 'search-blank-1280');
});

test('by name: only the children the user may see, with name, date of birth, stage and worker', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false });
  await page.goto('/search');
  await search(page, 'quennell');
  assert.deepEqual(await references(page), ['SRCH-001'], 'not the restricted child, not another council\'s');
  const row = page.getByRole('row').filter({ hasText: 'SRCH-001' });
  const text = await row.innerText();
  assert.match(text, /Zorabel Quennell/);
  assert.match(text, /2 April 2019/);
  assert.match(text, /Away assessment|Permanence planning|Legal|Panel/);
  assert.match(text, new RegExp(wm.setup.users.social_worker));
  assert.match(await page.getByRole('main').innerText(), /1 child matches/);
  await wm.expectNoAxeViolations(page, 'search results');
  await wm.expectReflow(page, 'search results');
  await shot(page, 'search-results-1280');
  // The link opens the child's page.
  await page.getByRole('link', { name: 'SRCH-001', exact: true }).click();
  await page.waitForURL(`**/children/${wm.setup.council}/SRCH-001`);
  await page.getByRole('heading', { level: 1, name: 'Zorabel Quennell' }).waitFor();
});

test('by part of a case reference, in any case; an exact reference goes straight to the child', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false });
  await page.goto('/search');
  await search(page, 'srch-00');
  assert.deepEqual(await references(page), ['SRCH-001']);
  await search(page, 'SRCH-001');
  await page.waitForURL(`**/children/${wm.setup.council}/SRCH-001`);
  await page.getByRole('heading', { level: 1, name: 'Zorabel Quennell' }).waitFor();
});

test('a restricted child outside its allocation and another council\'s child are never found', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false });
  for (const words of ['SRCH-002', 'Quillon', 'SRCH-003', 'Xanthippe']) {
    const response = await page.goto(`/search?q=${encodeURIComponent(words)}`);
    assert.equal(response.status(), 200, words);
    assert.equal(new URL(page.url()).pathname, '/search', `${words}: not sent to the child`);
    assert.match(await page.getByRole('main').innerText(), /No children match/, words);
    assert.match(await page.getByRole('main').innerText(), /Check the spelling/);
  }
  await wm.expectNoAxeViolations(page, 'no match');
  // The other council's worker finds their own child, and not this council's.
  const other = await wm.pageAs('other_council', { javaScript: false });
  await other.goto('/search?q=quennell');
  assert.deepEqual(await references(other), ['SRCH-003']);
  await other.goto('/search?q=zorabel');
  assert.deepEqual(await references(other), []);
});

test('results are one audit entry listing the children shown; the words are in no log', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false });
  const entries = () => wm.waymark(['audit', 'list', '--action', 'view_search', '--actor', wm.setup.users.social_worker,
    '--limit', '0']).trim().split('\n').filter((l) => l.includes('view_search'));
  const before = entries().length;
  await page.goto('/search?q=Zorabel');
  assert.deepEqual(await references(page), ['SRCH-001']);
  const after = entries();
  assert.equal(after.length, before + 1, 'one entry for the page');
  assert.match(after[0], /SRCH-001/);
  assert.doesNotMatch(after.join('\n'), /zorabel/i, 'the words searched for are not in the audit log');
  assert.doesNotMatch(wm.serverLog(), /zorabel|quennell|xanthippe|quillon/i, 'nor in the server\'s log');
  assert.match(wm.serverLog(), / GET \/search 200 /, 'the access log names the route only');
});

test('on a phone (390 px, no JavaScript) the search and its results work and pass axe', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false, width: 390 });
  await page.goto('/search');
  await search(page, 'quennell');
  assert.deepEqual(await references(page), ['SRCH-001']);
  const link = page.getByRole('link', { name: 'SRCH-001', exact: true });
  const box = await link.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the result is on the screen');
  await wm.expectNoAxeViolations(page, 'search results at 390 px');
  await shot(page, 'search-results-390');
});

test('roles that see no named child get 403', async () => {
  const page = await wm.pageAs('improvement_advisor', { javaScript: false });
  const response = await page.goto('/search?q=quennell');
  assert.equal(response.status(), 403);
  assert.doesNotMatch(await page.content(), /SRCH-001|Zorabel/);
  await wm.expectNoAxeViolations(page, 'search refused');
});
