// Picks HTML or JSON from an Accept header by its q-values; HTML wins ties and absent headers,
// so browsers get the page and `Accept: application/json` gets the data.

export type Representation = 'html' | 'json';

export function preferredRepresentation(accept: string | undefined): Representation | null {
  if (!accept || accept.trim() === '') return 'html';
  let html = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [rawType, ...params] = part.trim().split(';');
    const type = (rawType ?? '').trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
    else if (type === 'application/json') json = Math.max(json, q);
    else if (type === 'text/*') html = Math.max(html, q * 0.99);
    else if (type === 'application/*') json = Math.max(json, q * 0.99);
    else if (type === '*/*') {
      html = Math.max(html, q * 0.98);
      json = Math.max(json, q * 0.97);
    }
  }
  if (html === 0 && json === 0) return null;
  return json > html ? 'json' : 'html';
}
