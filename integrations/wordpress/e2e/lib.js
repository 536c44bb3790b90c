'use strict';
// Helpers shared by rest.js and browser.js: REST and XML-RPC calls as a given user (with
// the application passwords wp-setup.php made), a look inside WordPress (wp-run.php),
// the test's state between its phases, and small checks that say what they saw.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const WP_URL = need('ROLINT_WP_URL');
const USERS = JSON.parse(fs.readFileSync(need('ROLINT_WP_USERS'), 'utf8'));
const WP_DIR = need('ROLINT_WP_DIR');
const STATE = need('ROLINT_WP_STATE');
const OUT = need('ROLINT_WP_E2E_OUT');
const SERVE_LOG = need('ROLINT_SERVE_LOG');

function need(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through run.sh`);
  return value;
}

let failures = 0;
let passes = 0;

/** Records one check; a failed one is printed with what was seen, and the run goes on. */
function check(what, ok, seen) {
  if (ok) {
    passes++;
    console.log(`  ok   ${what}`);
  } else {
    failures++;
    console.log(`  FAIL ${what}\n       seen: ${typeof seen === 'string' ? seen : JSON.stringify(seen)}`.slice(0, 2000));
  }
  return ok;
}

/** Prints the tally and sets the exit code. */
function finish(phase) {
  console.log(`[${phase}] ${passes} checks passed, ${failures} failed`);
  process.exitCode = failures ? 1 : 0;
}

function authHeader(user) {
  const u = USERS[user];
  return 'Basic ' + Buffer.from(`${user}:${u.app_password}`).toString('base64');
}

/** A REST call as `user`; answers {status, body}. */
async function rest(user, method, route, body) {
  const res = await fetch(`${WP_URL}/wp-json${route}`, {
    method,
    headers: {
      ...(user ? { Authorization: authHeader(user) } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { unparsed: text.slice(0, 500) };
  }
  return { status: res.status, body: parsed };
}

function xmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlValue(v) {
  if (v instanceof Date) {
    const iso = v.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    return `<dateTime.iso8601>${iso}</dateTime.iso8601>`;
  }
  if (typeof v === 'number') return `<int>${v}</int>`;
  if (typeof v === 'boolean') return `<boolean>${v ? 1 : 0}</boolean>`;
  if (typeof v === 'object') {
    const members = Object.entries(v)
      .map(([k, x]) => `<member><name>${k}</name><value>${xmlValue(x)}</value></member>`)
      .join('');
    return `<struct>${members}</struct>`;
  }
  return `<string>${xmlEscape(v)}</string>`;
}

function xmlUnescape(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'").replace(/&amp;/g, '&');
}

/**
 * An XML-RPC call as `user` (application password); answers {fault, code, value, raw}:
 * fault is the fault string (decoded) or null, code the fault code, value the answer as
 * text. `where` places the credentials as the method expects: 'blog' (blog id, user,
 * password, ...params: wp.*, metaWeblog.newPost), 'post' (params[0], user, password,
 * ...rest: metaWeblog.editPost, mt.publishPost), 'page' (blog id, params[0], user,
 * password, ...rest: wp.editPage), 'blogger' (app key, blog id, user, password, ...params).
 * `user` may be {login, password} for other credentials.
 */
async function xmlrpc(user, method, params, where = 'blog') {
  const creds = typeof user === 'object' ? [user.login, user.password] : [user, USERS[user].app_password];
  const all = where === 'blogger' ? ['', 1, ...creds, ...params]
    : where === 'post' ? [params[0], ...creds, ...params.slice(1)]
    : where === 'page' ? [1, params[0], ...creds, ...params.slice(1)]
    : [1, ...creds, ...params];
  const xml = `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>` +
    all.map((p) => `<param><value>${xmlValue(p)}</value></param>`).join('') + '</params></methodCall>';
  const res = await fetch(`${WP_URL}/xmlrpc.php`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: xml });
  const text = await res.text();
  const isFault = /<fault>/.test(text);
  const fault = isFault ? xmlUnescape((text.match(/<string>([\s\S]*?)<\/string>/) || [])[1] || text) : null;
  const code = isFault ? Number((text.match(/<name>faultCode<\/name>\s*<value>\s*<int>(-?\d+)<\/int>/) || [])[1]) : null;
  const value = (text.match(/<params>\s*<param>\s*<value>\s*(?:<(?:string|int|boolean)>)?([\s\S]*?)(?:<\/(?:string|int|boolean)>)?\s*<\/value>/) || [])[1];
  return { fault, code, value: value === undefined ? null : value.trim(), raw: text };
}

/** What WordPress holds for a post, beyond REST: status, rolint meta, autosave. */
function inspect(id, command = 'post') {
  return JSON.parse(execFileSync('php', [path.join(__dirname, 'wp-run.php'), WP_DIR, command, String(id)], { encoding: 'utf8' }));
}

/** Every post (any status, auto-drafts too) with this exact title: [{id, status}]. */
function titled(title) {
  return JSON.parse(execFileSync('php', [path.join(__dirname, 'wp-run.php'), WP_DIR, 'titled', '0', title], { encoding: 'utf8' }));
}

function setMeta(id, key, value) {
  execFileSync('php', [path.join(__dirname, 'wp-run.php'), WP_DIR, 'meta', String(id), key, value]);
}

function setSetting(name, value) {
  return JSON.parse(execFileSync('php', [path.join(__dirname, 'wp-run.php'), WP_DIR, 'setting', name, String(value)], { encoding: 'utf8' }));
}

function loadState() {
  return fs.existsSync(STATE) ? JSON.parse(fs.readFileSync(STATE, 'utf8')) : {};
}

function saveState(state) {
  fs.writeFileSync(STATE, JSON.stringify(state, null, 2));
}

/** The audit lines rolint serve logged for overrides. */
function auditLines() {
  return fs.readFileSync(SERVE_LOG, 'utf8').split('\n').filter(Boolean)
    .map((l) => { try { return JSON.parse(l); } catch { return null; } })
    .filter((l) => l && l.event === 'override');
}

module.exports = { WP_URL, USERS, OUT, check, finish, rest, xmlrpc, inspect, titled, setMeta, setSetting, loadState, saveState, auditLines };
