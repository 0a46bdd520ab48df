import { describe, expect, it } from 'vitest';
import { compileQuery, parseQuery, snippet } from '../../src/search/index.ts';

const patterns = (q: string) => compileQuery(parseQuery(q)).clauses.flat().flatMap((t) => t.patterns);

describe('snippets a reader sees in the result list', () => {
  it('marks inflected, folded and compound matches as written', () => {
    const text = 'Regionerne skal have udpeget patientansvarlige læger og speciallæger.';
    expect(snippet(text, patterns('patientansvarlig laege'))).toBe(
      'Regionerne skal have udpeget <mark>patientansvarlige</mark> <mark>læger</mark> og speciallæger.',
    );
    expect(snippet(text, patterns('læge'))).toBe('Regionerne skal have udpeget patientansvarlige <mark>læger</mark> og <mark>speciallæger</mark>.');
  });

  it('marks a phrase as one run', () => {
    expect(snippet('Parterne er enige om, at regionerne skal følge op.', patterns('"regionerne skal"'))).toBe(
      'Parterne er enige om, at <mark>regionerne skal</mark> følge op.',
    );
  });

  it('marks the words an abbreviation stands for', () => {
    expect(snippet('Som aftalt i økonomiaftalen for 2018 fortsætter arbejdet.', patterns('ØA18'))).toBe(
      'Som aftalt i <mark>økonomiaftalen for 2018</mark> fortsætter arbejdet.',
    );
  });

  it('escapes everything that is not a mark', () => {
    expect(snippet('<b>Læge</b> & "sygehus" \'x\'', patterns('læge'))).toBe('&lt;b&gt;<mark>Læge</mark>&lt;/b&gt; &amp; &quot;sygehus&quot; &#39;x&#39;');
  });

  it('cuts a long text around the first match at word boundaries', () => {
    const filler = 'Parterne drøfter økonomien i regionerne og fremtidens opgaver. '.repeat(12);
    const text = `${filler}Der indføres en patientansvarlig læge på alle sygehuse. ${filler}`;
    const html = snippet(text, patterns('patientansvarlig'), { maxLength: 200 });
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>patientansvarlig</mark>');
    const plain = html.replace(/<\/?mark>/g, '').replace(/…/g, '');
    expect(plain.length).toBeLessThanOrEqual(200);
    expect(text).toContain(plain);
    expect(plain).toMatch(/^\S.*\S$/);
    expect(text[text.indexOf(plain) - 1]).toBe(' ');
  });

  it('shows a short text whole, even without a match', () => {
    expect(snippet('Kort tekst.', patterns('læge'))).toBe('Kort tekst.');
  });
});
