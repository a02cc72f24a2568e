import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFeed } from '../../src/ingest/feeds.ts';
import { normaliseDate } from '../../src/ingest/dates.ts';
import type { ReadResult } from '../../src/ingest/documents.ts';
import type { ValidateOptions } from '../../src/ingest/validate.ts';

const options: ValidateOptions = { maxBytes: 100_000, today: '2026-01-15' };

function summary(results: ReadResult[]): string[] {
  return results.map((r) => (r.ok ? `ok ${r.doc.id}` : `error ${r.error.docRef}: ${r.error.reason}`));
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Sahel &amp; Sécurité</title>
  <link>https://sahel.example.org/</link>
  <atom:link href="https://sahel.example.org/feed" rel="self" type="application/rss+xml"/>
  <language>fr-FR</language>
  <item>
    <title>Attaque à Diafarabé &#8211; quatre morts</title>
    <link>https://sahel.example.org/2025/03/diafarabe</link>
    <guid isPermaLink="false">sahel-2025-0312-001</guid>
    <pubDate>Wed, 12 Mar 2025 23:30:00 -0500</pubDate>
    <description>&lt;p&gt;Un r&amp;eacute;sum&amp;eacute; court.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Des hommes armés ont attaqué <b>samedi</b> le village de Diafarab&eacute;.</p>
      <script>alert("never")</script>
      <p>Quatre civils ont été tués &amp; des greniers incendiés.</p>
      <p>The post <a href="https://sahel.example.org/x">Attaque</a> appeared first on <a href="https://sahel.example.org">Sahel</a>.</p>]]></content:encoded>
  </item>
  <item>
    <title>Empty item</title>
    <link>https://sahel.example.org/2025/03/empty</link>
    <guid>https://sahel.example.org/?p=2</guid>
    <description>   </description>
  </item>
  <item>
    <title>Plain description</title>
    <guid>12345</guid>
    <dc:date>2025-03-10T09:00:00Z</dc:date>
    <description>Les FAMa ont repris le contrôle de Boni. AT&amp;T n'y est pour rien.</description>
  </item>
</channel>
</rss>`;

test('RSS 2.0: content:encoded HTML in CDATA becomes paragraphs; an empty item is an error, the others read', () => {
  const results = readFeed(RSS, 'feeds/sahel.xml', options);
  assert.equal(results.length, 3);
  const [first, empty, plain] = results;
  assert.ok(first?.ok, summary(results).join('\n'));
  assert.deepEqual(first.doc, {
    id: 'sahel-2025-0312-001',
    text: 'Des hommes armés ont attaqué samedi le village de Diafarabé.\n\nQuatre civils ont été tués & des greniers incendiés.',
    lang: 'fr',
    published: '2025-03-12',
    url: 'https://sahel.example.org/2025/03/diafarabe',
    title: 'Attaque à Diafarabé – quatre morts',
    source: 'Sahel & Sécurité',
  });
  assert.ok(empty && !empty.ok);
  assert.equal(empty.error.docRef, 'https://sahel.example.org/?p=2');
  assert.match(empty.error.reason, /item 2 \("Empty item"\) has no text/);
  assert.ok(plain?.ok);
  assert.equal(plain.doc.id, '12345');
  assert.equal(plain.doc.text, "Les FAMa ont repris le contrôle de Boni. AT&T n'y est pour rien.");
  assert.equal(plain.doc.published, '2025-03-10');
  assert.equal(plain.doc.url, undefined); // a guid that is not a URL is no link
});

test('Atom: entries with html, xhtml and text content; alternate link; published before updated', () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">West Africa Monitor</title>
  <id>urn:uuid:feed</id>
  <updated>2025-03-14T00:00:00Z</updated>
  <entry>
    <title type="html">&lt;em&gt;Clash&lt;/em&gt; near Djibo</title>
    <id>urn:uuid:entry-1</id>
    <link rel="edit" href="https://wam.example.com/edit/1"/>
    <link rel="alternate" type="text/html" href="https://wam.example.com/djibo"/>
    <published>2025-03-11T22:00:00+01:00</published>
    <updated>2025-03-13T08:00:00Z</updated>
    <summary>Short teaser.</summary>
    <content type="html">&lt;p&gt;Soldiers clashed with militants near Djibo.&lt;/p&gt;&lt;p&gt;Five were killed.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Ambush on the Niamey road</title>
    <id>urn:uuid:entry-2</id>
    <link href="https://wam.example.com/niamey"/>
    <updated>2025-03-09T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>An army convoy was ambushed &amp; two trucks burnt.</p><ul><li>Three soldiers died.</li></ul></div></content>
  </entry>
  <entry>
    <title>Text entry</title>
    <id>urn:uuid:entry-3</id>
    <updated>2025-03-08</updated>
    <content type="text">Militants &lt;claimed&gt; the attack.</content>
  </entry>
</feed>`;
  const results = readFeed(atom, 'https://wam.example.com/atom', options);
  assert.deepEqual(summary(results), ['ok urn:uuid:entry-1', 'ok urn:uuid:entry-2', 'ok urn:uuid:entry-3']);
  const [e1, e2, e3] = results.map((r) => (r.ok ? r.doc : undefined));
  assert.deepEqual(e1, {
    id: 'urn:uuid:entry-1',
    text: 'Soldiers clashed with militants near Djibo.\n\nFive were killed.',
    lang: 'en',
    published: '2025-03-11',
    url: 'https://wam.example.com/djibo',
    title: 'Clash near Djibo',
    source: 'West Africa Monitor',
  });
  assert.equal(e2?.text, 'An army convoy was ambushed & two trucks burnt.\n\nThree soldiers died.');
  assert.equal(e2?.published, '2025-03-09');
  assert.equal(e3?.text, 'Militants <claimed> the attack.'); // type="text": angle brackets are text
});

