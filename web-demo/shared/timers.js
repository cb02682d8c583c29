// The timers every tab uses: one pending recomputation per tab, and redrawing a chart when its
// box changes width.

/** A tab's one pending computation: a new edit postpones it; computing now cancels it. */
export class Debounce {
  /** @param {() => void} fn the tab's computation @param {number} delayMs how long edits may pause */
  constructor(fn, delayMs) {
    this.fn = fn;
    this.delayMs = delayMs;
    this.id = 0;
  }

  /** Run `fn` (the computation unless given) once `ms` passed without another call. */
  schedule(fn = this.fn, ms = this.delayMs) {
    clearTimeout(this.id);
    this.id = setTimeout(fn, ms);
  }

  cancel() {
    clearTimeout(this.id);
  }
}

/**
 * Call `redraw` 100 ms after `el` changes width (a redraw changes the height only), once `ready()`
 * (a width seen before the tab is ready does not count).
 */
export function onWidthChange(el, redraw, ready = () => true) {
  let timer = 0;
  let width = 0;
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry.contentRect.width);
    if (w === width || !ready()) return;
    width = w;
    clearTimeout(timer);
    timer = setTimeout(redraw, 100);
  }).observe(el);
}
