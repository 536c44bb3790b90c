'use strict';
// The server-side gates, driven through WordPress's own doors: the REST API (which the
// block editor uses), XML-RPC (faults with the reasons: gate-xmlrpc.php) and cron's publisher.
//
//   node rest.js up      rolint serve running: refusals, fixes, overrides, schedules
//   node rest.js slow    rolint serve paused: publishing refused after the timeout
//   node rest.js down    rolint serve stopped: publishing refused, "service unavailable"
//   node rest.js again   rolint serve started again: publishing works
//
// Run by run.sh, which starts and stops everything.

const A = require('./articles.js');
const { check, finish, rest, xmlrpc, inspect, titled, setSetting, loadState, saveState, auditLines } = require('./lib.js');

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

// XML-RPC, as desktop and mobile blogging clients publish: a refusal is a fault with
// rolint's reasons (gate-xmlrpc.php) and nothing is written; drafts save as always.
const titledAs = (a, day) => ({ ...a, title: `${a.title} ${day}` });
const wpStruct = (a, status, extra = {}) => ({ post_type: 'post', post_status: status, post_title: a.title, post_excerpt: a.excerpt, post_content: a.content, ...extra });
const mwStruct = (a, extra = {}) => ({ title: a.title, description: a.content, mt_excerpt: a.excerpt, ...extra });
const isReasonsFault = (x) => x.code === 422 && x.fault.includes('Publicarea a fost oprită de rolint') && x.fault.includes('diacritics/cedilla') && !/<[a-z]/i.test(x.fault);

async function xmlrpcNewPost() {
  console.log('XML-RPC wp.newPost / wp.editPost');
  const bad = titledAs(A.blockedExcerpt, 'luni');
  const r = await xmlrpc('reporter', 'wp.newPost', [wpStruct(bad, 'publish')]);
  check('wp.newPost publish of a blocked article → fault 422 with rolint\'s reasons (cedilla, in the excerpt)',
    r.fault !== null && isReasonsFault(r) && r.fault.includes('excerpt'), r.raw);
  console.log(`       fault ${r.code}: ${r.fault}`);
  check('…and nothing was written (no post with that title, not even a draft)', titled(bad.title).length === 0, titled(bad.title));
  const sched = titledAs(A.blocked, 'marți');
  const s = await xmlrpc('reporter', 'wp.newPost', [wpStruct(sched, 'future', { post_date: tomorrow() })]);
  check('wp.newPost scheduling a blocked article → fault 422, nothing written', isReasonsFault(s) && titled(sched.title).length === 0, [s.raw, titled(sched.title)]);
  const priv = titledAs(A.blocked, 'miercuri');
  const p = await xmlrpc('redactor', 'wp.newPost', [wpStruct(priv, 'private')]);
  check('wp.newPost private publication of a blocked article → fault 422', isReasonsFault(p) && titled(priv.title).length === 0, p.raw);
  const d = await xmlrpc('reporter', 'wp.newPost', [wpStruct(bad, 'draft')]);
  const draftId = Number(d.value);
  check('wp.newPost of the same article as a draft → saved, a draft (drafts are not checked)', !d.fault && draftId > 0 && inspect(draftId).status === 'draft', d.raw);
  const e = await xmlrpc('reporter', 'wp.editPost', [draftId, { post_status: 'publish' }]);
  check('wp.editPost publishing that draft → fault 422; still a draft, the reasons kept on the post',
    isReasonsFault(e) && inspect(draftId).status === 'draft' && inspect(draftId).last_check.verdict === 'block', [e.raw, inspect(draftId)]);
  const save = await xmlrpc('reporter', 'wp.editPost', [draftId, { post_content: A.blocked.content }]);
  check('wp.editPost saving new text in the draft → true (a draft save still works)',
    !save.fault && save.value === '1' && inspect(draftId).content === A.blocked.content && inspect(draftId).status === 'draft', [save.raw, inspect(draftId)]);
  const good = titledAs(A.clean, 'joi');
  const ok = await xmlrpc('reporter', 'wp.newPost', [wpStruct(good, 'publish')]);
  const okId = Number(ok.value);
  check('wp.newPost of a clean article → its ID, published', !ok.fault && okId > 0 && inspect(okId).status === 'publish', [ok.raw, inspect(okId)]);
  const edit = await xmlrpc('reporter', 'wp.editPost', [okId, { post_content: A.blocked.content }]);
  const live = inspect(okId);
  check('wp.editPost bringing mistakes into the published post → fault 422; the live version stays as it was',
    isReasonsFault(edit) && live.status === 'publish' && live.content === A.clean.content, [edit.raw, live]);
  const fixedEdit = await xmlrpc('reporter', 'wp.editPost', [draftId, { post_status: 'publish', post_content: A.fixed.content, post_excerpt: '' }]);
  check('wp.editPost publishing the draft with the fixed text → true, published',
    !fixedEdit.fault && inspect(draftId).status === 'publish' && inspect(draftId).content === A.fixed.content, [fixedEdit.raw, inspect(draftId)]);
}

