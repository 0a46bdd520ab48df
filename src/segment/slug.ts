const DANISH_LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue' };

/** A URL-safe, readable id segment: "National udrulning af den patientansvarlige læge" → "national-udrulning-af-den-patientansvarlige-laege". */
export function slugify(title: string, maxLength = 60): string {
  const ascii = title
    .toLowerCase()
    .replace(/['’´]/g, '')
    .replace(/[æøåäöü]/g, (ch) => DANISH_LETTERS[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > maxLength / 2 ? cut.slice(0, lastDash) : ascii.slice(0, maxLength)).replace(/-+$/, '');
}

/** Hands out ids unique within one document: a repeated one gets "-2", "-3". */
export function uniqueIds(): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? id : `${id}-${count}`;
  };
}
