// The main pages at 1280 and 390 px (issue 13, "done when"): each passes axe and is no wider
// than the screen. With WAYMARK_SCREENSHOTS=DIR set, each is also saved as a PNG in DIR (the
// screen's first view, not the whole page), which is how docs/web/*.png are made:
//
//   WAYMARK_SCREENSHOTS=docs/web node tests/browser/run.mjs build/waymark tests/browser/screens.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();
const DIR = process.env.WAYMARK_SCREENSHOTS;
if (DIR) mkdirSync(DIR, { recursive: true });

// [file name, role (null: signed out), path]
const PAGES = [
  ['sign-in', null, '/sign-in'],
  ['home', 'improvement_advisor', '/'],
  ['my-children', 'social_worker', '/children'],
  ['child', 'social_worker', '/children/{council}/C000002'],
  ['this-week', 'social_worker', '/this-week'],
  ['search', 'social_worker', '/search?q=C00001'],
  ['planned-passed', 'social_worker', '/planned-passed'],
  ['dashboard', 'team_manager', '/dashboard'],
  ['measure', 'team_manager', '/measures/days-to-recommendation'],
  ['tests-of-change', 'team_manager', '/tests-of-change'],
  ['administration', 'administrator', '/admin'],
];

for (const width of [1280, 390]) {
  test(`the main pages at ${width} px pass axe and fit the screen`, async () => {
    let signedOut = null;
    for (const [name, role, template] of PAGES) {
      let page;
      if (role) {
        page = await wm.pageAs(role, { width });
      } else {
        signedOut ??= (await wm.newPage({ width })).page;
        page = signedOut;
      }
      const path = template.replace('{council}', wm.setup.council);
      const response = await page.goto(path);
      assert.equal(response.status(), 200, `${path} opens`);
      assert.equal(new URL(page.url()).pathname, path.split('?')[0], `${path} is not redirected`);
      await wm.expectNoAxeViolations(page, `${path} at ${width} px`);
      const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wider > 0) {
        const culprits = await page.evaluate(() => [...document.body.querySelectorAll('*')]
          .filter((e) => !e.closest('.wm-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5).map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}">`));
        console.error(`${path} at ${width} px is ${wider} px too wide: ${culprits.join(', ')}`);
      }
      assert.equal(wider, 0, `${path} at ${width} px is no wider than the screen`);
      if (DIR) await page.screenshot({ path: join(DIR, `${name}-${width}.png`) });
    }
    if (signedOut) await signedOut.context().close();
    if (width < 768) {
      // The phone's menu, open.
      const page = await wm.pageAs('social_worker', { width });
      await page.goto('/children');
      await page.locator('label[for="menu"]').click();
      assert.ok(await page.getByRole('navigation', { name: 'Menu' }).isVisible(), 'the menu opens');
      await wm.expectNoAxeViolations(page, `the open menu at ${width} px`);
      if (DIR) await page.screenshot({ path: join(DIR, `menu-${width}.png`) });
    }
  });
}
