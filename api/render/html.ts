// Server-rendered HTML: every value goes through `escapeHtml`; pages share one layout
// with the site's own style sheet and script (no external resources).

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export type NavItem = 'search' | 'deadlines' | null;

export function layout(options: { title: string; current: NavItem; body: Html; scripts?: string[] }): string {
  const { title, current, body, scripts = [] } = options;
  const link = (href: string, label: string, item: NavItem) =>
    html`<a href="${href}"${current === item ? new Html(' aria-current="page"') : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Aftalesøg</title>
<link rel="stylesheet" href="/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">Spring til indhold</a>
<header class="site">
<a class="brand" href="/">Aftalesøg</a>
<nav aria-label="Hovedmenu">${link('/', 'Søg', 'search')}${link('/frister', 'Aftaler og frister', 'deadlines')}</nav>
</header>
<main id="main">
${body}
</main>
${scripts.map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>
`.value;
}
