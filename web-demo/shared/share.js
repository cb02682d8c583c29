// The bar above each tab's results: copy a link that reproduces the view, download the current
// result as JSON and each chart as SVG, print a one-page report. Files are made in the browser
// (a Blob and a download link); nothing is uploaded.

import { h } from './format.js';

// Presentation properties the page's stylesheet gives the charts: written onto the SVG's
// elements so a downloaded chart looks the same outside the page.
const SVG_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility',
];

function inlineStyles(svg) {
  const copy = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((node, i) => {
    const cs = getComputedStyle(node);
    to[i].setAttribute('style', SVG_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
  });
  const box = svg.getBoundingClientRect();
  copy.setAttribute('width', String(Math.round(box.width)));
  copy.setAttribute('height', String(Math.round(box.height)));
  return { copy, width: Math.round(box.width), height: Math.round(box.height) };
}

/**
 * One standalone SVG document of the charts inside `container` (several are stacked, in page
 * order), styles inlined; null when it holds none.
 */
export function standaloneSvg(container) {
  const svgs = [...(container?.querySelectorAll('svg') ?? [])].filter((s) => !s.parentElement.closest('svg'));
  if (!svgs.length) return null;
  const parts = svgs.map(inlineStyles);
  let out = parts[0].copy;
  if (parts.length > 1) {
    const width = Math.max(...parts.map((p) => p.width));
    let y = 0;
    out = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    for (const p of parts) {
      p.copy.setAttribute('y', String(y));
      y += p.height + 8;
      out.append(p.copy);
    }
    out.setAttribute('width', String(width));
    out.setAttribute('height', String(y));
  }
  out.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`;
}

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure context, permission): copy through a selected field instead.
    const ta = h('textarea', { class: 'visually-hidden', readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

/**
 * Put the bar at the top of `container`; returns it and its note (a line for messages).
 * @param {HTMLElement} container
 * @param {{
 *   tab: string, link: () => Promise<string>, result: () => any,
 *   charts: {name: string, label: string, el: () => Element | null}[],
 * }} options
 */
export function shareBar(container, { tab, link, result, charts }) {
  const linkOut = /** @type {HTMLInputElement} */ (h('input', {
    type: 'text', readonly: true, class: 'share-link', 'data-testid': `link-${tab}`, 'aria-label': 'Link to this view', hidden: true,
  }));
  const note = h('span', { class: 'share-note', 'data-testid': `share-note-${tab}`, 'aria-live': 'polite' });
  const button = (label, testid, onclick) => h('button', { type: 'button', class: 'secondary', 'data-testid': testid, onclick }, label);
  const bar = h('div', { class: 'share-bar', role: 'toolbar', 'aria-label': 'Share and save' },
    button('Copy link', `copy-link-${tab}`, async () => {
      const href = await link();
      linkOut.value = href;
      linkOut.hidden = false;
      note.textContent = (await copyText(href)) ? 'Link copied' : 'Copy the link below';
    }),
    button('Download JSON', `download-json-${tab}`, () => {
      download(`drplan-${tab}.json`, 'application/json', `${JSON.stringify(result(), null, 2)}\n`);
    }),
    ...charts.map((c) => button(`${c.label} (SVG)`, `download-svg-${tab}-${c.name}`, () => {
      const svg = standaloneSvg(c.el());
      if (svg) download(`drplan-${tab}-${c.name}.svg`, 'image/svg+xml', svg);
      else note.textContent = 'Nothing to download: the chart is empty';
    })),
    button('Print', `print-${tab}`, () => window.print()),
    note,
    linkOut);
  container.prepend(bar);
  return { bar, note };
}