test('RSS 1.0 (RDF) items read with rdf:about ids and dc:date', () => {
  const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example.net/"><title>Old Wire</title><dc:language>en</dc:language></channel>
  <item rdf:about="https://old.example.net/1"><title>One</title><link>https://old.example.net/1</link>
    <dc:date>2024-11-02T10:00:00Z</dc:date><description>Gunmen attacked a market in Gao.</description></item>
</rdf:RDF>`;
  const [r] = readFeed(rdf, 'old.rdf', options);
  assert.ok(r?.ok);
  assert.deepEqual(r.doc, { id: 'https://old.example.net/1', text: 'Gunmen attacked a market in Gao.', lang: 'en', published: '2024-11-02', url: 'https://old.example.net/1', title: 'One', source: 'Old Wire' });
});

test('broken XML, a non-feed document, binary bytes: one error naming the file', () => {
  const cases: Array<[string, RegExp]> = [
    ['<?xml version="1.0"?><rss><channel><item><title>x</title></channel></rss>', /not well-formed XML \(line 1, column \d+: .*'item'/],
    ['<?xml version="1.0"?><catalog><book>x</book></catalog>', /not an RSS or Atom feed \(its root element is <catalog>\)/],
    ['\u0000\u0001\u0002binary\u0000', /binary/],
    ['', /empty/],
  ];
  for (const [xml, reason] of cases) {
    const results = readFeed(xml, 'in/broken.xml', options);
    assert.equal(results.length, 1);
    const [r] = results;
    assert.ok(r && !r.ok);
    assert.equal(r.error.docRef, 'in/broken.xml');
    assert.match(r.error.reason, reason);
  }
});

test('items without guid or link get an id from the feed; duplicate guids are rejected; a whitespace-led feed reads', () => {
  const xml = `\n  <?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><description>First report text.</description></item>
    <item><guid>g</guid><description>Second report text.</description></item>
    <item><guid>g</guid><description>Third report text.</description></item>
  </channel></rss>`;
  assert.deepEqual(summary(readFeed(xml, 'f.rss', options)), ['ok f.rss#item-1', 'ok g', 'error g: duplicate id (item 2 of this feed has it too)']);
});

test('dates: ISO and RFC 822 as written, US style with month names; ambiguous numeric forms refused', () => {
  assert.equal(normaliseDate('2025-03-12T23:30:00-05:00'), '2025-03-12');
  assert.equal(normaliseDate('Wed, 12 Mar 2025 23:30:00 -0500'), '2025-03-12');
  assert.equal(normaliseDate('Sat, 1 Feb 25 10:00:00 GMT'), '2025-02-01');
  assert.equal(normaliseDate('March 9, 2025'), '2025-03-09');
  assert.equal(normaliseDate('2025-02-30'), undefined);
  assert.equal(normaliseDate('03/04/2025'), undefined);
  assert.equal(normaliseDate(undefined), undefined);
});
