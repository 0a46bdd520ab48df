// Paragraph ids are readable paths (`oa18/3/national-udrulning-af-den-patientansvarlige-laege/2`):
// each segment is encoded on its own so the slashes stay slashes in the URL.

export function encodeIdPath(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

/** The paragraph's own page, relative to the site root. */
export function paragraphPath(id: string): string {
  return `/p/${encodeIdPath(id)}`;
}

/** The paragraph's JSON resource, relative to the site root. */
export function paragraphApiPath(id: string): string {
  return `/api/paragraphs/${encodeIdPath(id)}`;
}

/** Joins the public base URL (no trailing slash needed) and a root-relative path. */
export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
