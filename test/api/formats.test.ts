import { describe, expect, it } from 'vitest';
import { citeFormats, formatCitation } from '../../api/format/citation.ts';
import { toCsv } from '../../api/format/csv.ts';
import { escapeText, foldLine, toIcs } from '../../api/format/ics.ts';
import { preferredRepresentation } from '../../api/negotiate.ts';
import { escapeHtml, html } from '../../api/render/html.ts';
import type { Citation } from '../../src/tree/types.ts';

const oa18: Citation = {
  document: { id: 'oa18', title: 'Aftale om regionernes økonomi for 2018', type: 'økonomiaftale', year: 2018 },
  chapter: { number: '3', title: 'Styrings- og kvalitetsudvikling' },
  section: null,
  page: 5,
  pages: [5],
  paragraph: 2,
};

describe('citing a paragraph', () => {
  it('reads as a Danish reference: document, chapter, page, paragraph', () => {
    expect(formatCitation(oa18)).toBe('Aftale om regionernes økonomi for 2018, kap. 3 Styrings- og kvalitetsudvikling, s. 5, afsnit 2');
  });

  it('names the section, annexes as "bilag", numbered sections as "pkt." and page spans', () => {
    expect(formatCitation({ ...oa18, section: { number: null, title: 'National udrulning af den patientansvarlige læge' } })).toBe(
      'Aftale om regionernes økonomi for 2018, kap. 3 Styrings- og kvalitetsudvikling, National udrulning af den patientansvarlige læge, s. 5, afsnit 2',
    );
    expect(formatCitation({ ...oa18, chapter: { number: 'Bilag 1', title: 'Oversigt' }, pages: [19, 20] })).toBe(
      'Aftale om regionernes økonomi for 2018, bilag 1 Oversigt, s. 19-20, afsnit 2',
    );
    expect(formatCitation({ ...oa18, section: { number: '2.3', title: 'Tidsplan' } })).toContain('pkt. 2.3 Tidsplan');
  });

  it('gives a Markdown link whose label and URL cannot break out of the link', () => {
    const cite = citeFormats({ ...oa18, chapter: { number: null, title: 'Noter [udkast]' } }, 'https://x.dk/p/a (b)');
    expect(cite.markdown).toBe('[Aftale om regionernes økonomi for 2018, Noter \\[udkast\\], s. 5, afsnit 2](https://x.dk/p/a%20%28b%29)');
    expect(cite.url).toBe('https://x.dk/p/a (b)');
  });
});

describe('CSV for Excel in a Danish locale', () => {
  it('starts with a BOM, separates by semicolons, ends lines with CRLF and quotes what needs it', () => {
    const csv = toCsv(['Frist', 'Handling'], [['2020-12-31', 'Regionerne skal; "hurtigt"\nog godt'], [null, '=SUM(A1)']]);
    expect(csv.startsWith('\uFEFFFrist;Handling\r\n')).toBe(true);
    expect(csv).toContain('2020-12-31;"Regionerne skal; ""hurtigt""\nog godt"\r\n');
    expect(csv).toContain(";'=SUM(A1)\r\n");
  });
});

describe('iCalendar', () => {
  it('folds long lines at 75 octets without splitting æøå', () => {
    const line = `SUMMARY:${'æøå '.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const piece of folded) expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((piece) => piece.startsWith(' '))).toBe(true);
    expect(folded.map((piece, i) => (i === 0 ? piece : piece.slice(1))).join('')).toBe(line);
  });

  it('escapes TEXT values and makes all-day events ending the next day', () => {
    expect(escapeText('a, b; c\\d\ne')).toBe('a\\, b\\; c\\\\d\\ne');
    const ics = toIcs({
      name: 'Frister',
      events: [{ uid: 'oa18/3/x/2#c1@aftalesog', stamp: '2024-05-01T10:00:00.000Z', date: '2020-12-31', summary: 'S', description: 'D', url: 'https://x.dk/p/oa18/3/x/2' }],
    });
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(ics).toContain('DTSTART;VALUE=DATE:20201231\r\nDTEND;VALUE=DATE:20210101\r\n');
    expect(ics).toContain('DTSTAMP:20240501T100000Z\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('HTML or JSON for a permalink', () => {
  it('gives browsers HTML and API clients JSON', () => {
    expect(preferredRepresentation('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
    expect(preferredRepresentation('application/json')).toBe('json');
    expect(preferredRepresentation(undefined)).toBe('html');
    expect(preferredRepresentation('*/*')).toBe('html');
    expect(preferredRepresentation('text/html;q=0.5, application/json')).toBe('json');
    expect(preferredRepresentation('image/png')).toBeNull();
  });
});

describe('server-rendered HTML', () => {
  it('escapes every interpolated value', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    expect(html`<p title="${'"><b>'}">${['<i>', html`<br>`]}</p>`.value).toBe('<p title="&quot;&gt;&lt;b&gt;">&lt;i&gt;<br></p>');
  });
});
