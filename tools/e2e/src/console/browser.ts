import { repoRoot } from '@gatehouse/shared-testing';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium (tools/workspace/ensure-deps.sh installs it); Playwright's own browser download cannot
 * be reached from these machines. The binary itself, not /usr/bin's wrapper script, which probes the machine.
 */
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => existsSync(path));

export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('chromium is not installed: run tools/workspace/ensure-deps.sh');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** Serious and critical WCAG 2.1 A/AA violations axe-core finds in the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the console's CSP (script-src 'self') rightly does not
  // let a page-injected inline script do.
  await page.evaluate(AXE_SOURCE);
  // Runs in the page, where axe-core checks the whole document when given only options.
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<AxeResult> } }).axe;
    return axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
  });
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) x${v.nodes.length}: ${v.help} at ${v.nodes[0]?.target.join(' ')}`);
}

/** The accessible-ish name of the focused element: its label, aria-label, or text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Focused = {
      labels?: { textContent: string | null }[] | null;
      getAttribute(name: string): string | null;
      textContent: string | null;
    };
    const element = (globalThis as unknown as { document: { activeElement: Focused | null } }).document
      .activeElement;
    if (!element) return '';
    const label =
      element.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent;
    return (label ?? '').trim();
  });
}

/** Presses Tab until the focused control's name matches, as a keyboard user would; fails after 60 presses. */
export async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  const seen: string[] = [];
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (matches(focused)) return;
    seen.push(focused);
  }
  throw new Error(`Tab never reached ${String(name)}; focus went through: ${seen.join(' | ')}`);
}

/** Collects what the browser reports against the page: CSP violations, uncaught errors, console errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refused API call is logged by the browser as a failed resource load; the pages show those themselves.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Saves a full-page screenshot to tools/e2e/screenshots/<name>.png (git-ignored) for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(repoRoot(), 'tools', 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