async function xmlrpcMetaWeblog() {
  console.log('XML-RPC metaWeblog.newPost / metaWeblog.editPost, wp.newPage, mt.publishPost');
  const bad = titledAs(A.blocked, 'vineri');
  const r = await xmlrpc('reporter', 'metaWeblog.newPost', [mwStruct(bad), true]);
  check('metaWeblog.newPost (publish = true) of a blocked article → fault 422 with the reasons (cedilla, duplicated headline), nothing written',
    isReasonsFault(r) && r.fault.includes('related/duplicate-headline') && titled(bad.title).length === 0, [r.raw, titled(bad.title)]);
  const d = await xmlrpc('reporter', 'metaWeblog.newPost', [mwStruct(bad), false]);
  const id = Number(d.value);
  check('metaWeblog.newPost (publish = false) → saved as a draft', !d.fault && id > 0 && inspect(id).status === 'draft', d.raw);
  const e = await xmlrpc('reporter', 'metaWeblog.editPost', [id, mwStruct(bad), true], 'post');
  check('metaWeblog.editPost (publish = true) of that draft → fault 422, still a draft', isReasonsFault(e) && inspect(id).status === 'draft', [e.raw, inspect(id)]);
  const more = await xmlrpc('reporter', 'metaWeblog.editPost', [id, mwStruct(A.fixed, { title: bad.title, mt_text_more: '<p>Intrarea în parc este liberă, iar paza a fost întărită pe timpul nopții.</p>' }), true], 'post');
  check('metaWeblog.editPost with the fixed text (and a "more" part) → true, published',
    !more.fault && more.value === '1' && inspect(id).status === 'publish' && inspect(id).content.includes('<!--more-->'), [more.raw, inspect(id)]);
  const moreBad = await xmlrpc('reporter', 'metaWeblog.editPost', [id, { mt_text_more: '<p>Paza a fost întărită pe timpul nopţii.</p>' }, true], 'post');
  check('metaWeblog.editPost with a cedilla only in the "more" part (mt_text_more) → fault 422, the live text stays',
    isReasonsFault(moreBad) && inspect(id).status === 'publish' && !inspect(id).content.includes('nopţii'), [moreBad.raw, inspect(id)]);
  const good = titledAs(A.clean, 'sâmbătă');
  const ok = await xmlrpc('reporter', 'metaWeblog.newPost', [mwStruct(good), true]);
  check('metaWeblog.newPost (publish = true) of a clean article → published', !ok.fault && inspect(Number(ok.value)).status === 'publish', [ok.raw]);
  const page = titledAs(A.blocked, 'duminică');
  const pg = await xmlrpc('redactor', 'wp.newPage', [mwStruct(page), true]);
  check('wp.newPage (publish = true) of a blocked page → fault 422, nothing written', isReasonsFault(pg) && titled(page.title).length === 0, [pg.raw, titled(page.title)]);
  const draft2 = await xmlrpc('reporter', 'metaWeblog.newPost', [mwStruct(titledAs(A.blocked, 'din nou')), false]);
  const pub = await xmlrpc('reporter', 'mt.publishPost', [Number(draft2.value)], 'post');
  check('mt.publishPost of a blocked draft → fault 422, still a draft', isReasonsFault(pub) && inspect(Number(draft2.value)).status === 'draft', [pub.raw, inspect(Number(draft2.value))]);
  const blogger = titledAs(A.blocked, 'prin Blogger');
  const bl = await xmlrpc('reporter', 'blogger.newPost', [`<title>${blogger.title}</title>${blogger.content}`, true], 'blogger');
  const kept = titled(blogger.title);
  check('blogger.newPost (not read in advance: the classic gate refuses what WordPress writes) → fault 422 with the reasons, saying the article was kept as a draft',
    isReasonsFault(bl) && bl.fault.endsWith('Articolul a fost păstrat ca ciornă.') && kept.length === 1 && kept[0].status === 'draft', [bl.raw, kept]);
  const wrongTitle = titledAs(A.blocked, 'cu parolă greșită');
  const wrong = await xmlrpc({ login: 'reporter', password: 'nu-e-parola' }, 'wp.newPost', [wpStruct(wrongTitle, 'publish')]);
  check('a wrong password → WordPress\'s own fault 403, not rolint\'s; nothing written',
    wrong.code === 403 && !wrong.fault.includes('rolint') && titled(wrongTitle.title).length === 0, wrong.raw);
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
  await xmlrpcNewPost();
  await xmlrpcMetaWeblog();
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
  const down = titledAs(A.clean, 'fără serviciu');
  const x = await xmlrpc('reporter', 'wp.newPost', [wpStruct(down, 'publish')]);
  check('XML-RPC wp.newPost publish → fault 503 "service unavailable", nothing written',
    x.code === 503 && (x.fault || '').includes('service unavailable') && titled(down.title).length === 0, [x.raw, titled(down.title)]);
  console.log(`       fault ${x.code}: ${x.fault}`);
  const mw = await xmlrpc('reporter', 'metaWeblog.newPost', [mwStruct(down), true]);
  check('XML-RPC metaWeblog.newPost publish → fault 503 "service unavailable"', mw.code === 503 && (mw.fault || '').includes('service unavailable'), mw.raw);
  const xd = await xmlrpc('reporter', 'wp.newPost', [wpStruct(down, 'draft')]);
  check('XML-RPC draft save → still works', !xd.fault && inspect(Number(xd.value)).status === 'draft', xd.raw);
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
    const x = await xmlrpc('reporter', 'wp.newPost', [wpStruct(titledAs(A.blocked, 'necontrolat'), 'publish')]);
    const xp = inspect(Number(x.value));
    check('XML-RPC wp.newPost publish goes ahead unchecked too', !x.fault && xp.status === 'publish' && xp.last_check.verdict === 'unchecked', [x.raw, xp]);
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
