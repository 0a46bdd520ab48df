import type { ArchivedView, Crumb, FollowedUpByView, FollowsView, FoundView, Neighbour } from '../paragraph-view.ts';
import { html, layout, type Html } from './html.ts';

// The paragraph's own page: breadcrumb, the paragraph between its neighbours, its follow-up
// across years, and how to cite it.

const DATE_FORMAT = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Copenhagen' });

export function paragraphPage(view: FoundView): string {
  const heading = view.breadcrumb.slice(1).map((crumb) => crumb.label).join(', ');
  const pages = view.pages.length > 1 ? `Side ${view.pages[0]}-${view.pages.at(-1)}` : `Side ${view.page}`;
  const body = html`
${crumbs(view.breadcrumb)}
<article class="paragraph-page" aria-labelledby="paragraph-heading">
<h1 id="paragraph-heading">${heading}</h1>
<p class="meta">${view.citation.document.title} · ${pages}${view.box ? ` · ${view.box}` : ''}</p>
${context('Forrige afsnit', view.previous, 'previous')}
<blockquote class="current" cite="${view.permalink}">${paragraphs(view.text)}</blockquote>
${context('Næste afsnit', view.next, 'next')}
</article>
${followUpBox(view)}
${citeBox(view)}`;
  return layout({ title: heading, current: null, body, scripts: ['/copy.js'] });
}

export function archivedPage(view: ArchivedView): string {
  const heading = view.breadcrumb.slice(1).map((crumb) => crumb.label).join(', ');
  const archived = DATE_FORMAT.format(new Date(view.archivedAt));
  const body = html`
${crumbs(view.breadcrumb)}
<article class="paragraph-page" aria-labelledby="paragraph-heading">
<h1 id="paragraph-heading">${heading}</h1>
<div class="notice" role="note">
<p><strong>Dette afsnit findes ikke længere i den nyeste udgave af dokumentet.</strong></p>
<p>Teksten nedenfor er afsnittet, som det stod, da linket blev lavet. Det blev arkiveret den ${archived}.</p>
</div>
<blockquote class="current archived" cite="${view.permalink}">${paragraphs(view.quote)}</blockquote>
<p><a href="${searchForQuote(view)}">Søg efter teksten i dokumentets nyeste udgave</a></p>
</article>
${citeBox(view)}`;
  return layout({ title: `${heading} (arkiveret)`, current: null, body, scripts: ['/copy.js'] });
}

export function notFoundPage(id: string): string {
  const body = html`
<h1>Afsnittet blev ikke fundet</h1>
<p>Linket peger ikke på et afsnit, vi kender. Tjek adressen, eller søg efter teksten.</p>
<p class="technical">Intet afsnit har nogensinde haft id'et <code>${id}</code>.</p>
<p><a href="/">Gå til søgningen</a></p>`;
  return layout({ title: 'Ikke fundet', current: null, body });
}

/** A search in the same document for the quote's first words (plain words: no query operators). */
function searchForQuote(view: ArchivedView): string {
  const words = view.quote.match(/[\p{L}\d]{4,}/gu)?.slice(0, 4) ?? [];
  const params = new URLSearchParams({ q: words.join(' '), doc: view.citation.document.id });
  return `/?${params.toString()}`;
}

function crumbs(items: Crumb[]): Html {
  return html`<nav class="breadcrumb" aria-label="Brødkrumme"><ol>${items.map((crumb, i) =>
    i === items.length - 1
      ? html`<li aria-current="location">${crumb.label}</li>`
      : crumb.href
        ? html`<li><a href="${crumb.href}">${crumb.label}</a></li>`
        : html`<li>${crumb.label}</li>`,
  )}</ol></nav>`;
}

function context(label: string, neighbour: Neighbour | null, kind: string): Html {
  if (!neighbour) return html``;
  return html`<section class="context ${kind}" aria-label="${label}">
<p class="context-label"><a href="${new URL(neighbour.permalink).pathname}" rel="${kind === 'previous' ? 'prev' : 'next'}">${label}</a></p>
<div class="context-text">${paragraphs(neighbour.text)}</div>
</section>`;
}

/** "Opfølgning": the agreement text a follow-up row follows, or the rows that follow this paragraph. */
function followUpBox(view: FoundView): Html {
  if (view.follows.length === 0 && view.followedUpBy.length === 0) return html``;
  return html`<section class="cite follow-up" aria-labelledby="follow-up-heading">
<h2 id="follow-up-heading">Opfølgning</h2>
${view.follows.length > 0 ? html`<p>Følger op på:</p>
<ul class="follows">${view.follows.map(followed)}</ul>` : html``}
${view.followedUpBy.length > 0 ? html`<p>Følges op i:</p>
<ul class="followed-up-by">${view.followedUpBy.map(following)}</ul>` : html``}
</section>`;
}

function followed(item: FollowsView): Html {
  return html`<li><a href="${new URL(item.permalink).pathname}">${item.citationText}</a>
<p class="snippet">${item.snippet}</p></li>`;
}

function following(item: FollowedUpByView): Html {
  return html`<li><a href="${new URL(item.permalink).pathname}">${item.topic}</a> <span class="hit-doc">(${item.document.title})</span>
<p class="row-status"><strong>Status:</strong> ${paragraphs(item.status)}</p>
<p class="responsible">Ansvarlig: ${item.responsible ?? 'ikke angivet'}</p></li>`;
}

function citeBox(view: FoundView | ArchivedView): Html {
  return html`<section class="cite" aria-labelledby="cite-heading">
<h2 id="cite-heading">Henvis til afsnittet</h2>
<p class="cite-text" id="cite-text">${view.cite.text}</p>
<p class="cite-url"><a href="${view.permalink}">${view.permalink}</a></p>
<div class="buttons">
<button type="button" data-copy="${view.cite.url}">Kopiér link</button>
<button type="button" data-copy="${view.cite.text}">Kopiér citat</button>
<button type="button" data-copy="${view.cite.markdown}">Kopiér som Markdown</button>
</div>
<p class="copy-status" role="status" aria-live="polite"></p>
</section>`;
}

/** Line breaks inside a paragraph (list items, table cells) are kept. */
function paragraphs(text: string): Html {
  const lines = text.split('\n');
  return html`${lines.map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
