import { describe, expect, it } from 'vitest';
import { extractCommitments } from '../../src/enrich/index.ts';
import { documentOf, entry, followUpRow, paragraph } from './small-trees.ts';

const oa18 = entry();

function commitmentsIn(text: string, meta = oa18) {
  return extractCommitments(documentOf(meta, [paragraph('oa18/3/x/1', text)]));
}

describe('extractCommitments: agreement sentences', () => {
  it('gives one commitment per deadline when one sentence holds two', () => {
    const found = commitmentsIn(
      'Udrulningen til alle kræftpatienter skal være igangsat inden udgangen af 2017 og til alle øvrige patientgrupper, ' +
        'hvor det er fagligt relevant, senest inden udgangen af 2018. Parterne er med aftalen enige om, at den ' +
        'patientansvarlige læge skal være endeligt implementeret i hele sygehusvæsenet ultimo 2019.',
    );
    expect(found.map((c) => [c.id, c.deadline?.end, c.action])).toEqual([
      ['oa18/3/x/1#c1', '2017-12-31', 'Udrulningen til alle kræftpatienter skal være igangsat inden udgangen af 2017'],
      ['oa18/3/x/1#c2', '2018-12-31', 'til alle øvrige patientgrupper, hvor det er fagligt relevant, senest inden udgangen af 2018'],
      ['oa18/3/x/1#c3', '2019-12-31', expect.stringContaining('endeligt implementeret i hele sygehusvæsenet ultimo 2019')],
    ]);
    expect(found[2]?.actors).toEqual(['Regeringen', 'Danske Regioner']);
  });

  it('names the actor who is to act', () => {
    const [c] = commitmentsIn('Danske Regioner skal inden udgangen af 2017 opdatere oversigten over de initiativer, som regionerne har igangsat.');
    expect(c).toMatchObject({ actors: ['Danske Regioner'], deadline: { text: 'inden udgangen af 2017', end: '2017-12-31' } });
  });

  it('takes the doer from what was agreed: "enige om, at regionerne …"', () => {
    const [c] = commitmentsIn('Parterne er enige om, at regionerne arbejder på at gennemføre planerne frem mod 2020.');
    expect(c?.actors).toEqual(['Regionerne']);
  });

  it('resolves abbreviations and a ministry by name', () => {
    const [c] = commitmentsIn(
      'Sundheds- og Ældreministeriet vil med inddragelse af bl.a. Danske Regioner og KL gøre status for implementeringen omkring årsskiftet 2017/2018.',
    );
    expect(c?.actors).toEqual(['Sundheds- og Ældreministeriet']);
    expect(c?.deadline).toEqual({ text: 'omkring årsskiftet 2017/2018', start: '2017-12-01', end: '2018-01-31', precision: 'month' });
  });

  it('reads a passive as the parties acting: "Der følges op …"', () => {
    const [c] = commitmentsIn('Der følges op med en ny politisk status i foråret 2018.');
    expect(c).toMatchObject({ actors: ['Regeringen', 'Danske Regioner'], deadline: { start: '2018-03-01', end: '2018-05-31' } });
  });

  it('reads "inden årets udgang" in an agreement for 2018 as the end of 2017, when it was written', () => {
    const [c] = commitmentsIn('Regeringen vil fremlægge en vækstplan for life science inden årets udgang.');
    expect(c).toMatchObject({ actors: ['Regeringen'], deadline: { end: '2017-12-31' }, year: 2017 });
  });

  it('keeps agreed actions without a deadline, with none', () => {
    const [c] = commitmentsIn('Regeringen og Danske Regioner er enige om at videreføre det etablerede partnerskab.');
    expect(c).toMatchObject({ deadline: null, actors: ['Regeringen', 'Danske Regioner'] });
  });

  it('finds no commitment in economic figures, descriptions or earlier agreements', () => {
    expect(commitmentsIn('Med aftalen løftes det regionale udgiftsniveau med 0,5 mia. kr. i 2018 til fortsat kvalitetsudvikling.')).toEqual([]);
    expect(commitmentsIn('Det første hold er startet op i maj 2017.')).toEqual([]);
    const udspil = entry({ id: 'udspil', type: 'udspil', year: null, parties: ['Danske Regioner'] });
    expect(commitmentsIn('I 2016 blev regeringen, KL og Danske Regioner enige om 8 nationale mål for sundhedsvæsenet.', udspil)).toEqual([]);
  });

  it('drops a date that is a past event in a commitment sentence', () => {
    const found = commitmentsIn('Medicinrådet er etableret pr. 1. januar 2016 og skal fra medio 2017 bidrage til et afdæmpet udgiftsbehov.');
    expect(found.map((c) => c.deadline?.text)).toEqual(['fra medio 2017']);
  });
});

