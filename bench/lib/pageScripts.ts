// Code that runs inside the benchmarked page (passed to page.evaluate): plain functions, no imports.

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
 * The browser's floor for the same scroll: an equally tall element showing the same number of rows
 * (kept in view by position: sticky), so every frame scrolls and composites like the queue but runs
 * no script and changes no DOM.
 */
export function mountStaticScroller(args: { height: number; rows: number; rowHeight: number }): void {
  document.body.replaceChildren();
  const scroller = document.createElement('div');
  scroller.id = 'floor';
  Object.assign(scroller.style, { height: '700px', overflow: 'auto', position: 'relative', contain: 'strict' });
  const canvas = document.createElement('div');
  Object.assign(canvas.style, { height: `${args.height}px`, position: 'relative' });
  const view = document.createElement('div');
  Object.assign(view.style, { position: 'sticky', top: '0' });
  for (let i = 0; i < args.rows; i++) {
    const row = document.createElement('div');
    row.textContent = `frame_${String(i).padStart(6, '0')}.bench · rejected · 0 B / 0 B · unsupported file type`;
    Object.assign(row.style, { height: `${args.rowHeight}px`, borderBottom: '1px solid #ccc' });
    view.append(row);
  }
  canvas.append(view);
  scroller.append(canvas);
  document.body.append(scroller);
}

/** First contentful paint of the current page, in ms since navigation start. */
export function firstContentfulPaint(): number {
  const entry = performance.getEntriesByName('first-contentful-paint')[0];
  if (!entry) throw new Error('no first-contentful-paint entry');
  return entry.startTime;
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
