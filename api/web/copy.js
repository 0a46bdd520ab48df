// Copy buttons: any button with data-copy copies that text. The clipboard API needs a secure
// context (https or localhost); elsewhere a selected textarea and execCommand do it.
/* global window, navigator, document, Element, setTimeout */
'use strict';

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: fall through to the old way.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let copied;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

function announce(button, message) {
  const region = button.closest('section, article, main')?.querySelector('[role="status"].copy-status') ?? document.getElementById('copy-status');
  if (region) region.textContent = message;
}

document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
  if (!button) return;
  const label = button.dataset.label ?? button.textContent;
  button.dataset.label = label;
  const copied = await copyText(button.dataset.copy);
  button.textContent = copied ? 'Kopieret ✓' : 'Kunne ikke kopiere';
  announce(button, copied ? 'Kopieret til udklipsholderen.' : 'Kunne ikke kopiere. Markér teksten, og kopiér den selv.');
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
});
