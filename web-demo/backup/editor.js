// A plain <textarea> dressed as a code editor: line numbers in a gutter, a marker per line with a
// finding, and a highlight drawn behind the text. The highlight is a mirror of the text (same font,
// same padding, transparent glyphs) with a <mark> around the range, scrolled with the textarea, so
// it stays visible when the textarea loses focus and its own selection fades.

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

export class CodeEditor {
  /**
   * @param {HTMLTextAreaElement} textarea
   * @param {HTMLElement} backdrop the mirror behind the textarea
   * @param {HTMLElement} gutter the line-number column's content
   */
  constructor(textarea, backdrop, gutter) {
    this.textarea = textarea;
    this.backdrop = backdrop;
    this.gutter = gutter;
    this.range = null; // {start, end, kind}
    this.markers = new Map(); // 0-based line → 'error' | 'warning' | 'info'
    this.lineCount = 0;
    textarea.addEventListener('input', () => {
      this.range = null; // the offsets no longer mean anything
      this.render();
    });
    textarea.addEventListener('scroll', () => this.syncScroll());
  }

  get value() {
    return this.textarea.value;
  }

  set value(text) {
    this.textarea.value = text;
    this.range = null;
    this.textarea.scrollTop = 0;
    this.textarea.scrollLeft = 0;
    this.render();
  }

  /** Line markers: a Map of 0-based line → worst severity on that line. */
  setMarkers(markers) {
    this.markers = markers;
    this.renderGutter(true);
  }

  /**
   * Highlight [start, end): the mirror marks it, the textarea selects it (focused, so the
   * selection shows) and both scroll to it. `kind` styles the mark ('exact' or 'ancestor').
   */
  highlight(start, end, kind = 'exact') {
    const ta = this.textarea;
    this.range = { start, end: Math.max(end, start), kind };
    this.render();
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, Math.max(end, start), 'forward');
    this.scrollToRange();
  }

  clearHighlight() {
    if (!this.range) return;
    this.range = null;
    this.render();
  }

  /**
   * Bring the editor into the window, then scroll the textarea so the mark sits in the upper third
   * of the part of the editor that is on screen.
   */
  scrollToRange() {
    const mark = this.backdrop.querySelector('mark');
    if (!mark) return;
    const ta = this.textarea;
    const editor = ta.closest('.code-editor') ?? ta;
    const outer = editor.getBoundingClientRect();
    if (outer.top < 0 || outer.bottom > window.innerHeight) editor.scrollIntoView({ block: 'nearest' });
    const rect = ta.getBoundingClientRect();
    const visTop = Math.max(rect.top, 0) - rect.top; // the visible band, in textarea coordinates
    const visBottom = Math.min(rect.bottom, window.innerHeight) - rect.top;
    const top = mark.offsetTop - ta.scrollTop;
    if (top < visTop + 8 || top + mark.offsetHeight > visBottom - 8) {
      ta.scrollTop = Math.max(0, mark.offsetTop - visTop - (visBottom - visTop) / 3);
    }
    const left = mark.offsetLeft;
    if (left < ta.scrollLeft || left > ta.scrollLeft + ta.clientWidth - 40) {
      ta.scrollLeft = Math.max(0, left - 40);
    }
    this.syncScroll();
  }

  syncScroll() {
    this.backdrop.scrollTop = this.textarea.scrollTop;
    this.backdrop.scrollLeft = this.textarea.scrollLeft;
    this.gutter.style.transform = `translateY(${-this.textarea.scrollTop}px)`;
  }

  render() {
    const text = this.textarea.value;
    const inner = document.createElement('div');
    inner.className = 'code-text';
    const r = this.range;
    if (r && r.start <= text.length) {
      const mark = document.createElement('mark');
      mark.className = r.kind;
      // An empty range still gets a visible caret-wide mark.
      mark.textContent = text.slice(r.start, r.end) || '\u200b';
      inner.append(text.slice(0, r.start), mark, `${text.slice(r.end)}\n`);
    } else {
      inner.textContent = `${text}\n`;
    }
    this.backdrop.replaceChildren(inner);
    this.renderGutter(false);
    this.syncScroll();
  }

  renderGutter(force) {
    const text = this.textarea.value;
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines += 1;
    if (lines !== this.lineCount) {
      this.lineCount = lines;
      const frag = document.createDocumentFragment();
      for (let i = 1; i <= lines; i++) {
        const d = document.createElement('div');
        d.textContent = String(i);
        frag.append(d);
      }
      this.gutter.replaceChildren(frag);
      force = true;
    }
    const r = this.range;
    let hl = null;
    if (r) {
      const first = countLines(text, r.start);
      hl = [first, first + countLines(text.slice(r.start, r.end), r.end - r.start)];
    }
    if (!force && !r && !this.hadRange) return;
    this.hadRange = !!r;
    const rows = this.gutter.children;
    for (let i = 0; i < rows.length; i++) {
      const sev = this.markers.get(i);
      const cls = [sev ? `mark-${sev}` : '', hl && i >= hl[0] && i <= hl[1] ? 'hl' : ''].filter(Boolean).join(' ');
      if (rows[i].className !== cls) rows[i].className = cls;
    }
  }
}

function countLines(text, upTo) {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < upTo; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/** Merge findings' lines into gutter markers (worst severity wins). */
export function markersFor(located) {
  const m = new Map();
  for (const { line, severity } of located) {
    if ((SEVERITY_RANK[severity] ?? 0) > (SEVERITY_RANK[m.get(line)] ?? 0)) m.set(line, severity);
  }
  return m;
}
