import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import type { StoredReport } from '../src/report/report-file.js';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wedge = path.join(repo, 'bin/wedge.mjs');
const target = path.join(repo, 'targets/insertion-sort.target.ts');
const output = path.join(repo, 'test/output');

/**
 * The browser that opens the page: WEDGE_CHROMIUM when set, else the system's Chromium. Without
 * one the browser test is skipped, saying what to install, unless WEDGE_REQUIRE_BROWSER=1 (CI),
 * where a missing browser fails it.
 */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const CHROMIUM = process.env.WEDGE_CHROMIUM || SYSTEM_CHROMIUM.find((p) => existsSync(p));
const INSTALL_HINT = 'install Chromium (Debian, Ubuntu: apt-get install -y chromium) or set WEDGE_CHROMIUM to a Chromium or Chrome executable';
const requireBrowser = process.env.WEDGE_REQUIRE_BROWSER === '1';
const browserTest = CHROMIUM !== undefined || requireBrowser ? test : test.skip;
const browserTitle = CHROMIUM !== undefined || requireBrowser ? '' : ` (skipped: no Chromium found; ${INSTALL_HINT})`;

/** One fuzz and verify run for both tests: the report's contents, then the page in a browser. */
let verifiedRun: Promise<{ dir: string; reportJson: string; verify: { stdout: string; stderr: string } }> | undefined;
function verifiedReport() {
  verifiedRun ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wedge-html-'));
    const fuzz = await run('node', [wedge, 'fuzz', target, '--execs', '3000', '--seed', '2', '--workers', '1', '--json'], { cwd: dir });
    const reportJson = path.join(dir, (JSON.parse(fuzz.stdout) as { report: string }).report);
    const verify = await run('node', [wedge, 'verify', target, '--top', '3', '--min-time', '20ms', '--baseline', '5'], { cwd: dir });
    return { dir, reportJson, verify };
  })();
  return verifiedRun;
}

