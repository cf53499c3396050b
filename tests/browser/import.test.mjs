// The import page (issue 13, item 11): the column guide, the templates, and after an upload the
// command line's report or its problems by file, line and column. At 1280 and 390 px, JavaScript
// off, as a team manager (app::may_import).
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

const shot = async (page, name) => {
  if (process.env.WAYMARK_SCREENSHOTS) {
    await page.screenshot({ path: join(process.env.WAYMARK_SCREENSHOTS, `${name}.png`), fullPage: true });
  }
};

test('the import page links the column guide, which lists every column and event type', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false });
  await page.goto('/import');
  await wm.expectNoAxeViolations(page, 'the import page');
  await shot(page, 'import-1280');
  await page.getByRole('link', { name: 'The column guide' }).click();
  await page.waitForURL('**/import/guide');
  await page.getByRole('heading', { level: 1, name: 'Import: the column guide' }).waitFor();
  const children = page.getByRole('table', { name: 'The columns of children.csv' });
  assert.match(await children.getByRole('row').filter({ hasText: 'child_id' }).innerText(), /Required/);
  assert.match(await children.getByRole('row').filter({ hasText: 'sex' }).innerText(),
    /Optional.*One of: female, male, other or unknown/s);
  const events = page.getByRole('table', { name: 'The columns of events.csv' });
  assert.match(await events.getByRole('row').filter({ hasText: 'event_id' }).innerText(), /Optional/);
  const types = page.getByRole('table', { name: 'Event types and their details' });
  const accommodated = types.getByRole('row').filter({ has: page.getByText('accommodated', { exact: true }) });
  assert.match(await accommodated.innerText(), /placement/);
  assert.match(await accommodated.innerText(), /foster/);
  await wm.expectNoAxeViolations(page, 'the column guide');
  await wm.expectReflow(page, 'the column guide');
  await shot(page, 'import-guide-1280');
});

test('the templates download and import as they are, with the command line\'s report', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false });
  await page.goto('/import');
  const files = {};
  for (const name of ['children.csv', 'events.csv']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name, exact: true }).click(),
    ]);
    assert.equal(download.suggestedFilename(), name);
    files[name] = join(wm.dir, `template-${name}`);
    await download.saveAs(files[name]);
  }
  assert.match(await readFile(files['children.csv'], 'utf8'),
    /^child_id,local_authority,family_name,given_name,date_of_birth,expected_birth_date,sex,sibling_group\r\nEX-0001,/);
  await page.getByLabel('children.csv').setInputFiles(files['children.csv']);
  await page.getByLabel('events.csv').setInputFiles(files['events.csv']);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await page.waitForLoadState();
  assert.match(await page.getByRole('status').innerText(),
    /Imported 1 children rows \(1 added, 0 updated\) and 1 event rows \(1 added, 0 replaced, 0 already stored\)\./);
  await wm.expectNoAxeViolations(page, 'an import done');
});

test('a bad row is reported by file, line, column and field, on a phone (390 px)', async () => {
  const page = await wm.pageAs('team_manager', { javaScript: false, width: 390 });
  await page.goto('/import');
  const bad = join(wm.dir, 'bad-children.csv');
  await writeFile(bad, `child_id,local_authority,date_of_birth\nEX-0002,${wm.setup.council},31/02/2020\n`);
  await page.getByLabel('children.csv').setInputFiles(bad);
  await page.getByRole('button', { name: 'Check and import' }).click();
  await page.waitForLoadState();
  const summary = page.getByRole('alert');
  assert.match(await summary.innerText(), /The import was rejected: nothing was stored/);
  assert.match(await summary.innerText(), /children\.csv:2:3: date_of_birth: /);
  await wm.expectNoAxeViolations(page, 'a rejected import at 390 px');
  await shot(page, 'import-rejected-390');
  await page.goto('/import/guide');
  await wm.expectNoAxeViolations(page, 'the column guide at 390 px');
  await shot(page, 'import-guide-390');
});

test('a role that may not import cannot see the guide or the templates', async () => {
  const page = await wm.pageAs('social_worker', { javaScript: false });
  for (const path of ['/import/guide', '/import/children.csv', '/import/events.csv']) {
    assert.equal(await wm.status(page, path), 403, path);
  }
});
