// End-to-end test of the rolint extension in a real VS Code (code-server 4.100.3)
// driven through headless Chromium. Started by scripts/e2e-vscode.sh, which builds
// the .vsix and passes everything in environment variables:
//   ROLINT_E2E_TOOLS   folder whose node_modules has code-server and playwright-core
//   ROLINT_E2E_VSIX    the packaged extension
//   ROLINT_E2E_SERVER  the `rolint` executable the extension is told to use
//   ROLINT_E2E_BROKEN  1: point rolint.path at a script that exits 1 (the test must fail)
//   ROLINT_E2E_OUT     where the screenshot and logs go (default e2e/out)
// Exit code 0 only when every check passed.
'use strict';

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const TOOLS = requiredEnv('ROLINT_E2E_TOOLS');
const VSIX = requiredEnv('ROLINT_E2E_VSIX');
const BROKEN = process.env.ROLINT_E2E_BROKEN === '1';
const OUT = path.resolve(process.env.ROLINT_E2E_OUT || path.join(__dirname, 'out'));
const FIXTURE = path.join(__dirname, 'fixtures', 'workspace');
const CODE_SERVER = path.join(TOOLS, 'node_modules', '.bin', 'code-server');
const { chromium } = require(path.join(TOOLS, 'node_modules', 'playwright-core'));

