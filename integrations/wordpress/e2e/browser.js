'use strict';
// The editors' side in headless Chromium (Debian's chromium, driven by playwright-core):
//   - block editor, as the Author: open the post, click Publish → rolint's pre-publish panel
//     lists the findings and Publish stays locked; fix the text → it unlocks and the post
//     goes out;
//   - classic editor (wp_insert_post_data): the Author's Publish is refused with the reasons
//     in an admin notice; an Editor publishes over the block with a reason from the rolint box;
//   - Quick Edit: setting a blocked draft to Published leaves it a draft.
// Screenshots go to $ROLINT_WP_E2E_OUT and their paths are printed.

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const A = require('./articles.js');
const { WP_URL, USERS, OUT, check, finish, rest, inspect, setMeta, auditLines } = require('./lib.js');

const shots = [];
async function shot(page, name) {
  const file = path.join(OUT, `${String(shots.length + 1).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  shots.push(file);
  console.log(`       screenshot: ${file} (${fs.statSync(file).size} bytes)`);
}

const sessions = new Map();

/** A new page for `user`, logged in at wp-login.php once per user (one browser context each). */
async function login(browser, user) {
  let context = sessions.get(user);
  if (!context) {
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ro-RO' });
    sessions.set(user, context);
    const page = await context.newPage();
    page.setDefaultTimeout(60000); // the machine may be busy: WordPress pages can take seconds
    await page.goto(`${WP_URL}/wp-login.php`);
    await page.fill('#user_login', user);
    await page.fill('#user_pass', USERS[user].password);
    await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
    return page;
  }
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  return page;
}

async function openBlockEditor(page, id) {
  const started = Date.now();
  await page.goto(`${WP_URL}/wp-admin/post.php?post=${id}&action=edit`);
  await page.waitForSelector('.edit-post-layout');
  // The welcome guide opens on a user's first visit: close it as a person would.
  const guide = page.locator('.edit-post-welcome-guide');
  if (await guide.isVisible({ timeout: 3000 }).catch(() => false)) {
    await guide.getByRole('button', { name: 'Close' }).click();
  }
  await page.waitForSelector('.editor-post-title__input');
  console.log(`       (block editor ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Replaces the whole text of a rich-text field with `text`, typing like a person. */
async function retype(page, locator, text) {
  await locator.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 5 });
}

async function blockEditor(browser) {
  console.log('Block editor (headless Chromium), as the Author');
  const created = await rest('reporter', 'POST', '/wp/v2/posts', { title: A.editor.title, content: A.editor.content, status: 'draft' });
  const id = created.body.id;
  const page = await login(browser, 'reporter');
  await openBlockEditor(page, id);
  check('the editor page does not hold the service token', !(await page.content()).includes(process.env.ROLINT_E2E_TOKEN));
  const withoutNonce = await page.evaluate(async (postId) => (await fetch('/wp-json/rolint/v1/check', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ post_id: postId }),
  })).status, id);
  check('the panel\'s route refuses the logged-in browser without the REST nonce', withoutNonce === 401 || withoutNonce === 403, withoutNonce);

  await page.click('.editor-post-publish-panel__toggle');
  const panel = page.locator('.rolint-panel');
  await panel.waitFor();
  await page.locator('.rolint-panel[data-verdict="block"]').waitFor();
  const findings = await page.$$eval('.rolint-finding', (items) => items.map((li) => ({
    field: li.dataset.field,
    rule: li.dataset.rule,
    blocking: li.dataset.blocking === '1',
    context: (li.querySelector('.rolint-context') || {}).textContent || '',
    text: (li.querySelector('.rolint-text') || {}).textContent || '',
    suggestion: (li.querySelector('.rolint-suggestion') || {}).textContent || '',
  })));
  const has = (pred) => findings.some(pred);
  check('the pre-publish panel lists the title\'s finding: offending text in context, suggestion',
    has((f) => f.field === 'title' && f.blocking && f.text === 'Ş' && f.context.includes('colile din') && f.suggestion.includes('„Ș”')), findings);
  check('… the body\'s cedilla finding',
    has((f) => f.field === 'body' && f.blocking && f.text === 'ş' && f.context.includes('Fiecare') && f.suggestion.includes('„ș”')), findings);
  check('… and the duplicated related headline',
    has((f) => f.field === 'body' && f.blocking && f.rule === 'related/duplicate-headline' && f.text.includes(A.editor.headline.slice(0, 20))), findings);
  const publish = page.locator('.editor-post-publish-panel .editor-post-publish-button');
  check('Publish stays locked', (await publish.getAttribute('aria-disabled')) === 'true');
  check('the lock is rolint\'s', await page.evaluate(() => wp.data.select('core/editor').isPostSavingLocked()));
  check('an Author is not offered the override', (await page.locator('.rolint-override').count()) === 0);
  await shot(page, 'block-editor-blocked');
  await publish.click({ force: true });
  await page.waitForTimeout(1000);
  check('clicking the locked Publish publishes nothing', inspect(id).status === 'draft', inspect(id).status);

  // Fix the text in the editor, as a person would: retype the title and the paragraph,
  // delete the repeated related headline.
  await retype(page, page.locator('.editor-post-title__input'), A.editor.titleFixed);
  await retype(page, page.locator('p.wp-block-paragraph', { hasText: 'Fiecare' }), A.editor.paragraphFixed);
  const items = page.locator('li.wp-block-list-item', { hasText: A.editor.headline.slice(0, 20) });
  await items.nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  const content = await page.evaluate(() => wp.data.select('core/editor').getEditedPostContent());
  check('the edited text holds the headline once and no cedilla',
    content.split(A.editor.headline).length === 2 && !/[şţŞŢ]/.test(content), content);

  await page.locator('.rolint-panel[data-verdict="publish"]').waitFor();
  check('after the fix the verdict is publish and Publish unlocks',
    (await publish.getAttribute('aria-disabled')) !== 'true' && !(await page.evaluate(() => wp.data.select('core/editor').isPostSavingLocked())));
  await shot(page, 'block-editor-fixed');
  await publish.click();
  await page.locator('.post-publish-panel__postpublish-header').waitFor();
  const post = inspect(id);
  check('the post goes out', post.status === 'publish' && post.title === A.editor.titleFixed, post);
  await shot(page, 'block-editor-published');
  await page.close();
}

