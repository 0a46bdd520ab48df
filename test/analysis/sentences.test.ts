import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences } from '../../src/analysis/index.ts';

describe('splitting ØA18 paragraphs into sentences', () => {
  it('does not end a sentence at "bl.a."', () => {
    // ØA18, chapter 1, hyphenation already joined by the normalizer.
    const paragraph =
      'Der er med aftalen enighed om et styrket regionalt fokus i 2018 på bedre kapacitetsudnyttelse ' +
      'bl.a. på kræftområdet, bedre indkøb og mere fælles indkøb på tværs af regioner og den offentlige ' +
      'sektor samt på realisering af gevinsterne fra de nye supersygehuse. Det frigjorte råderum ' +
      'fastholdes på sundhedsområdet til et løft af de patientnære indsatser.';
    expect(splitSentences(paragraph)).toEqual([
      'Der er med aftalen enighed om et styrket regionalt fokus i 2018 på bedre kapacitetsudnyttelse ' +
        'bl.a. på kræftområdet, bedre indkøb og mere fælles indkøb på tværs af regioner og den offentlige ' +
        'sektor samt på realisering af gevinsterne fra de nye supersygehuse.',
      'Det frigjorte råderum fastholdes på sundhedsområdet til et løft af de patientnære indsatser.',
    ]);
  });

  it('reads "mia. kr." inside a sentence and as its end', () => {
    const paragraph =
      'Anlægsniveauet for kvalitetsfondsbyggeri er fastsat med afsæt i et realistisk skøn for afløbet i ' +
      '2018, svarende til 4,8 mia. kr. Der er i den forbindelse lagt vægt på, at ' +
      'kvalitetsfondsbyggeriet fortsat realiseres. Der fastsættes et loftsbelagt niveau på 2,2 mia. kr. i 2018.';
    expect(splitSentences(paragraph)).toEqual([
      'Anlægsniveauet for kvalitetsfondsbyggeri er fastsat med afsæt i et realistisk skøn for afløbet i 2018, svarende til 4,8 mia. kr.',
      'Der er i den forbindelse lagt vægt på, at kvalitetsfondsbyggeriet fortsat realiseres.',
      'Der fastsættes et loftsbelagt niveau på 2,2 mia. kr. i 2018.',
    ]);
  });

  it('copes with "jf.", "ca.", "pct." and "fx", also capitalised at a sentence start', () => {
    expect(
      splitSentences(
        'Løftet er på ca. 680 mio. kr., jf. Bilag 1. Det svarer til 1 pct. af udgifterne, fx til it. Jf. aftalen følges det op.',
      ),
    ).toEqual([
      'Løftet er på ca. 680 mio. kr., jf. Bilag 1.',
      'Det svarer til 1 pct. af udgifterne, fx til it.',
      'Jf. aftalen følges det op.',
    ]);
  });

  it('ends a sentence after an abbreviation in capitals ("med KL.")', () => {
    expect(splitSentences('Aftalen er indgået med KL. Den gælder fra 2019.')).toEqual([
      'Aftalen er indgået med KL.',
      'Den gælder fra 2019.',
    ]);
  });

  it('gives each sentence its offsets in the input, across line breaks', () => {
    const text = 'Første sætning\nfortsætter her. Anden sætning.';
    const spans = sentenceSpans(text);
    expect(spans.map((s) => [s.start, s.end])).toEqual([[0, 30], [31, 45]]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(spans.map((s) => s.text));
  });
});