const EDITOR = '.part.editor .monaco-editor';
const started = Date.now();

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e: ${name} is not set (run scripts/e2e-vscode.sh)`);
    process.exit(2);
  }
  return value;
}

function log(message) {
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

// ---------------------------------------------------------------- setup

/** A temp dir with code-server's config, user data, extensions and a copy of the workspace. */
function prepareDirs(port) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rolint-e2e-'));
  const dirs = {
    root,
    config: path.join(root, 'config.yaml'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
  };
  fs.writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  // A copy, so typing and quick fixes never touch the fixture in the repo.
  fs.cpSync(FIXTURE, dirs.workspace, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const server = BROKEN ? writeBrokenServer(root) : requiredEnv('ROLINT_E2E_SERVER');
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(userSettings(server), null, 2));
  return dirs;
}

function writeBrokenServer(root) {
  const file = path.join(root, 'broken-rolint');
  fs.writeFileSync(file, '#!/bin/sh\necho "rolint: broken on purpose for the e2e negative run" >&2\nexit 1\n', { mode: 0o755 });
  return file;
}

function userSettings(server) {
  return {
    'rolint.path': server,
    'rolint.trace.server': 'messages',
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'editor.minimap.enabled': false,
    'editor.wordWrap': 'on',
    'editor.lightbulb.enabled': 'on',
    // Typed text must land as typed: no completion popup may swallow a key.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.wordBasedSuggestions': 'off',
    'editor.autoClosingQuotes': 'never',
    'editor.hover.delay': 200,
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function installExtension(dirs) {
  execFileSync(CODE_SERVER, [...codeServerDirs(dirs), '--install-extension', VSIX], { stdio: 'pipe' });
}

function codeServerDirs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** Starts code-server in its own session (detached = setsid) so the whole group can be killed. */
function startCodeServer(dirs) {
  const logFile = fs.openSync(path.join(OUT, 'code-server.log'), 'w');
  const args = [
    ...codeServerDirs(dirs),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    dirs.workspace,
  ];
  return spawn(CODE_SERVER, args, { detached: true, stdio: ['ignore', logFile, logFile] });
}

/** Stops code-server, its extension host and the language server: the whole process group. */
async function stopCodeServer(child) {
  if (!child || child.exitCode !== null) return;
  const signalGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  for (let i = 0; i < 30 && groupAlive(child.pid); i++) await sleep(100);
  signalGroup('SIGKILL');
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForHttp(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`code-server did not answer on port ${port} within ${timeoutMs / 1000} s`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a truthy value; fails with `what` after timeoutMs. */
async function until(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

// ---------------------------------------------------------------- page helpers

/** Screen rectangle of the first occurrence of `word` in the editor's rendered text. */
function rectOfText(page, word) {
  return page.evaluate(
    ({ selector, word }) => {
      const root = document.querySelector(`${selector} .view-lines`);
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(word);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return null;
    },
    { selector: EDITOR, word },
  );
}

/** Rectangles of every squiggle (diagnostic underline) drawn in the editor. */
function squiggleRects(page) {
  return page.evaluate((selector) => {
    return [...document.querySelectorAll(`${selector} [class*="squiggly-"]`)].map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
  }, EDITOR);
}

/** True when a squiggle is drawn under `word` (same line, overlapping columns). */
async function squiggleUnder(page, word) {
  const target = await rectOfText(page, word);
  if (!target) return false;
  const squiggles = await squiggleRects(page);
  return squiggles.some(
    (s) =>
      s.x < target.x + target.width &&
      target.x < s.x + s.width &&
      Math.abs(s.y + s.height / 2 - (target.y + target.height / 2)) < target.height,
  );
}

async function editorText(page) {
  const text = await page.locator(`${EDITOR} .view-lines`).first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

async function problemsText(page) {
  const rows = page.locator('.markers-panel .monaco-list-row');
  return (await rows.allInnerTexts()).join('\n');
}

/** The status-bar item of the extension: its text and whether it shows the error icon. */
async function statusItem(page) {
  const item = page.locator('.statusbar-item').filter({ hasText: /^\s*rolint/ }).first();
  if ((await item.count()) === 0) return { text: '', error: false, running: false };
  return {
    text: (await item.innerText()).replace(/\s+/g, ' ').trim(),
    error: (await item.locator('.codicon-error').count()) > 0 && !(await item.locator('.codicon-check').count()),
    running: (await item.locator('.codicon-check').count()) > 0,
  };
}

async function failIfServerError(page) {
  const status = await statusItem(page);
  if (!status.error) return;
  // The extension's own message (with the install-help button) should be among the
  // notifications; toasts of an unfocused page hide quickly, so read the list.
  await sleep(2000);
  await page.locator('#status\\.notifications').click().catch(() => undefined);
  const ours = page
    .locator('.notifications-center .notification-list-item')
    .filter({ hasText: /rolint nu a pornit|rolint nu este instalat/ });
  await ours.first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => undefined);
  const message = (await ours.allInnerTexts()).join(' | ').replace(/\s+/g, ' ');
  throw new Error(
    `the rolint server is in the error state (status bar "${status.text}"); ` +
      `the extension says: ${message || '(no message from the extension)'}`,
  );
}

// ---------------------------------------------------------------- the checks

async function openArticle(page) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  log('workbench loaded');
  const item = page.getByRole('treeitem', { name: 'articol.txt' });
  await item.waitFor({ timeout: 30000 });
  await item.dblclick();
  await until('articol.txt to show in the editor', 20000, async () => (await editorText(page)).includes('Citește și'));
  log('articol.txt open');
}

async function expectInitialSquiggles(page) {
  // The three planted errors: a cedilla ţ, the typo „catalgat”, a repeated related headline.
  const targets = ['ţara', 'catalgat', 'maratonul'];
  await until(`squiggles under ${targets.join(', ')}`, 90000, async () => {
    await failIfServerError(page);
    const found = await Promise.all(targets.map((w) => squiggleUnder(page, w)));
    return found.every(Boolean);
  });
  log(`squiggles under ${targets.join(', ')}`);
  const status = await until('the status bar to show the running server', 10000, async () => {
    const s = await statusItem(page);
    return s.running ? s : null;
  });
  log(`status bar: "${status.text}"`);
}

async function expectProblemsPanel(page) {
  await page.keyboard.press('Control+Shift+M');
  const wanted = ['diacritics/cedilla', 'spelling/typo', 'related/duplicate-headline'];
  const text = await until(`the Problems panel to list ${wanted.join(', ')}`, 20000, async () => {
    const t = await problemsText(page);
    return wanted.every((w) => t.includes(w)) && t.includes('rolint') ? t : null;
  });
  const rows = text.split('\n').filter((l) => l.includes('rolint'));
  log(`Problems panel lists rolint's findings:\n    ${rows.join('\n    ')}`);
}

