import { describe, expect, it } from 'vitest';
import { normalizeActor } from '../../src/analysis/index.ts';

describe('normalizing actor names', () => {
  it('expands the abbreviations of the corpus README', () => {
    expect(normalizeActor('DR')).toBe('Danske Regioner');
    expect(normalizeActor('KL')).toBe('Kommunernes Landsforening');
    expect(normalizeActor('SUM')).toBe('Sundheds- og Ældreministeriet');
    expect(normalizeActor('SST')).toBe('Sundhedsstyrelsen');
    expect(normalizeActor('SSI')).toBe('Statens Serum Institut');
    expect(normalizeActor('DIGST')).toBe('Digitaliseringsstyrelsen');
  });

  it('accepts the full names in other case, spacing and the genitive', () => {
    expect(normalizeActor('danske  regioner')).toBe('Danske Regioner');
    expect(normalizeActor('Danske Regioners')).toBe('Danske Regioner');
    expect(normalizeActor("KL's")).toBe('Kommunernes Landsforening');
    expect(normalizeActor('regeringen')).toBe('Regeringen');
  });

  it('does not read the word "sum" as the ministry, and leaves unknown names as they are', () => {
    expect(normalizeActor('sum')).toBe('sum');
    expect(normalizeActor(' Region  Hovedstaden ')).toBe('Region Hovedstaden');
  });
});
