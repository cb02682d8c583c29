// The timers every tab uses: one pending recomputation per tab, and redrawing a chart when its
// box changes width.

/**
 * A tab's one pending computation: a new edit postpones it; computing now cancels it. Once edits
 * pause for `delayMs` the computation runs in the next animation frame, so it is painted in that
 * frame and several edits within one frame cost one computation.
 */
export class Debounce {
  /** @param {() => void} fn the tab's computation @param {number} delayMs how long edits may pause */
  constructor(fn, delayMs) {
    this.fn = fn;
    this.delayMs = delayMs;
    this.id = 0;
    this.frame = 0;
  }

  /** Run `fn` (the computation unless given) in the first frame after `ms` without another call. */
  schedule(fn = this.fn, ms = this.delayMs) {
    this.cancel();
    this.id = setTimeout(() => {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        fn();
      });
    }, ms);
  }

  cancel() {
    clearTimeout(this.id);
    cancelAnimationFrame(this.frame);
  }
}

/**
 * Call `redraw` 100 ms after `el` changes width (a redraw changes the height only), once `ready()`
 * (a width seen before the tab is ready does not count), unless the chart was drawn at that width
 * already (`drawnAt()`, e.g. a tab shown for the first time draws at its new width).
 */
export function onWidthChange(el, redraw, ready = () => true, drawnAt = () => undefined) {
  let timer = 0;
  let width = 0;
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry.contentRect.width);
    if (w === width || !ready()) return;
    width = w;
    if (drawnAt() === w) return;
    clearTimeout(timer);
    timer = setTimeout(redraw, 100);
  }).observe(el);
}
