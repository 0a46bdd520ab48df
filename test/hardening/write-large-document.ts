// Child process of the embedded-index crash test: writes one very large version of a document
// into the embedded index under DATA_DIR, saying on stderr when the write starts and ends. The
// test kills it with SIGKILL in between.
//
//   node --import tsx test/hardening/write-large-document.ts <document id> <sections>
import { isDanishWord } from '../../src/analysis/lexicon.ts';
import { extractCommitments } from '../../src/enrich/commitments.ts';
import { extractNote } from '../../src/extract/index.ts';
import { openEmbeddedIndex } from '../../src/index/sqlite/index.ts';
import { buildDocument } from '../../src/segment/index.ts';

const [id = 'stort-notat', sections = '300'] = process.argv.slice(2);
const dir = process.env.DATA_DIR;
if (!dir) throw new Error('DATA_DIR must name the index folder');

const lines: string[] = [`# Et meget stort notat`, ''];
for (let s = 1; s <= Number(sections); s++) {
  lines.push(`## ${s}. Indsatsområde ${s}`, '');
  for (let p = 1; p <= 40; p++) {
    lines.push(`Regionerne skal inden udgangen af ${2020 + (p % 5)} styrke indsats nummer ${s}-${p} for patienter med kroniske sygdomme i kommune ${p * s}.`, '');
  }
}
const extracted = extractNote(`${id}.md`, Buffer.from(lines.join('\n'), 'utf8'));
const doc = buildDocument(extracted, { id, title: 'Et meget stort notat', type: 'notat', year: 2021, parties: [], source: `${id}.md` }, isDanishWord);
const backend = await openEmbeddedIndex({ dir });
console.error(`writing ${doc.id}`);
await backend.putDocument(doc, extractCommitments(doc));
console.error(`written ${doc.id}`);
await backend.close();
