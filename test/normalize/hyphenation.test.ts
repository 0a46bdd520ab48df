import { describe, expect, it } from 'vitest';
import { isDanishWord } from '../../src/analysis/lexicon.ts';
import { joinLineEndHyphen, repairMidLineHyphens } from '../../src/normalize/hyphenation.ts';
import { normalizeText } from '../../src/normalize/normalize-lines.ts';

const lineEnd = (left: string, right: string) => joinLineEndHyphen(left, right, isDanishWord);
const midLine = (line: string) => repairMidLineHyphens(line, isDanishWord);

describe('a word broken at a line end', () => {
  it('is joined where the hyphen only broke the word', () => {
    expect(lineEnd('sammenhæn-', 'gende')).toBe('sammenhængende');
    expect(lineEnd('Rege-', 'ringen')).toBe('Regeringen');
    expect(lineEnd('po-', 'pulationsbaret')).toBe('populationsbaret');
    expect(lineEnd('specialiserings-', 'niveau,')).toBe('specialiseringsniveau,');
  });

  it('keeps real hyphens: abbreviations, numbers, short loanwords, capitals', () => {
    expect(lineEnd('KOL-', 'patienter')).toBe('KOL-patienter');
    expect(lineEnd('ØA19-', 'teksten')).toBe('ØA19-teksten');
    expect(lineEnd('AI-', 'signaturprojekter')).toBe('AI-signaturprojekter');
    expect(lineEnd('it-', 'organisationernes')).toBe('it-organisationernes');
    expect(lineEnd('sundheds-', 'it.')).toBe('sundheds-it.');
    expect(lineEnd('Nord-', 'Danmark')).toBe('Nord-Danmark');
    expect(lineEnd('nov-', 'dec')).toBe('nov-dec');
  });

  it('keeps a suspended compound apart ("cyber- og informationssikkerhed")', () => {
    expect(lineEnd('cyber-', 'og')).toBe('cyber- og');
    expect(lineEnd('implementerings-', 'og')).toBe('implementerings- og');
  });
});

describe('a hyphen left mid-line by copy-paste', () => {
  it('goes where the joined form is a word', () => {
    expect(midLine('parterne endvi-dere enige om')).toBe('parterne endvidere enige om');
    expect(midLine('for sund-hedssektorens trinvise styrkelse')).toBe('for sundhedssektorens trinvise styrkelse');
    expect(midLine('cyber- og informations-sikkerhed i sektoren')).toBe('cyber- og informationssikkerhed i sektoren');
  });

  it('stays in real hyphenated words', () => {
    expect(midLine('offentligt-privat samarbejde')).toBe('offentligt-privat samarbejde');
    expect(midLine('en fælles regional-statslig råstofstrategi')).toBe('en fælles regional-statslig råstofstrategi');
    expect(midLine('hoved- og regionsfunktioner')).toBe('hoved- og regionsfunktioner');
    expect(midLine('KOL-patienter og ØA19-teksten')).toBe('KOL-patienter og ØA19-teksten');
  });
});

describe('hyphenation across a page break', () => {
  it('joins the word over the footer and keeps each line on its page', () => {
    const { lines } = normalizeText(
      {
        format: 'pdf',
        pages: [
          { page: 1, text: 'Endvidere er det centralt med et sammenhæn-\nSide 1' },
          { page: 2, text: 'gende sundhedsvæsen, der også fremadrettet sætter patienten før systemet.' },
        ],
      },
      isDanishWord,
    );
    expect(lines.map((l) => [l.page, l.text])).toEqual([
      [1, 'Endvidere er det centralt med et sammenhængende'],
      [2, 'sundhedsvæsen, der også fremadrettet sætter patienten før systemet.'],
    ]);
  });
});
