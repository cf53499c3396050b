// Administration through a working day (issue 13, item 9), with JavaScript off: an administrator
// creates a team, adds a user in it, changes a user's role, team and display name, resets a
// password after confirming and reloads the result (the password is not shown again), and
// filters the audit log by an action in words and a UK date. Every page passes axe, at 1280
// and at 390 pixels wide.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();
const SHOTS = process.env.WAYMARK_SCREENSHOTS; // a folder for screenshots, when set

async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// Today in the UK, as the audit log's date filter takes it (day, month, year).
function ukToday() {
  const [day, month, year] = new Date()
    .toLocaleDateString('en-GB', { timeZone: 'Europe/London' })
    .split('/')
    .map((n) => String(Number(n)));
  return { day, month, year };
}

async function submit(page, name) {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState();
}

test('an administrator adds a team and a user, changes a user, resets a password and reads the audit log (no JavaScript)', async () => {
  const page = await wm.pageAs('administrator', { javaScript: false });

  // A team, created on its own page.
  await page.goto('/admin/teams');
  await page.getByLabel('Team name').fill('North East');
  await submit(page, 'Add team');
  assert.equal(new URL(page.url()).pathname, '/admin/teams', 'redirected back to the teams page');
  assert.match(await page.getByRole('status').innerText(), /Team North East added\./);
  assert.ok(await page.getByRole('rowheader', { name: 'North East' }).isVisible());
  await wm.expectNoAxeViolations(page, 'teams, a team added');
  await shot(page, 'admin-teams-1280');

  // A user in it: the team is chosen from the council's teams, never typed.
  await page.goto('/admin/users');
  const team = page.getByLabel('Team', { exact: true });
  assert.equal(await team.evaluate((e) => e.tagName), 'SELECT');
  assert.ok((await team.locator('option').allInnerTexts()).includes('North East'));
  await page.getByLabel('User name').fill('bt_new_advisor');
  await page.getByLabel('Display name (optional)').fill('Ann Other');
  await page.getByLabel('Role').selectOption('improvement_advisor');
  await team.selectOption('North East');
  await submit(page, 'Add user');
  assert.match(await page.getByRole('status').first().innerText(), /added/);
  assert.ok(await page.getByRole('rowheader', { name: /Ann Other/ }).isVisible());
  await wm.expectNoAxeViolations(page, 'users, a user added');
  await shot(page, 'admin-users-1280');

  // Another user's role, team and display name, on their edit page.
  const officer = wm.setup.users.reviewing_officer;
  await page.getByRole('link', { name: `Change role, team or name of ${officer}` }).click();
  await page.waitForLoadState();
  await page.getByRole('heading', { level: 1, name: 'Change a user' }).waitFor();
  assert.match(await page.locator('main').innerText(), new RegExp(`User name: ${officer}`));
  await wm.expectNoAxeViolations(page, 'edit a user');
  await shot(page, 'admin-edit-1280');
  await page.getByLabel('Display name (optional)').fill('Robin Officer');
  await page.getByLabel('Role').selectOption('legal');
  await page.getByLabel('Team', { exact: true }).selectOption('North East');
  await submit(page, 'Save changes');
  assert.equal(new URL(page.url()).pathname, '/admin/users');
  assert.match(await page.getByRole('status').first().innerText(), /Changes saved for Robin Officer\./);
  const row = page.getByRole('row', { name: /Robin Officer/ });
  assert.match(await row.innerText(), /legal/);
  assert.match(await row.innerText(), /North East/);

  // A password reset: confirmed first, then shown once; a reload does not show it again.
  await page.getByRole('link', { name: 'Reset password of bt_new_advisor' }).click();
  await page.waitForLoadState();
  await page.getByRole('heading', { level: 1, name: 'Reset a password' }).waitFor();
  assert.match(await page.locator('main').innerText(),
    /Reset the password of Ann Other \(bt_new_advisor\)\? They will be signed out everywhere/);
  await wm.expectNoAxeViolations(page, 'confirm a reset');
  await shot(page, 'admin-reset-confirm-1280');
  await submit(page, 'Reset the password');
  assert.match(new URL(page.url()).pathname, /^\/admin\/users\/\d+\/password-reset$/, 'redirected after the POST');
  const password = await page.locator('#one-time-password').innerText();
  assert.match(password, /^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  await wm.expectNoAxeViolations(page, 'a reset password shown');
  await shot(page, 'admin-reset-shown-1280');
  await page.reload();
  await page.waitForLoadState();
  assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(password));
  assert.match(await page.locator('main').innerText(), /has been shown already, and is not shown again/);
  await wm.expectNoAxeViolations(page, 'a reset reloaded');

  // The audit log, filtered by an action in words and today's UK date.
  await page.goto('/admin/audit');
  const action = page.getByLabel('Action');
  assert.equal(await action.evaluate((e) => e.tagName), 'SELECT');
  await action.selectOption({ label: 'Reset a password' });
  const today = ukToday();
  for (const which of ['From', 'To']) {
    const group = page.getByRole('group', { name: new RegExp(`^${which}`) });
    await group.getByLabel('Day').fill(today.day);
    await group.getByLabel('Month').fill(today.month);
    await group.getByLabel('Year').fill(today.year);
  }
  await submit(page, 'Filter');
  assert.match(await page.locator('main').innerText(), /1 entry, newest first/);
  const table = await page.getByRole('table').innerText();
  assert.match(table, /Reset a password/);
  assert.match(table, /\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d (GMT|BST)/, 'times in UK local time');
  assert.doesNotMatch(table, /Added a team/);
  await wm.expectNoAxeViolations(page, 'the audit log filtered');
  await shot(page, 'admin-audit-1280');
});

test('the administration pages work on a phone (390 pixels, no JavaScript)', async () => {
  const page = await wm.pageAs('administrator', { javaScript: false, width: 390 });
  for (const [path, name] of [['/admin/teams', 'teams'], ['/admin/users', 'users'], ['/admin/audit', 'audit']]) {
    await page.goto(path);
    await wm.expectNoAxeViolations(page, `${name} at 390 px`);
    await shot(page, `admin-${name}-390`);
  }
  // A team added and a password reset, confirmed, on the phone too.
  await page.goto('/admin/teams');
  await page.getByLabel('Team name').fill('South');
  await submit(page, 'Add team');
  assert.match(await page.getByRole('status').innerText(), /Team South added\./);
  await page.goto('/admin/users');
  await page.getByRole('link', { name: `Reset password of ${wm.setup.users.legal}` }).click();
  await page.waitForLoadState();
  await wm.expectNoAxeViolations(page, 'confirm a reset at 390 px');
  await wm.expectReflow(page, 'confirm a reset at 390 px');
  await shot(page, 'admin-reset-confirm-390');
  await submit(page, 'Reset the password');
  assert.ok(await page.locator('#one-time-password').isVisible());
  await wm.expectNoAxeViolations(page, 'a reset password shown at 390 px');
  await page.goto('/admin/users');
  await page.getByRole('link', { name: `Change role, team or name of ${wm.setup.users.legal}` }).click();
  await page.waitForLoadState();
  await wm.expectNoAxeViolations(page, 'edit a user at 390 px');
  await shot(page, 'admin-edit-390');
});
