// Shared set-up for the browser journeys: Debian's Chromium driven by playwright-core against
// the server that scripts/run-e2e.sh started (BASE_URL).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const DEMO_PASSWORD = 'demo-passord-2026';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function logIn(page, email) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel(/e-post|e-mail/i).fill(email);
  await page.getByLabel(/passord|password/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /logg inn|log in/i }).click();
}

// Runs axe-core in the page and returns the violations of serious or critical impact.
export async function seriousA11yViolations(page) {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // The CSP forbids inline scripts from the page, but evaluate() runs in the devtools context.
  await page.evaluate(source);
  const result = await page.evaluate(async () => await globalThis.axe.run(document));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