async function expectHover(page) {
  const rect = await rectOfText(page, 'catalgat');
  // Playwright's hover() times out over Monaco's text layer: move the mouse instead.
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  const hover = page.locator('.monaco-hover').filter({ hasText: 'spelling/typo' });
  await hover.first().waitFor({ state: 'visible', timeout: 15000 });
  const text = (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
  log(`hover on „catalgat”: ${text.slice(0, 160)}`);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
}

async function typeNewError(page) {
  const before = (await squiggleRects(page)).length;
  await page.locator(`${EDITOR} .view-lines`).first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  // Another cedilla: „sfârşitul” with ş (U+015F).
  await page.keyboard.type('Vremea rămâne frumoasă până la sfârşitul săptămânii.', { delay: 10 });
  await until('a squiggle under the typed „sfârşitul”', 30000, () => squiggleUnder(page, 'sfârşitul'));
  log(`typed a new cedilla word: squiggle appeared (${before} → ${(await squiggleRects(page)).length} squiggles)`);
}

async function applyQuickFix(page) {
  const rect = await rectOfText(page, 'ţara');
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await page.keyboard.press('Control+Period');
  const menu = page.locator('.action-widget');
  try {
    await menu.waitFor({ state: 'visible', timeout: 5000 });
  } catch {
    // Some keyboard layouts or browsers eat Ctrl+.: use the lightbulb instead.
    await page.locator('.lightBulbWidget, .codicon-light-bulb').first().click();
    await menu.waitFor({ state: 'visible', timeout: 10000 });
  }
  const options = menu.locator('.monaco-list-row');
  const titles = await options.allInnerTexts();
  log(`quick fixes offered: ${titles.map((t) => t.trim()).join(' | ')}`);
  // The fix for the cedilla proposes the comma-below letter (ț).
  const index = titles.findIndex((t) => t.includes('ț') && !/vocabular/i.test(t));
  if (index < 0) throw new Error(`no quick fix offering „ț” in: ${titles.join(' | ')}`);
  await options.nth(index).click();
  await until('the quick fix to change „ţara” into „țara”', 15000, async () => {
    const text = await editorText(page);
    return text.includes('toată țara') && !text.includes('ţara');
  });
  log(`quick fix applied: „${titles[index].trim()}” turned „ţara” into „țara”`);
}

async function checkWorkspace(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill('>rolint: Verifică tot');
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Verifică tot spațiul de lucru' });
  await row.first().waitFor({ state: 'visible', timeout: 10000 });
  await row.first().click();
  // anunt.md was never opened: only the workspace check can report its cedilla „obişnuit”.
  await until('the Problems panel to list anunt.md after rolint: Verifică tot spațiul de lucru', 30000, async () =>
    (await problemsText(page)).includes('anunt.md'),
  );
  log('rolint.checkWorkspace: Problems lists anunt.md (a file never opened)');
}

function dumpLogs(dirs) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/rolint/i.test(entry.name) && entry.name.endsWith('.log')) files.push(full);
    }
  };
  try {
    walk(path.join(dirs.userData, 'logs'));
  } catch {
    return;
  }
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    console.log(`---- ${file} (last 40 lines)\n${lines.slice(-40).join('\n')}`);
    fs.copyFileSync(file, path.join(OUT, 'rolint-output.log'));
  }
}

// ---------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  const dirs = prepareDirs(port);
  log(`${BROKEN ? 'NEGATIVE run (server broken on purpose)' : 'run'}; temp dir ${dirs.root}`);
  installExtension(dirs);
  log('extension installed');
  const server = startCodeServer(dirs);
  let browser;
  let page;
  let failed = false;
  try {
    await waitForHttp(port, 60000);
    log(`code-server up on port ${port}`);
    browser = await chromium.launch({
      executablePath: process.env.ROLINT_E2E_CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await openArticle(page);
    await expectInitialSquiggles(page);
    await expectProblemsPanel(page);
    await expectHover(page);
    await typeNewError(page);
    await applyQuickFix(page);
    await checkWorkspace(page);
    const shot = path.join(OUT, 'screenshot.png');
    await page.screenshot({ path: shot });
    log(`screenshot: ${shot}`);
  } catch (error) {
    failed = true;
    console.error(`E2E FAILED: ${error.message}`);
    if (page) {
      const shot = path.join(OUT, 'failure.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`failure screenshot: ${shot}`);
    }
    dumpLogs(dirs);
    console.error(`code-server log: ${path.join(OUT, 'code-server.log')}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopCodeServer(server);
    fs.rmSync(dirs.root, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`e2e: took ${seconds} s`);
  console.log(failed ? 'e2e: 0 passed, 1 failed' : 'e2e: 1 passed, 0 failed');
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
