// Every page reachable by links from each role's signed-in home answers 200 and passes axe
// (WCAG 2.2 AA). Pages added later are covered as soon as a link leads to them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';
import { NAMED_CHILD_ROLES, ROLES } from './lib/setup.mjs';

const wm = useWaymark();

for (const role of ROLES) {
  test(`every page reachable as ${role} passes axe`, async (t) => {
    const page = await wm.pageAs(role);
    await page.goto('/');
    const { visited, unvisited } = await wm.crawl(page);
    t.diagnostic(`${visited.length} page(s): ${visited.join(' ')}`);
    if (unvisited.length > 0) t.diagnostic(`not visited (limit reached): ${unvisited.join(' ')}`);
    assert.ok(visited.includes('/account/password'), 'the password page was reached from the header');
    assert.ok(visited.includes('/account/sessions'), 'the sessions page was reached from the header');
    if (NAMED_CHILD_ROLES.includes(role)) {
      assert.ok(visited.includes('/children'), 'My children was reached');
      assert.ok(visited.some((p) => /^\/children\/[^/]+\/[^/]+$/.test(p)), 'a child\'s page was reached');
    } else {
      assert.ok(visited.every((p) => !p.startsWith('/children')), 'no child\'s page is linked for this role');
    }
  });
}
