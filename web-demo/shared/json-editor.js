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
   * @param {{
   *   textarea: HTMLTextAreaElement, errorEl: HTMLElement, anchor: string,
   *   read: (text: string) => {doc?: any, error?: string}, current: () => any, apply: (doc: any) => void,
   *   debounce: (fn: () => void, ms: number) => void, delayMs: number,
   *   showSummary: (issues: any[], error: any, anchors: string[]) => void, coreFailed: () => boolean,
   * }} o
   */
  constructor(o) {
    this.o = o;
    this.error = null;
    this.dirty = false; // the textarea holds text the user typed that was not reformatted yet
    o.textarea.addEventListener('input', () => {
      this.dirty = true;
      o.debounce(() => {
        const { doc, error } = o.read(o.textarea.value);
        this.error = error ?? null;
        if (error) {
          this.show();
          return;
        }
        o.apply(doc);
      }, o.delayMs);
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
