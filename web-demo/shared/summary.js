// The problem summary each tab shows above its results, and the link from an issue to the form
// field it is about.

import { h } from './format.js';

/** A link that opens the field's enclosing <details>, focuses the field and scrolls to it. */
export function fieldLink(id, text) {
  return h('a', {
    href: `#${id}`,
    onclick: (ev) => {
      ev.preventDefault();
      const field = document.getElementById(id);
      if (!field) return;
      for (let d = field.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
      field.focus();
      field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    },
  }, text);
}

/**
 * Fill `box` with `issues`: a heading with their count ("The {noun} has 2 problems") and the
 * call's error code, one line per issue — where (`where(issue)`, a link when `anchors[i]` names a
 * field), code, message, hint — then the `notes` (stale-result remarks; falsy ones are skipped).
 * No issues: the box is hidden and emptied.
 */
export function renderIssueSummary(box, { issues, error = null, anchors = [], where, noun, notes = [] }) {
  box.hidden = !issues.length;
  if (!issues.length) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(
    h('h2', {}, issues.length === 1 ? `The ${noun} has a problem` : `The ${noun} has ${issues.length} problems`,
      error ? [' ', h('code', { class: 'call-code', title: error.message }, error.code)] : null),
    h('ul', {}, issues.map((issue, i) => h('li', {},
      anchors[i] ? fieldLink(anchors[i], where(issue)) : h('span', { class: 'where' }, where(issue)), ': ',
      h('code', {}, issue.code), ' ', issue.message,
      issue.hint ? h('span', { class: 'hint' }, ` — ${issue.hint}`) : null))),
    ...notes.filter(Boolean).map((n) => h('p', { class: 'stale-note' }, n)),
  );
}
