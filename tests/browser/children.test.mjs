// Finding a child from "My children", the child's page (timeline, chronology, clocks) and its
// timeline as a PDF.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

test('a social worker finds a child in My children and opens their page', async () => {
  const page = await wm.pageAs('social_worker');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My children' }).click();
  await page.getByRole('heading', { level: 1, name: 'My children' }).waitFor();
  const table = page.getByRole('table', { name: 'Allocated to you: stage, clocks and next action' });
  const mine = Object.values(wm.setup.allocations).filter((a) => a.worker === wm.setup.users.social_worker);
  assert.equal(await table.getByRole('row').count(), mine.length + 1, 'the children allocated to them are listed');
  assert.doesNotMatch(await table.innerText(), /C000003\b/, 'a team-mate\'s child is not in My children');
  await wm.expectNoAxeViolations(page, 'My children');

  // C000002 (Millie McLean in the synthetic data) is looked after away from home.
  await table.getByRole('link', { name: 'C000002', exact: true }).click();
  await page.waitForURL(`**/children/${wm.setup.council}/C000002`);
  await page.getByRole('heading', { level: 1, name: 'Millie McLean' }).waitFor();

  const timeline = page.locator('figure.waymark-timeline svg');
  assert.ok(await timeline.isVisible(), 'the timeline is drawn');
  const box = await timeline.boundingBox();
  assert.ok(box.width > 300 && box.height > 150, `the timeline is big enough to read (${box.width}x${box.height})`);
  assert.match(await timeline.getAttribute('aria-labelledby'), /\S/, 'the timeline has a name');

  await page.getByRole('heading', { level: 2, name: 'Chronology' }).waitFor();
  const chronology = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Event' }) });
  assert.ok(await chronology.getByRole('row').count() > 2, 'the chronology lists events');
  assert.match(await chronology.innerText(), /Looked after review/);

  // What needs doing comes first, above the timeline and the chronology; the other clocks are
  // folded in a details element below the chronology, closed until opened.
  const todo = page.getByRole('heading', { level: 2, name: 'What needs doing' });
  await todo.waitFor();
  const top = async (locator) => (await locator.boundingBox()).y;
  const timelineHeading = page.getByRole('heading', { level: 2, name: 'Timeline' });
  const chronologyHeading = page.getByRole('heading', { level: 2, name: 'Chronology' });
  assert.ok(await top(todo) < await top(timelineHeading), 'what needs doing is above the timeline');
  assert.ok(await top(timelineHeading) < await top(chronologyHeading), 'the timeline is above the chronology');
  const others = page.locator('details#other-clocks');
  assert.ok(await top(chronologyHeading) < await top(others), 'the other clocks are below the chronology');
  assert.equal(await others.getAttribute('open'), null, 'the other clocks start folded');
  const clocks = others.getByRole('table');
  assert.equal(await clocks.isVisible(), false, 'folded: the table is not shown');
  await others.locator('summary').click();
  assert.ok(await clocks.isVisible(), 'opened: the table is shown');
  assert.match(await clocks.innerText(), /\bopen\b|\bmet\b|\bmissed\b|\bclosed\b/);
  await wm.expectNoAxeViolations(page, 'a child\'s page');
  await wm.expectReflow(page, 'a child\'s page');
});

test('each overdue or due clock on a child\'s page is named, dated and links to the form that stops it', async () => {
  const page = await wm.pageAs('social_worker');
  await page.goto(`/children/${wm.setup.council}/C000002`);
  const section = page.locator('section#to-do');
  const items = section.getByRole('listitem');
  const n = await items.count();
  if (n === 0) {
    assert.match(await section.innerText(), /Nothing is overdue or due soon/);
    return;
  }
  for (let i = 0; i < n; i += 1) {
    const text = await items.nth(i).innerText();
    assert.match(text, /overdue|due soon/, 'each says how urgent it is');
    assert.match(text, /Was due \d{1,2} [A-Z][a-z]+ \d{4}: \d+ days? late\.|Due \d{1,2} [A-Z][a-z]+ \d{4}: (today|in \d+ days?)\./);
  }
  const record = section.getByRole('link', { name: /^Record the / }).first();
  if (await record.count() > 0) {
    await record.click();
    await page.waitForURL(/\/events\/new\?event=/);
    await page.getByRole('heading', { level: 1 }).waitFor();
  }
});

test('with the keyboard alone, Tab reaches a child\'s link, shows where focus is, and Enter opens it', async () => {
  const page = await wm.pageAs('social_worker');
  await page.goto('/children');
  const link = page.getByRole('link', { name: 'C000001', exact: true });
  const look = (e) => {
    const c = getComputedStyle(e);
    return [c.outlineStyle, c.outlineColor, c.boxShadow, c.backgroundColor, c.color].join(' ');
  };
  const unfocused = await link.evaluate(look);
  let tabs = 0;
  while (!await link.evaluate((a) => a === document.activeElement)) {
    // Before it: the skip link, the header and the main navigation, the filters form and the
    // sortable column headings.
    assert.ok(++tabs < 30, 'the first child\'s link is within 30 Tabs of the top');
    await page.keyboard.press('Tab');
  }
  assert.notEqual(await link.evaluate(look), unfocused, 'the focused link looks different (WCAG 2.4.7)');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/children/${wm.setup.council}/C000001`);
});

test('the child\'s timeline downloads as a one-page PDF', async () => {
  const page = await wm.pageAs('social_worker');
  await page.goto(`/children/${wm.setup.council}/C000002`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Download the timeline/ }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `timeline-${wm.setup.council}-C000002.pdf`);
  const pdf = await readFile(await download.path());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  assert.equal(pages.length, 1, 'one page');
  assert.ok(pdf.length > 5000, `a drawn page, not an empty one (${pdf.length} bytes)`);
});

test('an improvement advisor cannot open a child\'s page; the 403 page passes axe', async () => {
  const page = await wm.pageAs('improvement_advisor');
  for (const path of [`/children/${wm.setup.council}/C000002`, '/children']) {
    const response = await page.goto(path);
    assert.equal(response.status(), 403, path);
    await page.getByRole('heading', { level: 1, name: 'You cannot see this page' }).waitFor();
    assert.doesNotMatch(await page.content(), /McLean/, 'no name on the refusal');
    await wm.expectNoAxeViolations(page, `403 at ${path}`);
    await wm.expectReflow(page, `403 at ${path}`);
  }
  assert.equal(await wm.status(page, `/children/${wm.setup.council}/C000002/timeline.pdf`), 403);
});

test('another council\'s worker gets 404 for the child, as for a child that does not exist', async () => {
  const page = await wm.pageAs('other_council');
  const response = await page.goto(`/children/${wm.setup.council}/C000002`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.doesNotMatch(await page.content(), /McLean/);
  await wm.expectNoAxeViolations(page, '404 for another council\'s child');
  assert.equal((await page.goto(`/children/${wm.setup.otherCouncil}/C999999`)).status(), 404);
});

test('the 404 page passes axe, signed in and not', async () => {
  const signedIn = await wm.pageAs('social_worker');
  assert.equal((await signedIn.goto('/no/such/page')).status(), 404);
  await signedIn.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await wm.expectNoAxeViolations(signedIn, '404 signed in');

  const { page, context } = await wm.newPage();
  assert.equal((await page.goto('/no/such/page')).status(), 404);
  await wm.expectNoAxeViolations(page, '404 signed out');
  // A child's page without a session sends the visitor to sign in, and says nothing of the child.
  await page.goto(`/children/${wm.setup.council}/C000002`);
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await context.close();
});
