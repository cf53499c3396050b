// Changing one's password: a user whose password is one-time (as an administrator's is) signs
// in, is sent to change it, cannot go anywhere else first, makes a mistake, changes it and
// lands on their home; the page passes axe with and without errors. And any user reaches the
// page from the header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

test('a one-time password is changed at first sign-in, before anything else', async () => {
  const { page, context } = await wm.newPage();
  await wm.signIn(page, wm.setup.oneTimeUser);
  assert.equal(new URL(page.url()).pathname, '/account/password', 'sent to change the password');
  await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
  assert.match(await page.locator('main').innerText(), /You signed in with a one-time password/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.doesNotMatch(await nav.innerText(), /My children|Measures/, 'the header offers nothing else yet');
  await wm.expectNoAxeViolations(page, 'change password (one-time)');
  await wm.expectReflow(page, 'change password (one-time)');

  // Every other page leads back here.
  await page.goto('/children');
  assert.equal(new URL(page.url()).pathname, '/account/password');

  // A mistake: the error summary links to the field, and nothing typed comes back.
  await page.getByLabel('Current password').fill(wm.setup.password);
  await page.getByLabel('New password', { exact: true }).fill('my own new passphrase');
  await page.getByLabel('Confirm new password').fill('not the same passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForLoadState();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  const link = summary.getByRole('link', { name: 'The two new passwords are not the same' });
  assert.equal(await link.getAttribute('href'), '#confirm-password');
  assert.equal(await page.getByLabel('New password', { exact: true }).inputValue(), '');
  await wm.expectNoAxeViolations(page, 'change password with an error');
  await wm.expectReflow(page, 'change password with an error');
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirm-password');

  // Done right, the user lands on their home (a social worker's is My children).
  await page.getByLabel('Current password').fill(wm.setup.password);
  await page.getByLabel('New password', { exact: true }).fill('my own new passphrase');
  await page.getByLabel('Confirm new password').fill('my own new passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL('**/children');
  assert.match(await nav.innerText(), /My children/);
  await wm.expectNoAxeViolations(page, 'home after the change');

  // The new password signs in; the one-time one no longer does.
  await nav.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await wm.signIn(page, wm.setup.oneTimeUser);
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'the one-time password is refused');
  await wm.signIn(page, wm.setup.oneTimeUser, 'my own new passphrase');
  assert.equal(new URL(page.url()).pathname, '/children');
  await context.close();
});

test('any user reaches the page from the header', async () => {
  const page = await wm.pageAs('national_analyst');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Change password' }).click();
  await page.waitForURL('**/account/password');
  assert.doesNotMatch(await page.locator('main').innerText(), /one-time password/);
  await wm.expectNoAxeViolations(page, 'change password');
});
