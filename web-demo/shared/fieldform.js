// Forms bound to JSON input documents by JSON pointers — the same paths the core reports issues at,
// so an issue lands next to its field. Shared by the tabs: each builds its sections from field
// specs with `field`/`fields`/`section` and shows the core's issues with `showIssues`.

import { h } from './format.js';
import { getAt, setAt, deleteAt } from './pointer.js';

// Field types:
//   text      a string (empty → key left out unless `required`)
//   unit      a number or a string with a unit ("15m", "2 TiB", "1 Gbps"); numbers go as numbers
//   number    a JSON number (anything else is sent as typed, so the core reports it)
//   bool      a checkbox (true/false)
//   select    one of `options` ([value, label] pairs); `optional: 'label'` adds an empty choice
//             that leaves the key out
//   tristate  yes / no / not given (true / false / key left out)
//   set       checkboxes writing an array of the checked `options` values
// Other spec members: key, label, help, placeholder, required, half (half a row), more (under
// "More settings"), dflt (shown when the key is absent), structural (re-render after a change).

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function fieldId(input, path) {
  return `f-${input}${path}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The JSON value a field's text stands for; `undefined` means "leave the key out". */
function readValue(spec, el) {
  if (spec.type === 'bool') return el.checked;
  if (spec.type === 'select') return el.value === '' && spec.optional ? undefined : el.value;
  if (spec.type === 'tristate') return el.value === '' ? undefined : el.value === 'true';
  if (spec.type === 'set') {
    const group = el.closest('[data-path]');
    return [...group.querySelectorAll('input[type="checkbox"]:checked')].map((c) => c.value);
  }
  const text = el.value.trim();
  if (spec.type === 'text') return text === '' && !spec.required ? undefined : text;
  if (text === '') return undefined;
  // Numbers go to the core as numbers; anything else as typed, so the core reports it.
  return NUMERIC.test(text) ? Number(text) : text;
}

function showValue(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export class FieldForm {
  /**
   * @param {HTMLElement} root where the form sections go
   * @param {{getState: () => Record<string, any>, onEdit: (structural: boolean) => void}} opts
   *   `getState()` returns the input documents by input name (the `input` of the core's issues).
   */
  constructor(root, { getState, onEdit }) {
    this.root = root;
    this.getState = getState;
    this.onEdit = onEdit;
    // control element → {spec, input, path}; keyed by element, not id: a re-render replaces the
    // controls, and a late event from a replaced one (its blur `change`) must not write anything.
    this.specs = new Map();
    root.addEventListener('input', (ev) => this.#edited(ev));
    root.addEventListener('change', (ev) => this.#edited(ev));
  }

  #edited(ev) {
    const bound = this.specs.get(ev.target);
    if (!bound) return;
    const { type } = bound.spec;
    if (ev.type === 'input' && (type === 'bool' || type === 'select' || type === 'tristate' || type === 'set')) return;
    const doc = this.getState()[bound.input];
    const value = readValue(bound.spec, ev.target);
    if (value === undefined) deleteAt(doc, bound.path);
    else setAt(doc, bound.path, value);
    this.afterEdit(bound);
    this.onEdit(!!bound.spec.structural);
  }

  /** Hook for subclasses, called after a field wrote its value and before `onEdit`. */
  afterEdit(_bound) {}

  field(input, base, spec, doc) {
    const path = `${base}/${spec.key}`;
    const id = fieldId(input, path);
    const bound = { spec, input, path };
    const value = getAt(doc, path);
    const describedBy = [`${id}-help`, `${id}-note`, `${id}-err`].join(' ');
    let control;
    if (spec.type === 'bool') {
      control = h('input', { id, type: 'checkbox', 'aria-describedby': describedBy });
      control.checked = typeof value === 'boolean' ? value : !!spec.dflt;
    } else if (spec.type === 'select' || spec.type === 'tristate') {
      const options = spec.type === 'tristate'
        ? [['', spec.optional ?? 'not given'], ['true', 'yes'], ['false', 'no']]
        : [...(spec.optional ? [['', spec.optional]] : []), ...spec.options];
      control = h('select', { id, 'aria-describedby': describedBy },
        options.map(([v, label]) => h('option', { value: v }, label)));
      let current = spec.type === 'tristate'
        ? (typeof value === 'boolean' ? String(value) : value === undefined ? '' : value)
        : (value ?? spec.dflt ?? (spec.optional ? '' : spec.options[0][0]));
      if (typeof current !== 'string') current = JSON.stringify(current);
      if (!options.some(([v]) => v === current)) control.append(h('option', { value: current }, String(current)));
      control.value = current;
    } else if (spec.type === 'set') {
      const checked = Array.isArray(value) ? value : (spec.dflt ?? []);
      const boxes = spec.options.map(([v, label], i) => {
        const boxId = i === 0 ? id : `${id}-${v}`;
        const box = h('input', { id: boxId, type: 'checkbox', value: v, 'aria-describedby': i === 0 ? describedBy : undefined });
        this.specs.set(box, bound);
        box.checked = checked.includes(v);
        return h('label', { class: 'check', for: boxId }, box, h('span', {}, label));
      });
      const help = h('p', { class: 'help', id: `${id}-help` }, spec.help ?? '');
      if (!spec.help) help.hidden = true;
      return h('fieldset', { class: `field field-set${spec.half ? ' half' : ''}`, dataset: { input, path } },
        h('legend', {}, spec.label), h('div', { class: 'choices' }, boxes), help,
        h('p', { class: 'note', id: `${id}-note`, hidden: true }),
        h('p', { class: 'error', id: `${id}-err`, hidden: true }));
    } else {
      control = h('input', {
        id,
        type: 'text',
        inputmode: spec.type === 'number' ? 'decimal' : undefined,
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder: spec.placeholder,
        required: spec.required,
        'aria-describedby': describedBy,
      });
      control.value = showValue(value);
    }
    this.specs.set(control, bound);
    const help = h('p', { class: 'help', id: `${id}-help` }, spec.help ?? '');
    if (!spec.help) help.hidden = true;
    const note = h('p', { class: 'note', id: `${id}-note`, hidden: true });
    const err = h('p', { class: 'error', id: `${id}-err`, hidden: true });
    const cls = `field field-${spec.type}${spec.half ? ' half' : ''}`;
    if (spec.type === 'bool') {
      return h('div', { class: cls, dataset: { input, path } },
        h('label', { for: id, class: 'check' }, control, h('span', {}, spec.label)), help, note, err);
    }
    return h('div', { class: cls, dataset: { input, path } },
      h('label', { for: id }, spec.label), control, help, note, err);
  }

  fields(input, base, specs, doc) {
    const main = specs.filter((s) => !s.more).map((s) => this.field(input, base, s, doc));
    const more = specs.filter((s) => s.more);
    if (more.length === 0) return main;
    const anyMoreSet = more.some((s) => getAt(doc, `${base}/${s.key}`) !== undefined);
    const details = h('details', { class: 'more', open: anyMoreSet },
      h('summary', {}, 'More settings'),
      h('div', { class: 'grid' }, more.map((s) => this.field(input, base, s, doc))));
    return [...main, details];
  }

  /** A fieldset of fields under `base`; `notes` adds a place for warnings about the whole group. */
  section(input, base, title, specs, doc, intro, { notes = false, id } = {}) {
    return h('fieldset', { class: 'section', id, dataset: { input, path: base } },
      h('legend', {}, title),
      intro ? h('p', { class: 'intro' }, intro) : null,
      h('div', { class: 'grid' }, this.fields(input, base, specs, doc)),
      notes ? h('p', { class: 'note', hidden: true }) : null,
      h('p', { class: 'error', hidden: true }));
  }

  /** Where an issue at (input, path) is shown: the field, else its nearest enclosing group. */
  holder(input, path) {
    let p = path;
    for (;;) {
      const el = this.root.querySelector(`[data-input="${input}"][data-path="${CSS.escape(p)}"]`);
      if (el) return el;
      if (p === '') return null;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  /** The text of a non-error issue shown under its own field, or null to show nothing there. */
  noteText(issue) {
    if (issue.code !== 'default_assumed') return null;
    return `Default: ${issue.message
      .replace(/^not given: (assumed )?/, '')
      .replace(/\s*\((drplan planning default: )?set [^)]*\)$/, '')}`;
  }

  /**
   * Show issues inline: errors in red next to their field, other issues as a note when
   * `noteText` gives one. Returns the element ids issues were attached to (for the summary's links).
   */
  showIssues(issues) {
    for (const el of this.root.querySelectorAll('.error, .note')) {
      el.hidden = true;
      el.replaceChildren();
    }
    for (const el of this.root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of this.root.querySelectorAll('.has-error')) el.classList.remove('has-error');
    const anchors = [];
    for (const issue of issues) {
      const holder = issue.input ? this.holder(issue.input, issue.path) : null;
      if (!holder) {
        anchors.push(null);
        continue;
      }
      const exact = holder.dataset.path === issue.path;
      const control = exact ? holder.querySelector('input, select, textarea') : null;
      if (issue.severity === 'error') {
        const err = holder.querySelector(':scope > .error');
        if (!err) {
          anchors.push(null);
          continue;
        }
        err.hidden = false;
        err.append(h('span', { class: 'issue' },
          h('code', {}, issue.code), ' ',
          exact ? '' : h('code', { class: 'path' }, issue.path), exact ? '' : ' ',
          issue.message, issue.hint ? h('span', { class: 'hint' }, ` — ${issue.hint}`) : ''));
        holder.classList.add('has-error');
        control?.setAttribute('aria-invalid', 'true');
        anchors.push(control?.id ?? null);
        continue;
      }
      const text = exact ? this.noteText(issue) : null;
      const note = holder.querySelector(':scope > .note');
      if (text && note) {
        note.hidden = false;
        note.textContent = note.textContent ? `${note.textContent} ${text}` : text;
      }
      anchors.push(control?.id ?? null);
    }
    return anchors;
  }
}
