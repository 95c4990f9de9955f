// The Status page in a real browser against the real stack: the page must agree with what the
// gateway's /healthz reports, link to Temporal Web, and keep the last report (marked stale) when
// /healthz becomes unreachable. The test harness starts the stack and sets SWITCHYARD_GATEWAY_URL.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HealthReport } from '../../core/health.ts';
import { launchBrowser } from '../helpers/browser.ts';

const gatewayUrl = process.env.SWITCHYARD_GATEWAY_URL?.replace(/\/+$/, '');

/** The badge words the page must show for each status (text, not colour alone). */
const BADGE_TEXT: Record<string, string> = { up: 'Up', down: 'Down', disabled: 'Disabled', ok: 'Operational', degraded: 'Degraded' };

/** How long the page may lag behind the server: one refresh interval (2.5 s) plus slack. */
const AGREEMENT_TIMEOUT_MS = 15_000;

async function fetchHealth(): Promise<HealthReport> {
  const response = await fetch(`${gatewayUrl}/healthz`, { headers: { accept: 'application/json' } });
  return HealthReport.parse(await response.json());
}

interface ShownRow {
  name: string;
  status: string;
  badge: string;
}

async function shownComponents(page: Page): Promise<ShownRow[]> {
  return page.locator('[data-testid="component-table"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const name = (row.getAttribute('data-testid') ?? '').replace(/^component-/, '');
      // The words a screen reader hears: the badge minus its decorative (aria-hidden) glyph.
      const badge = row.querySelector(`[data-testid="component-${name}-status"]`)?.cloneNode(true) as Element | undefined;
      badge?.querySelectorAll('[aria-hidden="true"]').forEach((node) => node.remove());
      return { name, status: row.getAttribute('data-status') ?? '', badge: badge?.textContent?.trim() ?? '' };
    }),
  );
}

function expectedComponents(report: HealthReport): ShownRow[] {
  return Object.entries(report.components).map(([name, health]) => ({
    name,
    status: health.status,
    badge: BADGE_TEXT[health.status] ?? '',
  }));
}

const byName = (rows: ShownRow[]) => [...rows].sort((a, b) => a.name.localeCompare(b.name));

/**
 * Waits until the page shows what /healthz reports right now. Both sides poll, so a component
 * changing state between the two reads (the worker finishing start-up) is retried, not a failure.
 */
async function waitForAgreement(page: Page): Promise<HealthReport> {
  const deadline = Date.now() + AGREEMENT_TIMEOUT_MS;
  for (;;) {
    const report = await fetchHealth();
    const shown = byName(await shownComponents(page));
    const expected = byName(expectedComponents(report));
    const overall = await page.getByTestId('overall-status').getAttribute('data-status');
    if (overall === report.status && JSON.stringify(shown) === JSON.stringify(expected)) return report;
    if (Date.now() > deadline) {
      assert.deepEqual({ overall, components: shown }, { overall: report.status, components: expected }, 'the Status page disagrees with /healthz');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('admin UI: Status page', { timeout: 180_000, skip: gatewayUrl ? false : 'SWITCHYARD_GATEWAY_URL is not set (the test harness starts the stack and sets it)' }, () => {
  let browser: Browser;
  let page: Page;
  let screenshots: string;
  const pageErrors: string[] = [];

  before(async () => {
    // May install Debian's chromium first (about 10 s, longer if apt needs `apt-get update`).
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Fail in seconds, not Playwright's default 30 s per step, when the page hangs.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('crash', () => pageErrors.push('the page crashed (renderer hang or out of memory)'));
    screenshots = await mkdtemp(join(tmpdir(), 'switchyard-ui-'));
  });

  after(async () => {
    await browser?.close();
  });

  it('shows each component with the status /healthz reports', async (t) => {
    await page.goto(`${gatewayUrl}/ui/`);
    await page.getByTestId('status-report').waitFor({ timeout: 10_000 });
    const report = await waitForAgreement(page);

    assert.equal(await page.getByTestId('stack-version').textContent(), report.version);
    assert.equal((await page.getByTestId('stack-mode').textContent())?.trim().toLowerCase(), report.mode);
    assert.equal(await page.getByTestId('nav-status').getAttribute('aria-current'), 'page');
    assert.equal(await page.title(), 'Status · Switchyard');
    assert.deepEqual(pageErrors, [], 'the page threw');

    const wide = join(screenshots, 'status-wide.png');
    await page.screenshot({ path: wide, fullPage: true });
    t.diagnostic(`screenshot: ${wide}`);
  });

  it('links to Temporal Web and the simulator as /healthz reports them', async () => {
    const { links } = await fetchHealth();
    const expectLink = async (testid: string, url: string | undefined) => {
      const link = page.getByTestId(testid);
      if (url === undefined) assert.equal(await link.count(), 0, `${testid} shown without a URL in /healthz`);
      else assert.equal(await link.getAttribute('href'), url);
    };
    await expectLink('link-temporal-web', links.temporalWeb);
    await expectLink('link-simulator', links.simulator);
    await expectLink('link-gateway', links.gateway);
  });

  it('fits a narrow screen without horizontal scrolling', async (t) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 375px screen`);
    const narrow = join(screenshots, 'status-narrow.png');
    await page.screenshot({ path: narrow, fullPage: true });
    t.diagnostic(`screenshot: ${narrow}`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('keeps the last report, marked stale, while /healthz is unreachable', async (t) => {
    // Cut the browser off from /healthz only; the stack itself keeps running for other tests.
    await page.route('**/healthz', (route) => route.abort('connectionrefused'));
    try {
      await page.getByTestId('healthz-error').waitFor({ timeout: 10_000 });
      await page.getByTestId('stale-indicator').waitFor();
      assert.equal(await page.getByTestId('status-report').getAttribute('data-stale'), 'true');
      assert.ok((await shownComponents(page)).length > 0, 'the last known components disappeared');
      const stale = join(screenshots, 'status-stale.png');
      await page.screenshot({ path: stale, fullPage: true });
      t.diagnostic(`screenshot: ${stale}`);
    } finally {
      await page.unroute('**/healthz');
    }
    // Recovery: the next refresh clears the error and the stale mark.
    await page.getByTestId('healthz-error').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.getByTestId('stale-indicator').count(), 0);
    assert.deepEqual(pageErrors, [], 'the page threw');
  });
});
