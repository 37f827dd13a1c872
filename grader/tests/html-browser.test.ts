/**
 * The grader's HTML pages as an instructor's browser shows them (headless Chromium, driven by
 * playwright-core): a class folder as `grader batch` leaves it, class.html beside one folder per
 * submission holding its report.html and evidence. Each page must load with no error, ask for
 * nothing but itself and its data: images, run nothing a student wrote, and show what it is for.
 * Screenshots are kept in artifacts/grader-tests/ to look at.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_MISSING, hasChromium } from '../../harness/testing/chromium';
import { renderClassOverview } from '../batch/class-overview';
import { writeExports } from '../outputs';
import { scratchDir } from './helpers';
import { HOSTILE_TEST_NAME, writeSampleSubmission } from './html-sample';

const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'grader-tests');

/** What a page did wrong while it loaded: console errors, uncaught errors, dialogs, requests for anything but itself. */
interface Trouble {
  readonly errors: string[];
  readonly requests: string[];
}

/** Open `file` in a new page, recording its trouble. */
async function open(browser: Browser, file: string): Promise<{ page: Page; trouble: Trouble }> {
  const page = await browser.newPage();
  // A local page shows at once: what is not there in a few seconds will not come.
  page.setDefaultTimeout(5000);
  const trouble: Trouble = { errors: [], requests: [] };
  const url = pathToFileURL(file).href;
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => trouble.errors.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    trouble.errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('data:') && request.url() !== page.url() && request.url() !== url) trouble.requests.push(request.url());
  });
  await page.goto(url);
  return { page, trouble };
}

/** Each <img>'s natural width once loaded: 0 for one the browser could not draw. */
function imageWidths(page: Page): Promise<number[]> {
  return page.locator('img').evaluateAll((images) => images.map((image) => (image as { naturalWidth: number }).naturalWidth));
}

const describeChromium = hasChromium() ? describe : describe.skip;

describeChromium(hasChromium() ? 'the HTML pages in Chromium' : `the HTML pages in Chromium (skipped: ${CHROMIUM_MISSING})`, () => {
  let classDir = '';
  let browser: Browser | undefined;

  beforeAll(async () => {
    classDir = scratchDir('socklab-html-browser-');
    const alice = writeSampleSubmission(path.join(classDir, 'alice'));
    writeExports(alice, path.join(classDir, 'alice'), ['html']);
    fs.writeFileSync(path.join(classDir, 'class.html'), renderClassOverview([{ name: 'alice', report: alice }, { name: 'bob', error: 'the zip could not be read' }]));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'] });
  });

  afterAll(async () => {
    await browser?.close();
    if (classDir !== '') fs.rmSync(classDir, { recursive: true, force: true });
  });

  it('report.html: loads without error or request, shows the score, draws every plot, runs nothing a student wrote', async () => {
    const { page, trouble } = await open(browser!, path.join(classDir, 'alice', 'report.html'));
    expect(trouble).toEqual({ errors: [], requests: [] });
    expect(await page.locator('#score').isVisible()).toBe(true);
    expect(await page.locator('#score').textContent()).toBe('4 / 20');
    const widths = await imageWidths(page);
    expect(widths).toHaveLength(2);
    for (const width of widths) expect(width).toBeGreaterThan(0);
    expect(await page.getByText(HOSTILE_TEST_NAME, { exact: true }).first().isVisible()).toBe(true);
    expect(await page.locator('script').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report.png'), fullPage: true });
  });

  it('class.html: loads without error or request, draws its histograms, and links to each report', async () => {
    const { page, trouble } = await open(browser!, path.join(classDir, 'class.html'));
    expect(trouble).toEqual({ errors: [], requests: [] });
    expect(await page.locator('#count').textContent()).toBe('2 submission(s): 1 graded, 1 could not be graded.');
    // The total and two milestones, ten bars each, the one submission in a bar of each.
    expect(await page.locator('svg rect.bar').count()).toBe(30);
    expect(await page.locator('svg rect.bar[data-count="1"]').count()).toBe(3);
    expect(await page.locator('svg').first().isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'class.png'), fullPage: true });
    await page.getByRole('link', { name: 'alice' }).click();
    await page.waitForURL(/\/alice\/report\.html$/);
    expect(await page.locator('#score').textContent()).toBe('4 / 20');
  });
});
