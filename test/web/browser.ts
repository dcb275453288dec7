// **openBrowser** drives Debian's /usr/bin/chromium through playwright-core, with accessibility checks and screenshots.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Screenshots are artefacts of a test run (gitignored), for people to look at. */
export const SCREENSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'artifacts', 'screenshots');

export interface TestBrowser {
  readonly context: BrowserContext;
  /** A page of the shared profile; `isolated` gives it a context of its own (its own cookies: another signed-in user). */
  newPage(options?: { readonly javaScript?: boolean; readonly width?: number; readonly isolated?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** One browser per test file, with a fresh profile of its own. */
export async function openBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'sheaf-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'];
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args, headless: true });
  const extra: BrowserContext[] = [];
  return {
    context,
    async newPage(options = {}) {
      if (options.javaScript === false || options.isolated) {
        const javaScriptEnabled = options.javaScript !== false;
        const browser = context.browser();
        // A persistent context cannot switch JavaScript off per page nor hold two cookie jars: a second context does.
        const c = browser ? await browser.newContext({ javaScriptEnabled }) : await chromium.launchPersistentContext(
          mkdtempSync(path.join(tmpdir(), 'sheaf-chromium-nojs-')), { executablePath: '/usr/bin/chromium', args, javaScriptEnabled });
        extra.push(c);
        const page = await c.newPage();
        await page.setViewportSize({ width: options.width ?? 1280, height: 900 });
        return page;
      }
      const page = await context.newPage();
      await page.setViewportSize({ width: options.width ?? 1280, height: 900 });
      return page;
    },
    async close() {
      for (const c of extra) await c.close();
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's serious and critical violations on the page as it stands (none is the bar), in light and dark. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).analyze();
    for (const v of result.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        found.push(`${colorScheme} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** Full-page screenshots at desktop and phone widths, named after the page. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/** The page is no wider than the viewport (nothing to scroll sideways at 375 px). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');
}
