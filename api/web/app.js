// The search page: results as you type (debounced), facets as filters, grouping by year,
// copy buttons, and the state kept in the address so a search can be linked to.
/* global document, location, history, fetch, AbortController, URLSearchParams, HTMLElement, CSS, setTimeout, clearTimeout */
'use strict';

const DEBOUNCE_MS = 250;
const PAGE_SIZE = 20;

const QUERY_MESSAGES = {
  QUERY_TOO_LONG: 'Søgningen er for lang: højst 500 tegn.',
  QUERY_UNBALANCED_QUOTES: 'Et anførselstegn er ikke lukket. Sæt " på begge sider af en frase.',
  QUERY_ONLY_EXCLUSIONS: 'Søgningen udelukker kun ord. Tilføj et ord, der skal findes.',
  QUERY_STRAY_OPERATOR: 'OR skal stå mellem to ord eller fraser.',
  UNKNOWN_DOCUMENT_FILTER: 'Dokumentet i filteret findes ikke. Fjern filteret og søg igen.',
  UNKNOWN_YEAR: 'Året i filteret er ikke et årstal. Fjern filteret og søg igen.',
  UNKNOWN_TYPE: 'Dokumenttypen i filteret findes ikke. Fjern filteret og søg igen.',
};

const TYPE_LABELS = {
  økonomiaftale: 'Økonomiaftale',
  opfølgningsskema: 'Opfølgningsskema',
  notat: 'Notat',
  hensigtserklæring: 'Hensigtserklæring',
  udspil: 'Udspil',
};

const $ = (id) => document.getElementById(id);
const form = $('search-form');
const input = $('q');
const groupBox = $('group');
const sortSelect = $('sort');
const statusLine = $('status');
const suggestionBox = $('suggestion');
const resultList = $('results');
const groupsBox = $('groups');
const moreButton = $('more');

const state = { q: '', years: [], types: [], docs: [], group: false, sort: 'relevance', offset: 0 };
let documentTitles = new Map();
let timer = null;
let controller = null;

// ---------------------------------------------------------------- state ⇄ address

function readAddress() {
  const params = new URLSearchParams(location.search);
  const list = (name) => params.getAll(name).flatMap((v) => v.split(',')).filter(Boolean);
  state.q = params.get('q') ?? '';
  state.years = list('year');
  state.types = list('type');
  state.docs = list('doc');
  state.group = params.get('group') === 'year';
  state.sort = params.get('sort') === 'year' ? 'year' : 'relevance';
  input.value = state.q;
  groupBox.checked = state.group;
  sortSelect.value = state.sort;
}

function searchParams(extra = {}) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const y of state.years) params.append('year', y);
  for (const t of state.types) params.append('type', t);
  for (const d of state.docs) params.append('doc', d);
  if (state.group) params.set('group', 'year');
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
  return params;
}

function writeAddress() {
  const query = searchParams().toString();
  history.replaceState(null, '', query ? `/?${query}` : '/');
}

// ---------------------------------------------------------------- fetching

function scheduleSearch() {
  clearTimeout(timer);
  timer = setTimeout(() => runSearch(false), DEBOUNCE_MS);
}

