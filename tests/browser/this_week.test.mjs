// "Due this week" (issue 13, item 3) for each role that sees named children, at 1280 and 390
// pixels with JavaScript off: the table of what is due (or the sentence saying nothing is), axe,
// the week's links, a manager's worker filter, and the downloads: the CSV's header and an
// iCalendar file with case references and no names. Signs in 8 times (4 roles, 2 widths).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

const CSV_HEADER = 'case_reference,name,what_is_due,kind,due_date,status,who_must_act,local_authority';

// The page's rows (case references), or [] when it says nothing is due.
async function rows(page) {
  const table = page.getByRole('table', { name: /^Due from / });
  if (await table.count() === 0) {
    await page.getByText('Nothing is due or planned for you in this week').waitFor();
    return [];
  }
  return table.getByRole('rowheader').allInnerTexts();
}

// Screenshots for people to look at (WAYMARK_SCREENSHOTS=DIR), not checked.
async function screenshot(page, name) {
  const dir = process.env.WAYMARK_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

// Reads the week's downloads as the page's user; the CSV's names never appear in the calendar.
async function checkDownloads(page, role) {
  const request = page.context().request;
  const csv = await request.get('/this-week.csv');
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  const lines = (await csv.text()).trimEnd().split('\n');
  assert.equal(lines[0], CSV_HEADER, `${role}: the CSV's header`);
  const ics = await request.get('/this-week.ics');
  assert.equal(ics.status(), 200);
  assert.match(ics.headers()['content-type'], /^text\/calendar/);
  const calendar = await ics.text();
  assert.ok(calendar.startsWith('BEGIN:VCALENDAR\r\n'), 'an iCalendar file');
  assert.ok(calendar.endsWith('END:VCALENDAR\r\n'), 'CRLF line ends');
  assert.equal(calendar.split('BEGIN:VEVENT').length - 1, lines.length - 1, 'one event per row of the CSV');
  for (const line of lines.slice(1)) {
    const [reference, name] = line.split(',');
    assert.ok(calendar.includes(`SUMMARY:${reference}: `), `${reference} is in the calendar by reference`);
    for (const part of name.split(' ').filter((p) => p.length > 2)) {
      assert.ok(!calendar.includes(part), `${role}: the calendar has no name (${part})`);
    }
  }
  return lines.length - 1;
}

for (const role of ['social_worker', 'team_manager', 'reviewing_officer', 'legal']) {
  for (const width of [1280, 390]) {
    test(`${role} at ${width} px without JavaScript sees what is due this week`, async () => {
      const page = await wm.pageAs(role, { javaScript: false, width });
      await page.goto('/this-week');
      await page.getByRole('heading', { level: 1, name: 'Due this week' }).waitFor();
      assert.match(await page.locator('.ds_leader').innerText(), /^From 26 November 2026 to 2 December 2026/);
      const shown = await rows(page);
      await wm.expectNoAxeViolations(page, `Due this week for ${role} at ${width} px`);
      await wm.expectReflow(page, `Due this week for ${role}`);
      await screenshot(page, `this-week-${role}-${width}`);
      if (shown.length > 0) {
        // Each row links to the child's page, with a due date in words and a status in words.
        const table = page.getByRole('table', { name: /^Due from / });
        const first = table.getByRole('row').nth(1);
        assert.match(await first.getByRole('cell').nth(3).innerText(), /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
        assert.match(await first.getByRole('cell').nth(4).innerText(),
          /^(Overdue by \d+ days?|Due today|Due in \d+ days?|Planned for today|Planned in \d+ days?)$/);
        const href = await first.getByRole('rowheader').getByRole('link').getAttribute('href');
        assert.match(href, /^\/children\/S\d+\/[^/]+$/);
      }
      if (width === 1280) {
        assert.equal(await checkDownloads(page, role), shown.length, 'the CSV has the page\'s rows');
        // The next week, and back.
        await page.getByRole('link', { name: 'Next week' }).click();
        await page.waitForURL(/from=2026-12-03/);
        assert.match(await page.locator('.ds_leader').innerText(), /^From 3 December 2026 to 9 December 2026\.$/);
        await wm.expectNoAxeViolations(page, `next week for ${role}`);
        await page.getByRole('main').getByRole('link', { name: 'This week', exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/this-week' && !url.search);
      }
    });
  }
}

test('a social worker opens the team tab, a team manager filters by worker', async () => {
  const worker = await wm.pageAs('social_worker', { javaScript: false, width: 1280 });
  await worker.goto('/this-week');
  const mine = await rows(worker);
  await worker.getByRole('navigation', { name: 'Whose children' }).getByRole('link', { name: 'My team' }).click();
  await worker.waitForURL(/scope=team/);
  const team = await rows(worker);
  assert.ok(team.length >= mine.length, 'the team holds at least the worker\'s own');
  await wm.expectNoAxeViolations(worker, 'the team tab');

  const manager = await wm.pageAs('team_manager', { javaScript: false, width: 1280 });
  await manager.goto('/this-week');
  const all = await rows(manager);
  await manager.getByLabel('Allocated worker').selectOption(wm.setup.secondWorker);
  await manager.getByRole('button', { name: 'Show' }).click();
  await manager.waitForURL(/worker=/);
  const theirs = await rows(manager);
  assert.ok(theirs.length <= all.length);
  const table = manager.getByRole('table', { name: /^Due from / });
  if (theirs.length > 0) {
    for (const cell of await table.getByRole('cell').filter({ hasText: /\(Browser test team\)$/ }).allInnerTexts()) {
      assert.ok(cell.startsWith(wm.setup.secondWorker), `only ${wm.setup.secondWorker}'s children: ${cell}`);
    }
  }
  await wm.expectNoAxeViolations(manager, 'a worker\'s week');
});