/** Clicks the classic editor's Publish once the page is ready (WordPress disables the
 * button while an autosave runs) and waits for the page it redirects to. */
async function blockEditorOverride(browser) {
  console.log('Block editor, an Editor publishes over the block with a reason');
  const created = await rest('redactor', 'POST', '/wp/v2/posts', { ...A.blocked, status: 'draft' });
  const id = created.body.id;
  const page = await login(browser, 'redactor');
  await openBlockEditor(page, id);
  await page.click('.editor-post-publish-panel__toggle');
  await page.locator('.rolint-panel[data-verdict="block"]').waitFor();
  const publish = page.locator('.editor-post-publish-panel .editor-post-publish-button');
  check('blocked: Publish locked, the override form offered', (await publish.getAttribute('aria-disabled')) === 'true' &&
    (await page.locator('.rolint-override textarea').count()) === 1);
  const reason = 'Articolul reia comunicatul primăriei; îl corectăm după confirmarea datelor.';
  await page.fill('.rolint-override textarea', reason);
  await page.getByRole('button', { name: 'Aprobă publicarea cu acest motiv' }).click();
  await page.locator('.rolint-panel[data-locked="0"]').waitFor();
  check('after the approval Publish unlocks, the panel names the reason',
    (await publish.getAttribute('aria-disabled')) !== 'true' && (await page.locator('.rolint-panel').innerText()).includes(reason));
  await shot(page, 'block-editor-override');
  await publish.click();
  await page.locator('.post-publish-panel__postpublish-header').waitFor();
  const post = inspect(id);
  check('the post goes out, with the Editor\'s reason kept on it', post.status === 'publish' && post.audit.some((r) => r.user === 'redactor' && r.reason === reason), post);
  check('rolint serve logged the override', auditLines().some((l) => l.user === 'redactor' && l.reason === reason));

  // Now out: the Update button opens no pre-publish panel, the sidebar's rolint panel
  // shows the check instead; new mistakes → the server refuses the update.
  await page.locator('.editor-post-publish-panel__header button[aria-label="Close panel"]').click();
  const side = page.locator('.rolint-document-panel');
  const toggle = side.locator('.components-panel__body-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click(); // sidebar panels start closed
  await side.locator('.rolint-panel[data-verdict="block"]').waitFor();
  check('the sidebar of the published post shows the verdict and who approved it',
    (await side.innerText()).includes('Publicare aprobată de redactor'), await side.innerText());
  await page.locator('p.wp-block-paragraph', { hasText: 'Pe aleile noi' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Lucrările au fost recepţionate vineri.', { delay: 5 });
  await page.locator('.edit-post-sidebar__panel-tab', { hasText: 'Post' }).click(); // editing a block showed the Block tab
  await side.locator('.rolint-override').waitFor();
  check('new text in the published post: no approval for it, the override is offered again',
    !(await side.innerText()).includes('Publicare aprobată de'));
  await page.click('.editor-post-publish-button');
  // Read the notice the moment it shows: the editor's next autosave removes it again.
  const notice = await page.waitForFunction(() => [...document.querySelectorAll('.components-notice.is-error')]
    .map((n) => n.textContent).find((t) => t.includes('oprită de rolint')));
  await shot(page, 'block-editor-update-refused');
  check('Update is refused with rolint\'s reasons in the editor\'s notice', (await notice.jsonValue()).includes('diacritics/cedilla'), await notice.jsonValue());
  check('the published version stays as it was', !inspect(id).content.includes('recepţionate'));
  await page.close();
}

async function classicPublish(page, id) {
  await page.waitForLoadState('load');
  await page.waitForSelector('#publish:not(.disabled):not([disabled])');
  await Promise.all([
    page.waitForURL((u) => u.pathname.endsWith('/post.php') && u.searchParams.get('post') === String(id) && u.search.includes('action=edit')
      && (u.searchParams.has('message') || u.searchParams.has('rolint'))),
    page.click('#publish'),
  ]);
  await page.waitForSelector('#post');
}

async function classicEditor(browser) {
  console.log('Classic editor (wp_insert_post_data), the Author then an Editor');
  const created = await rest('reporter', 'POST', '/wp/v2/posts', { ...A.blockedExcerpt, status: 'draft' });
  const id = created.body.id;
  setMeta(id, 'e2e_classic', '1');
  const author = await login(browser, 'reporter');
  await author.goto(`${WP_URL}/wp-admin/post.php?post=${id}&action=edit`);
  await classicPublish(author, id);
  const notice = await author.locator('.rolint-notice').innerText().catch(() => '');
  check('Publish → an admin notice with rolint\'s reasons and the findings',
    notice.includes('nu a fost publicat') && notice.includes('diacritics/cedilla') && notice.includes('excerpt'), notice);
  check('no "Post published." notice', !(await author.locator('#message.updated').count()), await author.locator('#message').allInnerTexts());
  check('the post stays a draft', inspect(id).status === 'draft');
  check('the Author\'s rolint box has no override form', (await author.locator('#rolint textarea').count()) === 0);
  await shot(author, 'classic-editor-refused');
  await author.close();

  const editor = await login(browser, 'redactor');
  await editor.goto(`${WP_URL}/wp-admin/post.php?post=${id}&action=edit`);
  // The Author had the post open a moment ago: WordPress shows its post lock; take over.
  const takeOver = editor.locator('#post-lock-dialog a', { hasText: 'Take over' });
  if (await takeOver.isVisible({ timeout: 2000 }).catch(() => false)) {
    await Promise.all([editor.waitForNavigation(), takeOver.click()]);
  }
  const reason = 'Titlul bibliotecii e citat exact din decizia consiliului.';
  await editor.fill('#rolint-override-reason', reason);
  await classicPublish(editor, id);
  const post = inspect(id);
  check('an Editor with a reason in the rolint box publishes over the block', post.status === 'publish' && post.audit[0] && post.audit[0].reason === reason, post);
  check('rolint serve logged the classic override', auditLines().some((l) => l.user === 'redactor' && l.reason === reason));
  check('the rolint box now says who published over the block, with no override form',
    (await editor.locator('#rolint').innerText()).includes('Publicat peste blocare de redactor') && !(await editor.locator('#rolint textarea').count()));
  await shot(editor, 'classic-editor-override');
  await editor.close();
}

async function quickEdit(browser) {
  console.log('Quick Edit (admin-ajax inline-save → wp_insert_post_data)');
  const created = await rest('reporter', 'POST', '/wp/v2/posts', { ...A.blocked, title: 'Editare rapidă: ' + A.blocked.title, status: 'draft' });
  const id = created.body.id;
  const page = await login(browser, 'reporter');
  await page.goto(`${WP_URL}/wp-admin/edit.php`);
  const row = page.locator(`#post-${id}`);
  await row.hover();
  await row.locator('button.editinline').click();
  const form = page.locator(`#edit-${id}`);
  await form.locator('select[name="_status"]').selectOption('publish');
  await form.locator('button.save').click();
  await page.locator(`#post-${id}`).waitFor();
  await page.waitForTimeout(500);
  check('Quick Edit to Published leaves the blocked post a draft', inspect(id).status === 'draft', inspect(id));
  await page.close();
}

async function settingsPage(browser) {
  console.log('Settings → rolint, as the Administrator');
  const page = await login(browser, 'admin');
  await page.goto(`${WP_URL}/wp-admin/options-general.php?page=rolint`);
  const url = page.locator('#rolint-url');
  check('the service address pinned in wp-config.php is shown read-only',
    (await url.isDisabled()) && (await page.locator('.form-table').innerText()).includes('ROLINT_URL'));
  check('the token is not printed back into the page', !(await page.content()).includes(process.env.ROLINT_E2E_TOKEN));
  await page.fill('#rolint-timeout', '12');
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  check('a setting that is not pinned is saved from the page', (await page.locator('#rolint-timeout').inputValue()) === '12' &&
    (await page.locator('#setting-error-settings_updated').count()) === 1);
  await shot(page, 'settings-page');
  await page.close();
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.ROLINT_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const failed = async (err) => {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) await shot(page, 'failure').catch(() => {});
    }
    throw err;
  };
  const timed = async (part) => {
    const started = Date.now();
    await part(browser).catch(failed);
    console.log(`       (${part.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  try {
    await timed(blockEditor);
    await timed(blockEditorOverride);
    await timed(classicEditor);
    await timed(quickEdit);
    await timed(settingsPage);
  } finally {
    await browser.close();
  }
  console.log(`       screenshots: ${shots.length} in ${OUT}`);
}

main().then(() => finish('browser'), (err) => {
  console.error(err);
  process.exitCode = 1;
});
