import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentFromHtml } from '../../src/ingest/html.ts';
import { fragmentText, textBlocks } from '../../src/ingest/blocks.ts';
import type { ValidateOptions } from '../../src/ingest/validate.ts';
import { parseHTML } from 'linkedom';

const options: ValidateOptions = { maxBytes: 100_000, today: '2026-01-15' };

const P1 = 'Des hommes armés ont attaqué samedi le village de Diafarabé, dans la région de Mopti, tuant quatre civils.';
const P2 = 'Les assaillants, arrivés à moto, ont incendié des greniers & emporté du bétail, selon un élu local.';
const P3 = "L'armée malienne a annoncé l'envoi de renforts dans la zone dimanche matin.";

/** A news page as sites serve them: menus, scripts, ads, comments and a footer around the article. */
const ARTICLE_PAGE = `<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Attaque meurtrière à Diafarabé | Le Sahel Quotidien</title>
  <meta property="og:site_name" content="Le Sahel Quotidien">
  <meta property="og:title" content="Attaque meurtrière à Diafarabé">
  <meta property="article:published_time" content="2025-03-12T08:30:00+00:00">
  <link rel="canonical" href="/afrique/mali/attaque-diafarabe">
  <script>window.dataLayer = [{ page: "SCRIPT_IN_HEAD" }];</script>
  <style>.ad { color: red } /* STYLE_RULE */</style>
</head>
<body>
  <header><nav><ul>
    <li><a href="/">Accueil</a></li><li><a href="/afrique">Afrique</a></li><li><a href="/sport">Sport</a></li>
  </ul></nav></header>
  <div class="ad banner">Publicité : abonnez-vous pour 1 euro</div>
  <main>
    <article>
      <h1>Attaque meurtrière à Diafarabé</h1>
      <p>${P1}</p>
      <script>document.write("SCRIPT_IN_ARTICLE");</script>
      <!-- NOTE_IN_COMMENT -->
      <p>${P2.replace('&', '&amp;')}</p>
      <p>${P3}</p>
    </article>
    <section class="comments"><h3>Commentaires</h3>
      <div class="comment"><a href="/u/1">lecteur42</a></div>
    </section>
  </main>
  <aside class="related"><ul>
    <li><a href="/a">Niger : une embuscade fait dix morts</a></li>
    <li><a href="/b">Burkina : le couvre-feu prolongé</a></li>
  </ul></aside>
  <footer><p>© 2025 Le Sahel Quotidien</p></footer>
  <script src="/analytics.js"></script><script>track("SCRIPT_AT_END")</script>
</body>
</html>`;

