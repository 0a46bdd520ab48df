import { describe, expect, it } from 'vitest';
import { createReanchor, reanchor, retireIds } from '../../src/index/reanchor.ts';
import { paragraphsOf } from '../../src/tree/visit.ts';
import { noteDocument } from './note-document.ts';
import type { AnchorSource, AnchorTarget } from '../../src/index/reanchor.ts';
import { fingerprint } from '../../src/segment/index.ts';

// Paragraphs in reading order, fingerprinted with their neighbours as the segmenter does.
function version(texts: string[], idPrefix: string): AnchorTarget[] {
  return texts.map((text, i) => ({ id: `${idPrefix}/${i + 1}`, fingerprint: fingerprint(text, texts[i - 1] ?? '', texts[i + 1] ?? '') }));
}
function source(texts: string[], index: number): AnchorSource {
  return { fingerprint: fingerprint(texts[index]!, texts[index - 1] ?? '', texts[index + 1] ?? ''), position: index / (texts.length - 1) };
}

const OLD = [
  'Regeringen og Danske Regioner er enige om at fortsætte arbejdet med en national udrulning af den patientansvarlige læge.',
  'Regionerne skal inden udgangen af 2018 have udpeget en patientansvarlig læge for alle patienter med længerevarende forløb.',
  'Der nedsættes en arbejdsgruppe med deltagelse af Sundheds- og Ældreministeriet og Danske Regioner.',
  'Arbejdsgruppen afrapporterer til økonomiforhandlingerne for 2019.',
  'Parterne vil følge udviklingen i antallet af patienter på private sygehuse tæt.',
];

describe('a permalink whose paragraph was revised', () => {
  it('finds an unchanged paragraph by its exact quote wherever it moved', () => {
    const moved = [OLD[0]!, OLD[2]!, OLD[3]!, OLD[1]!, OLD[4]!];
    const match = reanchor(source(OLD, 1), version(moved, 'new'));
    expect(match).toMatchObject({ id: 'new/4', exact: true });
    expect(match!.score).toBeGreaterThan(0.5);
  });

  it('finds a corrected paragraph (one word edited) by approximate quote', () => {
    const edited = [...OLD];
    edited[1] = edited[1]!.replace('2018', '2019').replace('længerevarende', 'langvarige');
    const match = reanchor(source(OLD, 1), version(edited, 'new'));
    expect(match).toMatchObject({ id: 'new/2', exact: false });
    expect(match!.score).toBeGreaterThan(0.9);
  });

  it('finds a paragraph merged into the next one without errors', () => {
    const merged = [OLD[0]!, `${OLD[1]!} ${OLD[2]!}`, OLD[3]!, OLD[4]!];
    expect(reanchor(source(OLD, 1), version(merged, 'new'))).toMatchObject({ id: 'new/2', exact: true });
  });

  it('says a deleted paragraph is gone rather than pointing at its neighbour', () => {
    const deleted = [OLD[0]!, OLD[1]!, OLD[3]!, OLD[4]!];
    expect(reanchor(source(OLD, 2), version(deleted, 'new'))).toBeNull();
  });

  it('says a rewritten paragraph with nothing around it in common is gone', () => {
    const rewritten = [...OLD];
    rewritten[3] = 'Arbejdsgruppen nedlægges, og opgaven overgår til Sundhedsdatastyrelsen fra 2020.';
    const shuffled = [rewritten[3]!, rewritten[0]!, rewritten[4]!, rewritten[2]!, rewritten[1]!];
    expect(reanchor(source(OLD, 3), version(shuffled, 'new'))).toBeNull();
  });

  it('tells repeated identical paragraphs apart by their context', () => {
    const repeated = ['Indledning om psykiatri.', 'Status: I gang.', 'Indledning om kræft.', 'Status: I gang.', 'Afslutning.'];
    const revised = ['Indledning om psykiatri.', 'Status: I gang.', 'Ny tekst om akutområdet.', 'Indledning om kræft.', 'Status: I gang.', 'Afslutning.'];
    const find = createReanchor(version(revised, 'new'));
    expect(find(source(repeated, 1))?.id).toBe('new/2');
    expect(find(source(repeated, 3))?.id).toBe('new/5');
  });

  it('lets a caller demand a closer match', () => {
    const edited = [...OLD];
    edited[3] = 'Arbejdsgruppen afrapporterer til parterne inden økonomiforhandlingerne for 2020.';
    const targets = version(edited, 'new');
    expect(reanchor(source(OLD, 3), targets)?.id).toBe('new/4');
    expect(reanchor(source(OLD, 3), targets, { minScore: 0.95 })).toBeNull();
  });
});

