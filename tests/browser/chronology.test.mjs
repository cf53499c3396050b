// The whole chronology as PDF and CSV from a child's page (issue 13, item 10), at 1280 and 390
// pixels wide and with JavaScript off: the links are there, each downloads its file, and the
// child's page passes axe at both widths. Signs in 5 times (pageAs caches by role, script and
// width).
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { useWaymark } from './lib/fixture.mjs';

const wm = useWaymark();
const child = 'C000002';

async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

// Screenshots for people to look at (not compared): SCREENSHOTS=DIR.
async function shot(page, name) {
  if (!process.env.SCREENSHOTS) return;
  await mkdir(process.env.SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png`, fullPage: false });
}

for (const width of [1280, 390]) {
  test(`at ${width} px without JavaScript, the chronology downloads as CSV and as a PDF`, { timeout: 300000 }, async () => {
    // axe runs in the page, so it needs scripts: the page is checked with them on, then used
    // without.
    const checked = await wm.pageAs('social_worker', { width });
    await checked.goto(`/children/${wm.setup.council}/${child}`);
    await checked.getByRole('heading', { level: 1 }).waitFor();
    await wm.expectNoAxeViolations(checked, `a child's page at ${width} px`);

    const page = await wm.pageAs('social_worker', { javaScript: false, width });
    await page.goto(`/children/${wm.setup.council}/${child}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const pdfLink = page.getByRole('link', { name: 'Download the chronology (PDF)' });
    await pdfLink.scrollIntoViewIfNeeded();
    assert.ok(await pdfLink.isVisible(), 'the PDF link is shown');
    await shot(page, `chronology-links-${width}`);

    const csv = await download(page, 'Download the chronology (CSV)');
    assert.equal(csv.name, `chronology-${wm.setup.council}-${child}.csv`);
    const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'Date,Event,Status,Source,Details,Note');
    assert.ok(lines.length > 3, `every event (${lines.length - 1} rows)`);
    assert.match(lines[1], /^\d{1,2} [A-Z][a-z]+ \d{4},/, 'dates in words: "7 December 2026"');
    assert.doesNotMatch(csv.bytes.toString('utf8'), /placement=|social_work/, 'details and sources in words');

    const pdf = await download(page, 'Download the chronology (PDF)');
    assert.equal(pdf.name, `chronology-${wm.setup.council}-${child}.pdf`);
    const text = pdf.bytes.toString('latin1');
    assert.equal(text.slice(0, 5), '%PDF-');
    const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    const count = Number((text.match(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/) ?? [])[1]);
    assert.equal(pages.length, count, 'the page tree counts every page');
    assert.ok(count >= 1, `${count} A4 pages`);
    assert.match(text, /\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/, 'A4 portrait');
    if (process.env.SCREENSHOTS) await writeFile(`${process.env.SCREENSHOTS}/chronology-${width}.pdf`, pdf.bytes);
  });
}

test('someone who may not see the child gets no chronology file', async () => {
  const page = await wm.pageAs('improvement_advisor');
  assert.equal(await wm.status(page, `/children/${wm.setup.council}/${child}/chronology.csv`), 403);
  assert.equal(await wm.status(page, `/children/${wm.setup.council}/${child}/chronology.pdf`), 403);
});
