// Real Chromium for UI tests (Debian's /usr/bin/chromium driven by playwright-core; never a
// downloaded browser), a fresh profile per run, and a UI build of chosen apps made for the test
// (so a test never depends on, nor overwrites, the ui/dist of a developer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** `extraArgs`: e.g. Chromium's fake camera flags (test/support/fake-camera.ts). */
export async function launchChromium(extraArgs: string[] = []): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'pass-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: [...chromiumArgs, ...extraArgs], viewport: { width: 1280, height: 800 } });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Builds the given apps (ui/vite.config.ts, inputs narrowed) into a temporary directory; returns it. */
export async function buildUi(apps: Array<'home' | 'lespass' | 'admin' | 'laboutik' | 'display' | 'dashboard' | 'door'>): Promise<{ dir: string; remove(): void }> {
  const { build } = await import('vite');
  const { default: config, appEntries } = await import('../../ui/vite.config.js');
  const dir = mkdtempSync(join(tmpdir(), 'pass-ui-'));
  await build({
    ...config,
    configFile: false,
    logLevel: 'error',
    build: { ...config.build, outDir: dir, emptyOutDir: true, rollupOptions: { ...config.build?.rollupOptions, input: Object.fromEntries(apps.map((app) => [app, appEntries[app]])) } },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
