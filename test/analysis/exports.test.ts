import { expect, it } from 'vitest';
import * as analysis from '../../src/analysis/index.ts';

it('exports the documented API and nothing else', () => {
  expect(Object.keys(analysis).sort()).toEqual([
    'COMPOUND_WORDS', 'DECOMPOUND_OPTIONS', 'FTS5_TOKENIZE', 'STOPWORDS', 'SYNONYM_GROUPS', 'TOKEN_PATTERN',
    'analyzeForIndex', 'analyzeQuery', 'buildCompoundWordList', 'compoundPartStems', 'compoundWordListJson',
    'elasticsearchAnalysis', 'fold', 'foldedStem', 'isDanishWord', 'isNonFinalAbbreviation', 'isStopword', 'normalizeActor', 'normalizeTerm',
    'sentenceSpans', 'splitCompound', 'splitSentences', 'stem', 'suggest', 'synonymRules', 'tokenize',
  ]);
});