describe('extractCommitments: follow-up scheme rows', () => {
  const scheme = entry({ id: 'oa20-opfoelgning', type: 'opfølgningsskema', year: 2020, parties: ['Regeringen', 'KL', 'Danske Regioner'] });
  const row = followUpRow('oa20-opfoelgning/1/fremtidssikring', {
    topic: 'Fremtidssikring af den fællesoffentlige infrastruktur',
    agreement: 'Regeringen, KL og Danske Regioner er derfor enige om finansieringen af næste generation MitID, NemLog-in og Digital Post.',
    economy: 'Omkostningerne til den regionale omstilling vurderes samlet at beløbe sig til mere end 100 mio. kr.',
    status:
      'Den decentrale omkostningsanalyse er igangsat og vurderes tilendebragt inden ØA21. Første styregruppemøde er afholdt den 3. okt. 2019. ' +
      'MitID bliver lanceret i sommeren 2021.',
    references: ['ØA18', 'ØA19'],
    responsible: 'AKJ',
  });
  const found = extractCommitments(documentOf(scheme, [], [row]));

  it('turns each deadline ahead in the status column into a commitment with status and responsible', () => {
    const dated = found.filter((c) => c.deadline !== null);
    expect(dated.map((c) => [c.deadline?.text, c.deadline?.end])).toEqual([
      ['inden ØA21', '2020-06-30'],
      ['i sommeren 2021', '2021-08-31'],
    ]);
    for (const c of dated) expect(c).toMatchObject({ responsible: 'AKJ', references: ['ØA18', 'ØA19'], status: row.row?.status });
  });

  it('reads responsibility in the economy column and resolves the abbreviation', () => {
    const sum = followUpRow('oa20-opfoelgning/1/mit-overblik', {
      topic: 'Mit overblik',
      agreement: '',
      economy: 'SUM er ansvarlig for, at aftaleoversigt og stamkort tilsluttes Mit Overblik.',
      status: '',
      references: [],
      responsible: 'AKJ / NPE',
    });
    const [c] = extractCommitments(documentOf(scheme, [], [sum]));
    expect(c).toMatchObject({ actors: ['Sundheds- og Ældreministeriet'], deadline: null, responsible: 'AKJ / NPE' });
  });

  it('keeps the agreement cell as agreement text', () => {
    expect(found.find((c) => c.paragraphId.endsWith('/1'))).toMatchObject({
      actors: ['Regeringen', 'Kommunernes Landsforening', 'Danske Regioner'],
      deadline: null,
    });
  });
});

describe('extractCommitments: a work programme (note)', () => {
  const note = entry({ id: 'dr', type: 'notat', year: 2019, date: '2019-09-04', parties: ['Danske Regioner'] });
  it('finds what Danske Regioner will do and when, and skips what it did', () => {
    const found = commitmentsIn(
      'Danske Regioner vil derfor nedsætte en midlertidig politisk arbejdsgruppe om borgerinddragelse i efteråret 2019. ' +
        'Danske Regioner præsenterede i april 2019 den nye app MinSundhed.',
      note,
    );
    expect(found.map((c) => [c.actors, c.deadline?.text])).toEqual([[['Danske Regioner'], 'i efteråret 2019']]);
  });

  it('reads "vil" and "skal" as commitments only with an actor, and names that actor', () => {
    const found = commitmentsIn(
      'Borgerne skal kunne stole på, at regionerne håndterer data sikkert. Råstoffer skal transporteres længere. ' +
        'Regionerne vil også arbejde for en mere populationsbaseret tilgang til styring.',
      note,
    );
    expect(found.map((c) => c.actors)).toEqual([['Regionerne']]);
  });
});