describe('ids of a document that was revised', () => {
  const entry = { id: 'oa18', title: 'Aftale om regionernes økonomi for 2018', type: 'økonomiaftale' as const, year: 2018 };
  const v1 = noteDocument(
    `## 3. Sundhed\n\n### Patientansvarlig læge\n\n${OLD[0]}\n\n${OLD[1]}\n\n### Arbejdsgruppe\n\n${OLD[2]}\n\n${OLD[3]}\n\n${OLD[4]}\n`,
    entry,
  );
  // The second heading is renamed (its paragraphs get new ids), a paragraph is corrected,
  // and the last one is deleted.
  const v2 = noteDocument(
    `## 3. Sundhed\n\n### Patientansvarlig læge\n\n${OLD[0]}\n\n${OLD[1]!.replace('2018', '2019')}\n\n### Ny arbejdsgruppe\n\n${OLD[2]}\n\n${OLD[3]}\n`,
    entry,
  );
  const v3 = noteDocument(`## 3. Sundhed\n\n### Patientansvarlig læge\n\n${OLD[0]}\n\n${OLD[1]!.replace('2018', '2019')}\n\n### Arbejdsgruppen\n\n${OLD[2]}\n`, entry);

  it('redirects vanished ids to where their text went and archives the deleted one', () => {
    const retired = retireIds({ paragraphs: paragraphsOf(v1), retired: [] }, paragraphsOf(v2), '2024-01-01T00:00:00Z');
    expect(retired.map(({ id, to, archivedAt }) => ({ id, to, archivedAt }))).toEqual([
      { id: 'oa18/3/arbejdsgruppe/1', to: 'oa18/3/ny-arbejdsgruppe/1', archivedAt: null },
      { id: 'oa18/3/arbejdsgruppe/2', to: 'oa18/3/ny-arbejdsgruppe/2', archivedAt: null },
      { id: 'oa18/3/arbejdsgruppe/3', to: null, archivedAt: '2024-01-01T00:00:00Z' },
    ]);
    expect(retired[2]!.fingerprint.quote).toBe(OLD[4]);
  });

  it('keeps every id when the same version comes again', () => {
    expect(retireIds({ paragraphs: paragraphsOf(v1), retired: [] }, paragraphsOf(v1), 'now')).toEqual([]);
  });

  it('re-points old redirects whose target vanished in a later version, never chaining', () => {
    const after2 = retireIds({ paragraphs: paragraphsOf(v1), retired: [] }, paragraphsOf(v2), '2024-01-01T00:00:00Z');
    const after3 = retireIds({ paragraphs: paragraphsOf(v2), retired: after2 }, paragraphsOf(v3), '2025-01-01T00:00:00Z');
    const to = Object.fromEntries(after3.map((r) => [r.id, r.to]));
    expect(to).toEqual({
      'oa18/3/arbejdsgruppe/1': 'oa18/3/arbejdsgruppen/1',
      'oa18/3/arbejdsgruppe/2': null,
      'oa18/3/arbejdsgruppe/3': null,
      'oa18/3/ny-arbejdsgruppe/1': 'oa18/3/arbejdsgruppen/1',
      'oa18/3/ny-arbejdsgruppe/2': null,
    });
    // An archive keeps the date the passage was first found gone.
    expect(after3.find((r) => r.id === 'oa18/3/arbejdsgruppe/3')!.archivedAt).toBe('2024-01-01T00:00:00Z');
    expect(after3.find((r) => r.id === 'oa18/3/arbejdsgruppe/2')!.archivedAt).toBe('2025-01-01T00:00:00Z');
  });

  it('drops a retired id that is current again', () => {
    const after2 = retireIds({ paragraphs: paragraphsOf(v1), retired: [] }, paragraphsOf(v2), 't2');
    const back = retireIds({ paragraphs: paragraphsOf(v2), retired: after2 }, paragraphsOf(v1), 't3');
    expect(back.map((r) => r.id).sort()).toEqual(['oa18/3/ny-arbejdsgruppe/1', 'oa18/3/ny-arbejdsgruppe/2']);
  });
});
