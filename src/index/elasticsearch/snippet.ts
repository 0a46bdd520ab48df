import { escapeHtml } from '../../search/highlight.ts';

// Elasticsearch highlights with `encoder: 'html'` and <mark> tags; this only brings its fragment
// to the embedded index's snippet form: the same entities for ' and /, and "…" where the
// fragment cuts the text.

const MARK = /<\/?mark>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x2F;': '/', '&#39;': "'" };

function unescape(html: string): string {
  return html.replace(/&(?:amp|lt|gt|quot|#x27|#x2F|#39);/g, (entity) => ENTITIES[entity]!);
}

/**
 * The snippet of `text` from Elasticsearch's highlighted fragment (undefined when it sent none:
 * then the text's beginning, escaped). Lucene's encoder writes ' as &#x27; and / as &#x2F;;
 * both become what escapeHtml writes.
 */
export function snippetFromFragment(text: string, fragment: string | undefined, maxLength: number): string {
  if (fragment === undefined) {
    const cut = text.length > maxLength;
    return `${escapeHtml(cut ? text.slice(0, maxLength) : text)}${cut ? '…' : ''}`;
  }
  const html = fragment.replaceAll('&#x27;', '&#39;').replaceAll('&#x2F;', '/');
  const plain = unescape(html.replace(MARK, ''));
  const at = text.indexOf(plain);
  if (at === -1) return html;
  return `${at > 0 ? '…' : ''}${html}${at + plain.length < text.length ? '…' : ''}`;
}
