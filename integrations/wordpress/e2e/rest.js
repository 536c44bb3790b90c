'use strict';
// The server-side gates, driven through WordPress's own doors: the REST API (which the
// block editor uses), XML-RPC (a classic path: wp_insert_post_data) and cron's publisher.
//
//   node rest.js up      rolint serve running: refusals, fixes, overrides, schedules
//   node rest.js slow    rolint serve paused: publishing refused after the timeout
//   node rest.js down    rolint serve stopped: publishing refused, "service unavailable"
//   node rest.js again   rolint serve started again: publishing works
//
// Run by run.sh, which starts and stops everything.

const A = require('./articles.js');
const { check, finish, rest, xmlrpc, inspect, setSetting, loadState, saveState, auditLines } = require('./lib.js');

const tomorrow = () => new Date(Date.now() + 24 * 3600 * 1000);
const fields = (a) => ({ title: a.title, excerpt: a.excerpt, content: a.content });

async function draft(user, article, type = 'posts') {
  const r = await rest(user, 'POST', `/wp/v2/${type}`, { ...fields(article), status: 'draft' });
  if (r.status !== 201) throw new Error(`could not create a draft: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

const messageOf = (r) => (r.body && r.body.message) || '';
const codeOf = (r) => r.body && r.body.code;

async function refusedWithReasons() {
  console.log('REST: an article with cedilla letters and a duplicated related headline');
  const id = await draft('reporter', A.blocked);
  check('a draft is saved unchecked (drafts are not gated)', inspect(id).status === 'draft');
  const r = await rest('reporter', 'POST', `/wp/v2/posts/${id}`, { status: 'publish' });
  check('publish → 422 rolint_blocked', r.status === 422 && codeOf(r) === 'rolint_blocked', r);
  const msg = messageOf(r);
  check('the message lists rolint\'s reasons in plain text (cedilla, duplicated headline)',
    msg.includes('diacritics/cedilla') && msg.includes('related/duplicate-headline') && !/<[a-z]/i.test(msg), msg);
  const findings = (r.body.data && r.body.data.findings) || [];
  check('the findings carry the offending text and the suggestion',
    findings.some((f) => f.rule === 'diacritics/cedilla' && f.text === 'ţ' && f.suggestion === 'ț' && f.blocking), findings);
  check('the duplicated headline is named in the findings',
    findings.some((f) => f.rule === 'related/duplicate-headline' && f.blocking), findings);
  check('the post is still a draft', inspect(id).status === 'draft', inspect(id));
  return { id, refusal: r.body.data };
}

async function authorCannotOverride(id, refusal) {
  console.log('REST: an Author asks to publish over the block');
  const override = { reason: 'Corectez după publicare.', content_hash: refusal.content_hash, fingerprints: refusal.blocking_fingerprints };
  const r = await rest('reporter', 'POST', `/wp/v2/posts/${id}`, { status: 'publish', meta: { rolint_override: override } });
  check('→ 403 rolint_override_forbidden', r.status === 403 && codeOf(r) === 'rolint_override_forbidden', r);
  check('the post is still a draft, no audit record', inspect(id).status === 'draft' && inspect(id).audit.length === 0, inspect(id));
}

async function editorOverrides(id, refusal) {
  console.log('REST: an Editor publishes over the block with a written reason');
  const stale = await rest('redactor', 'POST', `/wp/v2/posts/${id}`, {
    status: 'publish',
    meta: { rolint_override: { reason: 'Aprob.', content_hash: 'sha256:00', fingerprints: ['altceva'] } },
  });
  check('an override for other text → 409 rolint_override_stale', stale.status === 409 && codeOf(stale) === 'rolint_override_stale', stale);
  const before = auditLines().length;
  const reason = 'Citatul din comunicatul primăriei se păstrează exact cum a fost trimis.';
  const override = { reason, content_hash: refusal.content_hash, fingerprints: refusal.blocking_fingerprints };
  const r = await rest('redactor', 'POST', `/wp/v2/posts/${id}`, { status: 'publish', meta: { rolint_override: override } });
  check('→ 200, published', r.status === 200 && r.body.status === 'publish', r);
  const post = inspect(id);
  const record = post.audit[0] || {};
  check('post meta keeps the reason, the user and the content hash',
    record.user === 'redactor' && record.reason === reason && record.content_hash === refusal.content_hash, post.audit);
  check('the override request meta is emptied after the save', !post.request || !post.request.reason, post.request);
  const lines = auditLines().slice(before);
  check('rolint serve logged the audit line (event override, user, reason)',
    lines.some((l) => l.user === 'redactor' && l.reason === reason), lines);
  console.log(`       audit line: ${JSON.stringify(lines[lines.length - 1])}`);
  const slug = await rest('redactor', 'POST', `/wp/v2/posts/${id}`, { slug: 'parcul-de-langa-lac' });
  check('an update that leaves the overridden text as it was needs no new reason', slug.status === 200, slug);
  const edit = await rest('redactor', 'POST', `/wp/v2/posts/${id}`, { content: A.blocked.content + '\n<p>Lucrările au costat mai mult decât s-a estimat iniţial.</p>' });
  check('new text in the overridden post is checked again → 422', edit.status === 422, edit);
}

async function fixedPublishes() {
  console.log('REST: the fixed article publishes');
  const id = await draft('reporter', A.blocked);
  const r = await rest('reporter', 'POST', `/wp/v2/posts/${id}`, { ...fields(A.fixed), status: 'publish' });
  check('fixed text + publish → 200, published', r.status === 200 && r.body.status === 'publish', r);
  const live = await rest('reporter', 'POST', `/wp/v2/posts/${id}`, { content: A.blocked.content });
  check('an update of the published post bringing the mistakes back → 422', live.status === 422 && codeOf(live) === 'rolint_blocked', live);
  check('the published version stays as it was', inspect(id).content === A.fixed.content);
  const autosave = await rest('reporter', 'POST', `/wp/v2/posts/${id}/autosaves`, { content: A.blocked.content });
  const after = inspect(id);
  check('the block editor\'s autosave of that text is kept (a revision), the live post is untouched',
    autosave.status === 200 && after.autosave && after.autosave.content === A.blocked.content && after.content === A.fixed.content && after.status === 'publish', [autosave.status, after]);
  const fresh = await rest('reporter', 'POST', '/wp/v2/posts', { ...fields(A.clean), status: 'publish' });
  check('a clean new article published in one request → 201', fresh.status === 201 && fresh.body.status === 'publish', fresh);
}

async function otherStatusesAndTypes() {
  console.log('REST: scheduled, private, pages');
  const future = await rest('reporter', 'POST', '/wp/v2/posts', { ...fields(A.blocked), status: 'future', date: tomorrow().toISOString().slice(0, 19) });
  check('scheduling a blocked article → 422', future.status === 422 && codeOf(future) === 'rolint_blocked', future);
  const futureByDate = await rest('reporter', 'POST', '/wp/v2/posts', { ...fields(A.blocked), status: 'publish', date: tomorrow().toISOString().slice(0, 19) });
  check('publish with a future date (scheduling) of a blocked article → 422', futureByDate.status === 422, futureByDate);
  const okFuture = await rest('reporter', 'POST', '/wp/v2/posts', { ...fields(A.clean), status: 'future', date: tomorrow().toISOString().slice(0, 19) });
  check('scheduling a clean article → 201 future', okFuture.status === 201 && okFuture.body.status === 'future', okFuture);
  const priv = await rest('redactor', 'POST', '/wp/v2/posts', { ...fields(A.blocked), status: 'private' });
  check('private publication of a blocked article → 422', priv.status === 422, priv);
  const page = await rest('redactor', 'POST', '/wp/v2/pages', { ...fields(A.blocked), status: 'publish' });
  check('a blocked page (rest_pre_insert_page) → 422', page.status === 422 && codeOf(page) === 'rolint_blocked', page);
}

async function classicPath() {
  console.log('XML-RPC (classic path, wp_insert_post_data)');
  const post = (a, status, extra = {}) => ({ post_type: 'post', post_status: status, post_title: a.title, post_excerpt: a.excerpt, post_content: a.content, ...extra });
  const r = await xmlrpc('reporter', 'wp.newPost', [post(A.blockedExcerpt, 'publish')]);
  const id = Number(r.value);
  check('wp.newPost publish of a blocked article is saved…', !r.fault && id > 0, r.raw);
  const saved = inspect(id);
  check('…as a draft, with rolint\'s reasons kept on the post',
    saved.status === 'draft' && saved.last_check.verdict === 'block' && saved.last_check.reasons.some((x) => x.includes('excerpt')), saved);
  const sched = await xmlrpc('reporter', 'wp.newPost', [post(A.blocked, 'future', { post_date: tomorrow() })]);
  check('wp.newPost scheduling a blocked article → kept a draft', inspect(Number(sched.value)).status === 'draft', [sched.raw, inspect(Number(sched.value))]);
  const ok = await xmlrpc('reporter', 'wp.newPost', [post(A.clean, 'publish')]);
  const okId = Number(ok.value);
  check('wp.newPost of a clean article → published', inspect(okId).status === 'publish', inspect(okId));
  const edit = await xmlrpc('reporter', 'wp.editPost', [okId, { post_content: A.blocked.content }]);
  const live = inspect(okId);
  check('wp.editPost bringing mistakes into a published post: the live version stays, the edit is kept as an autosave',
    !edit.fault && live.status === 'publish' && live.content === A.clean.content && live.autosave && live.autosave.content === A.blocked.content, live);
}

async function checkRoute() {
  console.log('The editor panel\'s route, rolint/v1/check');
  const id = await draft('reporter', A.blocked);
  const anon = await rest(null, 'POST', '/rolint/v1/check', { post_id: id, ...fields(A.blocked) });
  check('without a logged-in user → 401', anon.status === 401, anon);
  const other = await rest('reporter', 'POST', '/rolint/v1/check', { post_id: 1, ...fields(A.blocked) });
  check('an Author on someone else\'s published post → 403', other.status === 403, other);
  const r = await rest('reporter', 'POST', '/rolint/v1/check', { post_id: id, ...fields(A.blocked) });
  check('the author of the draft gets the verdict and the findings', r.status === 200 && r.body.verdict === 'block' && r.body.findings.length >= 3, r);
  check('the service token never reaches the client', !JSON.stringify(r.body).includes(process.env.ROLINT_E2E_TOKEN), r.body);
}

// WordPress schedules only dates at least a minute ahead: this runs first, and cron is
// fired in the "down" phase, after the browser part, when it is due.
async function scheduleForCron(state) {
  const soon = new Date(Date.now() + 62000);
  const r = await rest('reporter', 'POST', '/wp/v2/posts', { ...fields(A.clean), status: 'future', date_gmt: soon.toISOString().slice(0, 19) });
  check('a clean article scheduled 62 s from now (for cron, later)', r.status === 201 && r.body.status === 'future', r);
  state.cronPost = r.body.id;
  state.cronAt = soon.getTime();
  state.retryDraft = await draft('reporter', A.clean);
}

async function up() {
  const state = loadState();
  await scheduleForCron(state);
  const { id, refusal } = await refusedWithReasons();
  await authorCannotOverride(id, refusal);
  await editorOverrides(id, refusal);
  await fixedPublishes();
  await otherStatusesAndTypes();
  await classicPath();
  await checkRoute();
  saveState(state);
}

async function slow() {
  const state = loadState();
  console.log('rolint serve paused (accepts connections, never answers), timeout 2 s');
  setSetting('timeout', 2);
  try {
    const started = Date.now();
    const r = await rest('reporter', 'POST', `/wp/v2/posts/${state.retryDraft}`, { status: 'publish' });
    const seconds = (Date.now() - started) / 1000;
    check('REST publish → 503 "service unavailable" after the timeout',
      r.status === 503 && messageOf(r).includes('service unavailable') && /timed out/i.test(messageOf(r)), r);
    console.log(`       answered in ${seconds.toFixed(1)} s: ${messageOf(r)}`);
    check('WordPress waited about the configured timeout, not more', seconds >= 1.9 && seconds < 10, seconds);
    check('nothing published', inspect(state.retryDraft).status === 'draft');
  } finally {
    setSetting('timeout', 10);
  }
}

async function down() {
  const state = loadState();
  console.log('rolint serve stopped');
  const r = await rest('reporter', 'POST', `/wp/v2/posts/${state.retryDraft}`, { status: 'publish' });
  check('REST publish → 503 with the "service unavailable" message', r.status === 503 && codeOf(r) === 'rolint_unavailable' && messageOf(r).includes('service unavailable'), r);
  console.log(`       message: ${messageOf(r)}`);
  check('nothing published', inspect(state.retryDraft).status === 'draft');
  const x = await xmlrpc('reporter', 'wp.newPost', [{ post_type: 'post', post_status: 'publish', post_title: A.clean.title, post_content: A.clean.content }]);
  check('XML-RPC publish → kept a draft', inspect(Number(x.value)).status === 'draft', x.raw);
  const route = await rest('reporter', 'POST', '/rolint/v1/check', { post_id: state.retryDraft, ...fields(A.clean) });
  check('the editor panel\'s route → 503 "service unavailable"', route.status === 503 && messageOf(route).includes('service unavailable'), route);
  const wait = Math.max(0, state.cronAt + 1500 - Date.now());
  if (wait) console.log(`       waiting ${Math.round(wait / 1000)} s until the scheduled post is due`);
  await new Promise((ok) => setTimeout(ok, wait));
  const cron = inspect(state.cronPost, 'cron');
  check('cron\'s publisher for a due scheduled post: it stays scheduled and is retried later', cron.status === 'future' && cron.scheduled > 0, cron);
  await failOpen();
}

async function failOpen() {
  console.log('rolint serve stopped, fail-open configured');
  setSetting('fail_open', 1);
  try {
    const id = await draft('reporter', A.blocked);
    const r = await rest('reporter', 'POST', `/wp/v2/posts/${id}`, { status: 'publish' });
    const post = inspect(id);
    check('publishing goes ahead unchecked, and the post says so', r.status === 200 && post.status === 'publish' && post.last_check.verdict === 'unchecked', [r.status, post]);
    const route = await rest('reporter', 'POST', '/rolint/v1/check', { post_id: id, ...fields(A.blocked) });
    check('the editor panel is told "unchecked"', route.status === 200 && route.body.verdict === 'unchecked', route);
  } finally {
    setSetting('fail_open', 0);
  }
}

async function again() {
  const state = loadState();
  console.log('rolint serve started again');
  const r = await rest('reporter', 'POST', `/wp/v2/posts/${state.retryDraft}`, { status: 'publish' });
  check('REST publish of the same article → 200, published', r.status === 200 && r.body.status === 'publish', r);
  const cron = inspect(state.cronPost, 'cron');
  check('cron publishes the scheduled post', cron.status === 'publish', cron);
}

const phases = { up, slow, down, again };
const phase = process.argv[2];
if (!phases[phase]) {
  console.error('usage: node rest.js up|slow|down|again');
  process.exit(2);
}
phases[phase]().then(() => finish(`rest ${phase}`), (err) => {
  console.error(err);
  process.exitCode = 1;
});
