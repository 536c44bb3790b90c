'use strict';
// The test articles, written for this test (Romanian news copy with the mistakes rolint
// must block: cedilla letters ş/ţ instead of ș/ț, and a related headline printed twice).

const para = (text) => `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->`;
const related = (items) =>
  para('Citește și') +
  '\n\n<!-- wp:list -->\n<ul>' +
  items.map(([href, text]) => `<li><a href="${href}">${text}</a></li>`).join('') +
  '</ul>\n<!-- /wp:list -->';

const HEADLINE = 'Pistele de biciclete vor lega parcul de centrul orașului';

/** Blocked: cedilla letters in title, excerpt and body, and a duplicated related headline. */
const blocked = {
  title: 'Parcul de lângă lac se deschide după doi ani de lucrări la aleile din Drumul Taberei',
  excerpt: 'Primăria promite că parcul va fi deschis la începutul lunii viitoare, după lucrări care au durat doi ani.',
  content: [
    para('Primăria a anunţat marţi că parcul de lângă lac va fi deschis publicului la începutul lunii viitoare.'),
    para('Pe aleile noi au fost plantați peste trei sute de arbori, iar locul de joacă a fost refăcut în întregime.'),
    related([
      ['/piste-biciclete', HEADLINE],
      ['/piste-biciclete-2', HEADLINE],
    ]),
  ].join('\n\n'),
};

/** The same article corrected: comma-below letters, the related headline once. */
const fixed = {
  title: blocked.title,
  excerpt: blocked.excerpt,
  content: [
    para('Primăria a anunțat marți că parcul de lângă lac va fi deschis publicului la începutul lunii viitoare.'),
    para('Pe aleile noi au fost plantați peste trei sute de arbori, iar locul de joacă a fost refăcut în întregime.'),
    related([['/piste-biciclete', HEADLINE]]),
  ].join('\n\n'),
};

/** Another blocked article, with a cedilla letter in its excerpt too (for the classic path). */
const blockedExcerpt = {
  title: 'Biblioteca județeană își prelungește programul în sesiunea de examene',
  excerpt: 'Sălile de lectură vor fi deschise până la miezul nopţii.',
  content: para('Biblioteca va primi cititori până la miezul nopţii, de luni până sâmbătă, în toată luna iunie.'),
};

/** Clean from the start. */
const clean = {
  title: 'Trenul de noapte spre litoral circulă din nou de vineri',
  excerpt: '',
  content: para('Compania feroviară a anunțat că trenul de noapte spre litoral va circula din nou de vineri, cu vagoane de dormit renovate.'),
};

/** For the block editor: cedilla in the title and the body, a headline repeated. */
const editor = {
  title: 'Şcolile din oraş primesc laboratoare noi de informatică',
  titleFixed: 'Școlile din oraș primesc laboratoare noi de informatică',
  paragraph: 'Fiecare şcoală va primi câte douăzeci de calculatoare până la începutul anului.',
  paragraphFixed: 'Fiecare școală va primi câte douăzeci de calculatoare până la începutul anului.',
  headline: 'Profesorii de informatică primesc cursuri gratuite în vacanță',
};
editor.content = [
  para(editor.paragraph),
  related([
    ['/cursuri-profesori', editor.headline],
    ['/cursuri-profesori-2', editor.headline],
  ]),
].join('\n\n');

module.exports = { blocked, fixed, blockedExcerpt, clean, editor };
