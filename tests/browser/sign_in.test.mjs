// Signing in and out, the sign-in page's accessibility and its keyboard use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();

test('the sign-in page passes axe, and its skip link moves the keyboard into the main content', async () => {
  const { page } = await wm.newPage();
  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/sign-in', 'a visitor is sent to the sign-in page');
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor());
  await wm.expectNoAxeViolations(page);

  // The first Tab reaches the skip link; following it, the next Tab lands on the first field.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.ok(await skip.evaluate((a) => a === document.activeElement), 'the first Tab focuses the skip link');
  assert.ok(await skip.isVisible(), 'the focused skip link is visible');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#main-content');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'name',
    'after the skip link, Tab goes to the user name field');
});

test('a wrong password shows the error summary, linked to the field, and keeps the name', async () => {
  const { page, context } = await wm.newPage();
  await wm.signIn(page, wm.setup.users.social_worker, 'not the right password');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.match(await summary.innerText(), /There is a problem/);
  const link = summary.getByRole('link', { name: 'The user name or password is not right.' });
  assert.equal(await link.getAttribute('href'), '#name');
  assert.equal(await page.getByLabel('User name').inputValue(), wm.setup.users.social_worker);
  assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is never sent back');
  await wm.expectNoAxeViolations(page, 'sign-in with an error');
  await wm.expectReflow(page, 'sign-in with an error');
  // The summary's link takes the keyboard to the field at fault.
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');
  await context.close();
});

test('signing in and out', async () => {
  const { page, context } = await wm.newPage();
  await wm.signIn(page, wm.setup.users.social_worker);
  await page.waitForURL('**/children');  // a social worker lands on My children
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.match(await nav.innerText(), new RegExp(wm.setup.users.social_worker));
  await nav.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  // The session has ended: the children list now sends the visitor back to sign in.
  await page.goto('/children');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await context.close();
});

test('an aggregates role lands on a home page that passes axe', async () => {
  const page = await wm.pageAs('improvement_advisor');
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.doesNotMatch(await page.getByRole('navigation', { name: 'Main' }).innerText(), /My children/,
    'no children link for a role that sees aggregates only');
  await wm.expectNoAxeViolations(page, 'home (improvement advisor)');
});