test('verify fills report.json, and report writes report.html again from it alone, loading nothing from elsewhere', async (t) => {
  const { dir, reportJson, verify } = await verifiedReport();
  t.regex(verify.stdout, /#1 slowdown [\d.]+× \(IQR range/);
  t.regex(verify.stdout, /growth: worst case grows (as n\^[\d.]+|exponentially)/);
  t.regex(verify.stderr, /verify: timing/, 'progress lines go to stderr');
  t.regex(verify.stderr, /verify: all \d+ inputs warmed up|verify: timing \d+% done/, 'timing reports its progress');
  t.regex(verify.stderr, /verify: minimizing 1\/\d+: finding #1/);
  t.regex(verify.stdout, /growth: worst case grows [^\n]* by work and [^\n]* by wall time/, 'growth by work and by time, both');
  t.regex(verify.stdout, /\ntime: verification [\d.]+s \(timing [\d.]+s/);

  const report = JSON.parse(readFileSync(reportJson, 'utf8')) as StoredReport;
  const v = report.verified!;
  t.true(v.findings.length > 0 && v.findings.length <= 3);
  for (const f of v.findings) {
    t.true(f.timeMs.n >= 10, 'at least 10 runs');
    t.true(f.slowdown.low <= f.slowdown.ratio && f.slowdown.ratio <= f.slowdown.high);
  }
  t.is(v.baselines[0]!.count, 5);
  t.truthy(v.growth);
  t.truthy(v.findings[0]!.minimized);
  t.true(v.hotLines.slowest.length > 0);
  t.truthy(v.environment.node);

  // Regenerating from report.json alone gives the page again.
  const html = path.join(path.dirname(reportJson), 'report.html');
  const before = statSync(html).mtimeMs;
  const regenerated = await run('node', [wedge, 'report', path.dirname(reportJson)], { cwd: dir });
  t.regex(regenerated.stdout, /report\.html/);
  t.true(statSync(html).mtimeMs >= before);
  const page = readFileSync(html, 'utf8');
  t.notRegex(page, /<script[^>]+src=|<link[^>]+href=/, 'nothing is loaded from elsewhere');
});

browserTest(`report.html renders its charts offline in headless Chromium with no console error${browserTitle}`, async (t) => {
  if (CHROMIUM === undefined) return t.fail(`no Chromium found and WEDGE_REQUIRE_BROWSER=1: ${INSTALL_HINT}`);
  if (!existsSync(CHROMIUM)) return t.fail(`WEDGE_CHROMIUM=${CHROMIUM} does not exist: ${INSTALL_HINT}`);
  const { reportJson } = await verifiedReport();
  const html = path.join(path.dirname(reportJson), 'report.html');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(String(e)));
    tab.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await tab.goto(`file://${html}`);
    await tab.waitForSelector('body[data-charts]', { timeout: 20_000 });
    t.is(await tab.getAttribute('body', 'data-charts'), '3', 'progress and the two growth charts');
    // Each chart's canvas has pixels drawn on it (page code as text: the tests compile without DOM types).
    const inked = (await tab.evaluate(`[...document.querySelectorAll('canvas')].map((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    })`)) as number[];
    t.is(inked.length, 3);
    for (const n of inked) t.true(n > 1000, `a canvas with ${n} drawn pixels`);
    // The page opens with where the time goes: the hottest lines, before the tables and charts.
    const sections = (await tab.evaluate(`[...document.querySelectorAll('section > h2')].map((h) => h.textContent)`)) as string[];
    t.is(sections[0], 'Where the time goes');
    const hotRows = await tab.locator('#hot table.hot tbody tr').count();
    t.true(hotRows >= 1 && hotRows <= 10, `${hotRows} hot lines`);
    t.regex((await tab.locator('#hot table.hot tbody tr').first().innerText()).replace(/\s+/g, ' '), /insertion-sort\.ts:7 while \(j >= 0 && a\[j\] > key\) \{ [\d,]+ [\d,]+ [\d.]+× [\d.]+%/);
    // The source view: only files the slowest finding ran, collapsed until a hot line's link opens one.
    t.true((await tab.locator('details.source').count()) >= 1);
    t.is(await tab.locator('details.source[open]').count(), 0, 'collapsed by default');
    t.false(await tab.locator('table.source').first().isVisible());
    await tab.locator('#hot table.hot a').first().click();
    await tab.waitForSelector('details.source[open]', { timeout: 5000 });
    t.true(await tab.locator('tr.target').isVisible(), 'the linked line is shown');
    t.true((await tab.locator('table.source tr').count()) > 5, 'the source view has lines');
    t.deepEqual(problems, []);
    t.deepEqual(requests, []);
    mkdirSync(output, { recursive: true });
    await tab.screenshot({ path: path.join(output, 'report-insertion-sort.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});

test('verify and report name what is missing or wrong, and exit non-zero', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wedge-html-'));
  const fails = async (args: string[]) => {
    const e = await t.throwsAsync(run('node', [wedge, ...args], { cwd: dir }));
    return e as Error & { code: number; stderr: string };
  };
  const missing = await fails(['report', path.join(dir, 'nowhere')]);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /nowhere[\\/]report\.json: cannot read the report/);

  const none = await fails(['verify', target]);
  t.regex(none.stderr, /no report under reports[\\/]insertion-sort[\\/]: run "wedge fuzz insertion-sort" first/);

  const bogus = path.join(dir, 'bogus.json');
  writeFileSync(bogus, JSON.stringify({ target: 'insertion-sort' }));
  t.regex((await fails(['report', bogus])).stderr, /bogus\.json: not a Wedge report \(missing fields run, top, progress\)/);

  const other = path.join(dir, 'other.json');
  writeFileSync(other, JSON.stringify({ target: 'gcd-euclid', run: 'r', top: [], progress: [], best: {} }));
  t.regex((await fails(['verify', target, '--report', other])).stderr, /other\.json: the report is of target "gcd-euclid", not "insertion-sort"/);
});
