// Code that runs inside the benchmarked page (passed to page.evaluate): plain functions, no imports.

/**
 * tsx compiles these functions with esbuild's keepNames, which wraps inner functions in a
 * `__name(fn, "name")` helper that does not exist in the page. Every benchmarked context gets this
 * identity helper first (an init script runs before the page's own code and ignores its CSP).
 */
export const PAGE_HELPERS = { content: 'globalThis.__name = (fn) => fn;' };

/**
 * Scrolls `selector` by `step` pixels per frame for `frames` frames, jumping to a random place
 * every `jumpEvery` frames (which makes the virtual list fetch pages it has not seen), and
 * returns each frame's duration from requestAnimationFrame timestamps.
 */
export function scrollFrames(args: { selector: string; frames: number; step: number; jumpEvery: number }): Promise<number[]> {
  const scroller = document.querySelector(args.selector);
  if (!(scroller instanceof HTMLElement)) throw new Error(`no element ${args.selector}`);
  const times: number[] = [];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return new Promise((resolve) => {
    let last: number | undefined;
    let frame = 0;
    const tick = (now: number) => {
      if (last !== undefined) times.push(now - last);
      last = now;
      if (frame >= args.frames) {
        resolve(times);
        return;
      }
      const max = scroller.scrollHeight - scroller.clientHeight;
      scroller.scrollTop = frame % args.jumpEvery === args.jumpEvery - 1 ? random() * max : Math.min(max, scroller.scrollTop + args.step);
      if (scroller.scrollTop >= max) scroller.scrollTop = 0;
      frame++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * The floor for the same scroll: a hand-written virtual list in a few lines — the same number of
 * rows with the same look, recycled and re-filled on every scroll event, no framework and data made
 * in the page. It is the least any virtualized list must do per frame in this browser.
 */
export function mountMinimalVirtualList(args: { count: number; rows: number; rowHeight: number; css: string }): void {
  const style = document.createElement('style');
  style.textContent = args.css;
  document.head.append(style);
  document.body.replaceChildren();
  const scroller = document.createElement('div');
  scroller.id = 'floor';
  scroller.className = 'queue-scroller';
  scroller.style.height = '760px';
  const canvas = document.createElement('div');
  canvas.className = 'queue-canvas';
  canvas.style.height = `${args.count * args.rowHeight}px`;
  const cells = ['name', 'state', 'progress-cell', 'size', 'speed', 'reason', 'actions'];
  const rows = Array.from({ length: args.rows }, () => {
    const row = document.createElement('div');
    row.className = 'queue-row';
    const spans = cells.map((c) => {
      const span = document.createElement('span');
      span.className = `cell ${c}`;
      row.append(span);
      return span;
    });
    canvas.append(row);
    return { row, spans };
  });
  const shown = rows.map(() => -1);
  // Row `k` shows the indices congruent to k: scrolling by a few rows re-fills only those rows.
  const fill = () => {
    const first = Math.floor(scroller.scrollTop / args.rowHeight);
    for (let index = first; index < first + rows.length && index < args.count; index++) {
      const slot = index % rows.length;
      const target = rows[slot];
      if (!target || shown[slot] === index) continue;
      shown[slot] = index;
      target.row.style.transform = `translateY(${index * args.rowHeight}px)`;
      const texts = [`frame_${String(index).padStart(6, '0')}.bench`, 'rejected', '', '0 B / 1 B', '–', 'unsupported file type', ''];
      target.spans.forEach((span, c) => {
        span.textContent = texts[c] ?? '';
      });
    }
  };
  scroller.addEventListener('scroll', fill);
  scroller.append(canvas);
  document.body.append(scroller);
  fill();
}

/** First contentful paint of the current page, in ms since navigation start. */
export function firstContentfulPaint(): Promise<number> {
  // The entry is queued after the paint: the selector a caller waited for can be there before it.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no first-contentful-paint entry within 10 s')), 10_000);
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (!entry) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  });
}

/** Duration between two performance marks (the lidar preview sets them per load). */
export function markDuration(args: { from: string; to: string }): number {
  const from = performance.getEntriesByName(args.from).at(-1);
  const to = performance.getEntriesByName(args.to).at(-1);
  if (!from || !to) throw new Error(`marks ${args.from} / ${args.to} missing`);
  return to.startTime - from.startTime;
}

/** Time to fetch a URL's bytes into an ArrayBuffer in this page: the I/O floor of any preview. */
export async function fetchDuration(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { cache: 'no-store' });
  await response.arrayBuffer();
  return performance.now() - start;
}
