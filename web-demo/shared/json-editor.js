// "Edit as JSON": a textarea kept in sync with a tab's input document, shared by the tabs.

import { h } from './format.js';

/** Parse the textarea's text as one JSON object; `check(doc)` may return a shape error. */
export function parseObject(text, check = () => null) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `the text is not JSON: ${e.message}` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { error: check(null) };
  const error = check(doc);
  return error ? { error } : { doc };
}

export class JsonEditor {
  /**
   * The textarea `#id` and its error line `#id-error`. Typing waits twice the tab's delay on the
   * tab's own timer (so a computation cancels a pending read, and a read a pending computation).
   * @param {{
   *   id: string, read: (text: string) => {doc?: any, error?: string}, current: () => any,
   *   apply: (doc: any) => void, timer: import('./timers.js').Debounce,
   *   showSummary: (issues: any[], error: any, anchors: string[]) => void, coreFailed: () => boolean,
   * }} options
   */
  constructor(options) {
    const { id, timer } = options;
    const o = {
      ...options,
      textarea: /** @type {HTMLTextAreaElement} */ (document.getElementById(id)),
      errorEl: document.getElementById(`${id}-error`),
      anchor: id,
    };
    this.o = o;
    this.error = null;
    this.dirty = false; // the textarea holds text the user typed that was not reformatted yet
    o.textarea.addEventListener('input', () => {
      this.dirty = true;
      timer.schedule(() => {
        const { doc, error } = o.read(o.textarea.value);
        this.error = error ?? null;
        if (error) {
          this.show();
          return;
        }
        o.apply(doc);
      }, timer.delayMs * 2);
    });
    o.textarea.addEventListener('blur', () => {
      if (!this.error) {
        this.dirty = false;
        this.write();
      }
    });
  }

  /** Show the current document, unless the user is typing in the editor. */
  write() {
    const { textarea } = this.o;
    if (document.activeElement === textarea && this.dirty) return;
    textarea.value = JSON.stringify(this.o.current(), null, 2);
    this.dirty = false;
  }

  /** Drop a parse error and any half-typed text (a reset or a preset replaced the document). */
  reset() {
    this.error = null;
    this.show();
    this.dirty = false;
  }

  /** The core accepted or judged the document: no JSON error is pending. */
  clear() {
    this.error = null;
    this.o.errorEl.hidden = true;
    this.o.textarea.removeAttribute('aria-invalid');
  }

  show() {
    const { errorEl, textarea, anchor, showSummary, coreFailed } = this.o;
    errorEl.hidden = !this.error;
    errorEl.replaceChildren(...(this.error ? [h('code', {}, 'invalid_json'), ' ', this.error] : []));
    textarea.toggleAttribute('aria-invalid', !!this.error);
    if (this.error) {
      showSummary([{ severity: 'error', code: 'invalid_json', input: null, path: '', message: this.error }], null, [anchor]);
    } else if (!coreFailed()) {
      showSummary([], null, []);
    }
  }
}
