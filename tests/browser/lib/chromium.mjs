// Headless Debian Chromium through playwright-core (no browser download):
// the flags this machine needs (its network is closed, so every background
// connection is switched off) and a fresh profile per launch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a fresh profile: { context, close() }. Pages come from context.newPage(). */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'tidings-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 700 },
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A browser with one unpacked extension loaded: { context, extensionId, serviceWorker, close() }.
 * Playwright passes --disable-extensions by default; it is dropped here.
 */
export async function launchWithExtension(extensionDir) {
  const profile = mkdtempSync(join(tmpdir(), 'tidings-chromium-ext-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1100, height: 700 },
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    let [serviceWorker] = context.serviceWorkers();
    serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, close };
  } catch (error) {
    await close();
    throw new Error(`the extension's service worker did not start: ${error.message}`);
  }
}

/** Collects what a page reports (console errors, uncaught errors, failed requests) for failure messages. */
export function watchPage(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return problems;
}

/** Waits until `#status` reads `done` or starts with `error:`; returns that text. */
export async function waitForStatus(page, { timeout = 20_000 } = {}) {
  await page.waitForFunction(
    () => {
      const text = document.querySelector('#status')?.textContent?.trim() ?? '';
      return text === 'done' || text.startsWith('error:');
    },
    null,
    { timeout },
  );
  return (await page.textContent('#status')).trim();
}

/** The rows of `#messages` as [{ id, sender, text, status }] (cells marked with data-field). */
export function readMessageRows(page) {
  return page.$$eval('#messages tbody tr', (rows) =>
    rows.map((row) => {
      const cell = (name) => row.querySelector(`[data-field="${name}"]`)?.textContent?.trim() ?? '';
      return { id: row.dataset.id ?? '', sender: cell('sender'), text: cell('text'), status: cell('status'), note: cell('note') };
    }),
  );
}
