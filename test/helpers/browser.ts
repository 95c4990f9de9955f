// Headless chromium for UI tests: Debian's build (installed on demand by ensureChromium) driven by
// playwright-core, since Playwright's own browser download is unavailable offline.
import { chromium, type Browser } from 'playwright-core';
import { ensureChromium } from '../../scripts/ensure-chromium.ts';

// Keep the browser quiet and self-contained: no GPU in containers, no sandbox when running as
// root, and no background traffic (updates, sync, QUIC) that would hang on a network-less host.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await ensureChromium();
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
