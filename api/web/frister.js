// "Aftaler og frister": commitments sorted by deadline, with filters kept in the address and
// CSV/iCalendar links for exactly the filtered list.
/* global document, location, history, fetch, AbortController, URLSearchParams, HTMLSelectElement, Option, setTimeout */
'use strict';

const PAGE_SIZE = 100;
const STATUS_PREVIEW = 140;
const ERROR_MESSAGES = {
  UNKNOWN_ACTOR: 'Aktøren har ingen aftalte handlinger. Vælg en aktør på listen.',
  UNKNOWN_DOCUMENT_FILTER: 'Dokumentet findes ikke. Vælg et dokument på listen.',
  INVALID_DATE: 'En dato er ikke gyldig. Skriv den som åååå-mm-dd.',
  DATE_RANGE_REVERSED: 'Fra-datoen ligger efter til-datoen.',
  CONFLICTING_PARAMETERS: 'Vælg enten et år eller en periode, ikke begge.',
};
const FIELDS = ['deadlineYear', 'deadlineFrom', 'deadlineTo', 'actor', 'doc', 'q'];

const $ = (id) => document.getElementById(id);
const form = $('filters');
const body = document.querySelector('#deadlines tbody');
const statusLine = $('status');
const moreButton = $('more');
const dateFormat = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

let offset = 0;
let controller = null;

function field(name) {
  return form.elements.namedItem(name);
}

function filterParams() {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = field(name).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    const value = params.get(name);
    if (value === null) continue;
    const control = field(name);
    // A value the select does not offer (yet) is added so the address stays the truth.
    if (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === value)) control.append(new Option(value, value));
    control.value = value;
  }
}

async function load(append) {
  const params = filterParams();
  history.replaceState(null, '', params.toString() ? `/frister?${params}` : '/frister');
  $('csv-link').href = `/api/commitments?${withParam(params, 'format', 'csv')}`;
  $('ics-link').href = `/api/commitments?${withParam(params, 'format', 'ics')}`;
  if (!append) offset = 0;
  controller?.abort();
  controller = new AbortController();
  try {
    const response = await fetch(`/api/commitments?${withParam(withParam(params, 'limit', PAGE_SIZE), 'offset', offset)}`, {
      signal: controller.signal,
      headers: { accept: 'application/json' },
    });
    const data = await response.json();
    if (!response.ok) {
      body.replaceChildren();
      moreButton.hidden = true;
      statusLine.textContent = ERROR_MESSAGES[data.code] ?? 'Filtrene kan ikke bruges. Prøv at nulstille dem.';
      statusLine.classList.add('error');
      return;
    }
    statusLine.classList.remove('error');
    if (!append) body.replaceChildren();
    for (const item of data.items) body.append(row(item));
    offset += data.items.length;
    statusLine.textContent = data.total === 0 ? 'Ingen frister passer til filtrene' : data.total === 1 ? '1 frist' : `${data.total} frister`;
    moreButton.hidden = offset >= data.total;
  } catch (error) {
    if (error.name !== 'AbortError') statusLine.textContent = 'Serveren svarer ikke. Prøv igen om lidt.';
  }
}

function withParam(params, name, value) {
  const copy = new URLSearchParams(params);
  copy.set(name, String(value));
  return copy;
}

function row(item) {
  const deadline = item.deadline
    ? el('td', { class: 'deadline' }, el('time', { datetime: item.deadline.end }, dateFormat.format(new Date(`${item.deadline.end}T00:00:00Z`))), el('span', { class: 'as-written' }, item.deadline.text))
    : el('td', { class: 'deadline' }, 'Ingen frist');
  return el(
    'tr',
    {},
    deadline,
    el('td', {}, item.actors.join(', ') || '—'),
    el('td', { class: 'action' }, item.action),
    el('td', { class: 'source' }, el('a', { href: new URL(item.permalink).pathname }, item.cite.text)),
    el('td', { class: 'status-cell' }, statusCell(item.status)),
  );
}

/** Follow-up status notes can be long: show the start, fold the rest into a disclosure. */
function statusCell(status) {
  if (!status) return '—';
  if (status.length <= STATUS_PREVIEW) return status;
  const cut = status.lastIndexOf(' ', STATUS_PREVIEW);
  const at = cut > 0 ? cut : STATUS_PREVIEW;
  return el('div', {}, status.slice(0, at), el('details', {}, el('summary', {}, 'Vis hele status'), status.slice(at)));
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

async function loadFacets() {
  const response = await fetch('/api/commitments/facets');
  if (!response.ok) return;
  const facets = await response.json();
  const fill = (select, options) => {
    const chosen = select.value;
    select.replaceChildren(select.options[0], ...options.map(([value, label]) => new Option(label, value)));
    select.value = chosen;
  };
  fill(field('deadlineYear'), facets.years.map((f) => [String(f.value), `${f.value} (${f.count})`]));
  fill(field('actor'), facets.actors.map((f) => [f.value, `${f.value} (${f.count})`]));
  fill(field('doc'), facets.documents.filter((f) => f.count > 0).map((f) => [f.value, `${f.title} (${f.count})`]));
}

// A year and a date range exclude each other: choosing one clears the other.
field('deadlineYear').addEventListener('change', () => {
  if (field('deadlineYear').value) field('deadlineFrom').value = field('deadlineTo').value = '';
});
for (const name of ['deadlineFrom', 'deadlineTo']) {
  field(name).addEventListener('change', () => {
    if (field(name).value) field('deadlineYear').value = '';
  });
}

form.addEventListener('change', (event) => {
  if (event.target !== field('q')) load(false);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  load(false);
});
form.addEventListener('reset', () => setTimeout(() => load(false)));
moreButton.addEventListener('click', () => {
  const next = body.children.length;
  load(true).then(() => body.children[next]?.querySelector('a')?.focus());
});

loadFacets()
  .catch(() => {})
  .then(() => {
    readAddress();
    return load(false);
  });