test('HTML article: the text is exactly its paragraphs; menus, scripts, styles, comments and ads stay out', () => {
  const r = documentFromHtml(ARTICLE_PAGE, { ...options, id: 'diafarabe.html', url: 'https://www.sahelquotidien.ml/x?utm=1' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(r.doc.text, [P1, P2, P3].join('\n\n'));
  for (const leak of ['SCRIPT_', 'STYLE_RULE', 'NOTE_IN_COMMENT', 'Publicité', 'Accueil', 'Niger', '©', '<']) {
    assert.ok(!r.doc.text.includes(leak), `"${leak}" leaked into the text`);
  }
  assert.equal(r.doc.id, 'diafarabe.html');
  assert.equal(r.doc.lang, 'fr');
  assert.equal(r.doc.published, '2025-03-12');
  assert.equal(r.doc.title, 'Attaque meurtrière à Diafarabé');
  assert.equal(r.doc.source, 'Le Sahel Quotidien');
  assert.equal(r.doc.url, 'https://www.sahelquotidien.ml/afrique/mali/attaque-diafarabe');
});

test('HTML metadata: itemprop and <time> dates, <title> fallback, host as source, defaults from options', () => {
  const body = `<article><p>${P1}</p><p>${P3}</p></article>`;
  const micro = documentFromHtml(`<html lang="en-GB"><head><title>Raid near Mopti</title></head><body>
    <span itemprop="datePublished" content="2025-02-03"></span>${body}</body></html>`, { ...options, id: 'm', url: 'https://news.example.org/raid' });
  assert.ok(micro.ok);
  assert.equal(micro.doc.published, '2025-02-03');
  assert.equal(micro.doc.lang, 'en');
  assert.equal(micro.doc.title, 'Raid near Mopti');
  assert.equal(micro.doc.source, 'news.example.org');

  const timed = documentFromHtml(`<html><body><time datetime="2020-01-01">sidebar</time>
    <article><time datetime="2025-01-04T10:00:00Z">4 January</time><p>${P1}</p><p>${P2}</p></article></body></html>`, { ...options, id: 't', published: '2024-12-31', lang: 'fr' });
  assert.ok(timed.ok);
  assert.equal(timed.doc.published, '2025-01-04'); // the article's own <time>, not the sidebar's
  assert.equal(timed.doc.lang, 'fr'); // no <html lang>: the option's default
  assert.equal(timed.doc.url, undefined);

  const bare = documentFromHtml(`<html><body><article><p>${P1}</p></article></body></html>`, { ...options, id: 'b', published: '2024-12-31' });
  assert.ok(bare.ok);
  assert.equal(bare.doc.published, '2024-12-31');
});

test('malformed HTML (unclosed tags, no <html> or <body>) still gives its text', () => {
  const r = documentFromHtml(`<title>Broken</title><div><p>${P1}<p>${P2.replace('&', '&amp;')} <b>bold <i>and italic</div>`, { ...options, id: 'broken.html' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(r.doc.text, `${P1}\n\n${P2} bold and italic`);

  const noBody = documentFromHtml(`<html lang="fr"><p>${P1}</p><p>${P3}`, { ...options, id: 'nobody.html' });
  assert.ok(noBody.ok, noBody.ok ? '' : noBody.error.message);
  assert.equal(noBody.doc.text, `${P1}\n\n${P3}`);
  assert.equal(noBody.doc.lang, 'fr');
});

test('a page without an article, an empty page, binary bytes, a foreign language: an error naming the input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['menu.html', '<html><head><script>app()</script></head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav><div id="root"></div></body></html>', /no article text/],
    ['app.html', '<!doctype html><html><head><script src="app.js"></script></head><body><div id="app"></div></body></html>', /no article text/],
    ['empty.html', '  \n', /empty/],
    ['image.html', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000', /binary/],
    ['de.html', `<html lang="de"><body><p>${P1}</p></body></html>`, /'de'.*en, fr/],
    ['future.html', `<html><head><meta property="article:published_time" content="2030-01-01"></head><body><p>${P1}</p></body></html>`, /future/],
  ];
  for (const [id, html, reason] of cases) {
    const r = documentFromHtml(html, { ...options, id });
    assert.ok(!r.ok, `${id} was accepted`);
    assert.equal(r.error.docRef, id);
    assert.match(r.error.reason, reason, id);
  }
});

test('a page of unclosed tags nested thousands deep is read quickly, without Readability', () => {
  const started = Date.now();
  const r = documentFromHtml(`<html><body><nav><a href="/">Home</a></nav>${`<p><font>${P1}`.repeat(1500)}</body></html>`, { ...options, maxBytes: 1_000_000, id: 'deep.html' });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.equal(r.doc.text, Array(1500).fill(P1).join('\n\n'));
  assert.ok(Date.now() - started < 5000, 'took too long');
});

test('block text: headings, list items, <br> and <pre>; a <script> inside a fragment never shows', () => {
  const { document } = parseHTML('<html><body><h2>Bilan</h2><ul><li>Quatre morts</li><li>Deux <b>blessés</b></li></ul><p>Ligne 1<br>Ligne 2</p><pre>a  b\n c</pre></body></html>');
  assert.deepEqual(textBlocks(document.body).map((b) => b.text), ['Bilan', 'Quatre morts', 'Deux blessés', 'Ligne 1\nLigne 2', 'a  b\n c']);
  assert.equal(fragmentText('<p>Un &eacute;l&#233;ment</p><script>alert("x")</script><p>Deux</p><p><a href="/more">Lire la suite</a></p>'), 'Un élément\n\nDeux');
});