async function runSearch(append) {
  clearTimeout(timer);
  writeAddress();
  renderActiveFilters();
  if (state.q.trim() === '') {
    controller?.abort();
    clearResults();
    statusLine.textContent = state.docs.length > 0 ? `Skriv et ord for at søge i ${docNames(state.docs)}.` : '';
    $('documents').hidden = false;
    return;
  }
  $('documents').hidden = true;
  if (!append) state.offset = 0;
  controller?.abort();
  controller = new AbortController();
  const params = searchParams({ limit: PAGE_SIZE, offset: state.offset });
  form.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(`/api/search?${params}`, { signal: controller.signal, headers: { accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) return showError(body);
    render(body, append);
  } catch (error) {
    if (error.name !== 'AbortError') showError({ message: 'Serveren svarer ikke. Prøv igen om lidt.' });
  } finally {
    form.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------- rendering

function clearResults() {
  resultList.replaceChildren();
  groupsBox.replaceChildren();
  suggestionBox.hidden = true;
  moreButton.hidden = true;
  $('facet-year').replaceChildren();
  $('facet-type').replaceChildren();
  document.querySelector('.facets').hidden = state.docs.length === 0;
}

function showError(body) {
  clearResults();
  statusLine.textContent = QUERY_MESSAGES[body.code] ?? 'Søgningen kunne ikke gennemføres. Ret søgningen, og prøv igen.';
  statusLine.classList.add('error');
}

function render(body, append) {
  statusLine.classList.remove('error');
  statusLine.textContent = body.total === 0 ? 'Ingen resultater' : body.total === 1 ? '1 resultat' : `${body.total.toLocaleString('da-DK')} resultater`;
  renderSuggestion(body.suggestion);
  renderFacets(body.facets);
  if (state.group && body.groups) {
    resultList.replaceChildren();
    resultList.hidden = true;
    renderGroups(body.groups);
    moreButton.hidden = true;
    return;
  }
  groupsBox.replaceChildren();
  resultList.hidden = false;
  if (!append) resultList.replaceChildren();
  for (const hit of body.hits) resultList.append(hitItem(hit));
  state.offset += body.hits.length;
  moreButton.hidden = state.offset >= body.total;
}

function renderSuggestion(suggestion) {
  suggestionBox.replaceChildren();
  suggestionBox.hidden = !suggestion;
  if (!suggestion) return;
  const button = el('button', { type: 'button', class: 'link' }, suggestion);
  button.addEventListener('click', () => {
    input.value = suggestion;
    state.q = suggestion;
    runSearch(false);
    input.focus();
  });
  suggestionBox.append('Mente du ', button, '?');
}

let hitCounter = 0;

function hitItem(hit) {
  const id = `hit-${++hitCounter}`;
  const c = hit.citation;
  const place = c.section?.title ?? c.chapter?.title ?? c.document.title;
  const path = new URL(hit.permalink).pathname;
  const title = el('h3', { id }, el('a', { href: path, class: 'hit-link' }, place));
  const docLine = el('p', { class: 'hit-doc' }, `${c.document.title}${c.document.year ? ` (${c.document.year})` : ''}`);
  const snippet = el('p', { class: 'snippet' });
  appendSnippet(snippet, hit.snippet);
  const cite = el('p', { class: 'hit-cite' }, hit.cite.text);
  const buttons = el(
    'div',
    { class: 'buttons' },
    el('button', { type: 'button', 'data-copy': hit.permalink, 'aria-describedby': id }, 'Kopiér link'),
    el('button', { type: 'button', 'data-copy': hit.cite.text, 'aria-describedby': id }, 'Kopiér citat'),
  );
  return el('li', {}, el('article', { class: 'hit', 'aria-labelledby': id }, title, docLine, snippet, cite, buttons));
}

/** The server sends escaped text with <mark> around matches; only <mark> becomes markup here. */
function appendSnippet(target, snippet) {
  const decoder = document.createElement('textarea');
  let mark = null;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') {
      mark = el('mark');
      target.append(mark);
    } else if (piece === '</mark>') {
      mark = null;
    } else if (piece) {
      decoder.innerHTML = piece;
      (mark ?? target).append(decoder.value);
    }
  }
}

function renderGroups(groups) {
  groupsBox.replaceChildren();
  for (const group of groups) {
    const label = group.year === null ? 'Uden år' : String(group.year);
    const headingId = `group-${group.year ?? 'none'}`;
    const list = el('ol', { class: 'hits' }, ...group.hits.map(hitItem));
    const section = el(
      'section',
      { class: 'group', 'aria-labelledby': headingId },
      el('h3', { id: headingId, class: 'group-heading' }, `${label} `, el('span', { class: 'count' }, `${group.count} ${group.count === 1 ? 'resultat' : 'resultater'}`)),
      list,
    );
    if (group.year !== null && group.count > group.hits.length) {
      const all = el('button', { type: 'button', class: 'link' }, `Vis alle ${group.count} fra ${label}`);
      all.addEventListener('click', () => {
        state.years = [String(group.year)];
        state.group = false;
        groupBox.checked = false;
        runSearch(false);
      });
      section.append(all);
    }
    groupsBox.append(section);
  }
}

function renderFacets(facets) {
  document.querySelector('.facets').hidden = facets.year.length === 0 && facets.type.length === 0 && state.docs.length === 0;
  const yearList = $('facet-year');
  yearList.replaceChildren();
  const years = [...facets.year].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  for (const facet of years) {
    if (facet.value === null) {
      yearList.append(el('li', { class: 'facet-static' }, `Uden år (${facet.count})`));
      continue;
    }
    yearList.append(el('li', {}, facetButton(String(facet.value), String(facet.value), facet.count, state.years)));
  }
  const typeList = $('facet-type');
  typeList.replaceChildren();
  for (const facet of facets.type) {
    typeList.append(el('li', {}, facetButton(facet.value, TYPE_LABELS[facet.value] ?? facet.value, facet.count, state.types)));
  }
}

function facetButton(value, label, count, selected) {
  const pressed = selected.includes(value);
  const button = el('button', { type: 'button', class: 'facet', 'aria-pressed': String(pressed) }, label, el('span', { class: 'count' }, String(count)));
  button.addEventListener('click', () => {
    const index = selected.indexOf(value);
    if (index >= 0) selected.splice(index, 1);
    else selected.push(value);
    runSearch(false).then(() => focusFacet(value));
  });
  button.dataset.value = value;
  return button;
}

/** After the list is rebuilt, keep keyboard focus on the facet that was pressed. */
function focusFacet(value) {
  document.querySelector(`.facets button[data-value="${CSS.escape(value)}"]`)?.focus();
}

function renderActiveFilters() {
  const box = $('active-filters');
  box.replaceChildren();
  for (const doc of state.docs) {
    const remove = el('button', { type: 'button', class: 'chip', 'aria-label': `Fjern filteret ${documentTitles.get(doc) ?? doc}` }, `Dokument: ${documentTitles.get(doc) ?? doc} ✕`);
    remove.addEventListener('click', () => {
      state.docs = state.docs.filter((d) => d !== doc);
      runSearch(false);
      input.focus();
    });
    box.append(remove);
  }
}

function docNames(ids) {
  return ids.map((id) => documentTitles.get(id) ?? id).join(', ');
}

async function loadDocuments() {
  try {
    const response = await fetch('/api/documents');
    const { documents } = await response.json();
    documentTitles = new Map(documents.map((d) => [d.id, d.title]));
    $('document-list').replaceChildren(
      ...documents.map((d) =>
        el(
          'li',
          {},
          el('a', { href: `/?doc=${encodeURIComponent(d.id)}` }, d.title),
          ` – ${TYPE_LABELS[d.type] ?? d.type}${d.year ? `, ${d.year}` : ''}, ${d.paragraphCount} afsnit`,
        ),
      ),
    );
    renderActiveFilters();
  } catch {
    $('documents').hidden = true;
  }
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// ---------------------------------------------------------------- keyboard and events

function hitLinks() {
  return [...document.querySelectorAll('.results a.hit-link')];
}

input.addEventListener('input', () => {
  state.q = input.value;
  scheduleSearch();
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown') {
    const first = hitLinks()[0];
    if (first) {
      event.preventDefault();
      first.focus();
    }
  } else if (event.key === 'Escape' && input.value !== '') {
    input.value = '';
    state.q = '';
    runSearch(false);
  }
});

document.querySelector('.results').addEventListener('keydown', (event) => {
  if (!(event.target instanceof HTMLElement) || !event.target.matches('a.hit-link')) return;
  const links = hitLinks();
  const index = links.indexOf(event.target);
  if (event.key === 'ArrowDown' && index < links.length - 1) {
    event.preventDefault();
    links[index + 1].focus();
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    (index > 0 ? links[index - 1] : input).focus();
  } else if (event.key === 'Escape') {
    input.focus();
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  state.q = input.value;
  runSearch(false);
});

groupBox.addEventListener('change', () => {
  state.group = groupBox.checked;
  runSearch(false);
});

sortSelect.addEventListener('change', () => {
  state.sort = sortSelect.value;
  runSearch(false);
});

moreButton.addEventListener('click', () => {
  const next = resultList.children.length;
  runSearch(true).then(() => resultList.children[next]?.querySelector('a')?.focus());
});

readAddress();
// Document titles first, so a document filter from the address shows by name.
loadDocuments().finally(() => runSearch(false));
