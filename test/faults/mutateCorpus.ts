import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readSync, unlinkSync, writeFileSync } from 'node:fs';
import type { Corpus, CorpusFile } from './writeCorpus';
import { randomPng, sha256Of } from './writeCorpus';
import type { SeededRandom } from './seededRandom';

/**
 * Files changed and deleted while an ingest runs: a scan grows by whole points (appended), an
 * image is rewritten with other pixels, a deleted file is gone. The biggest file of the batch in
 * flight is changed first, so that one change lands in the middle of a multipart upload.
 */
export function mutateCorpus(corpus: Corpus, random: SeededRandom, options: { batch: number; change: number; remove: number }): { changed: CorpusFile[]; deleted: CorpusFile[] } {
  const candidates = corpus.files.filter((f) => !f.deleted && f.batch <= options.batch);
  const inFlight = candidates.filter((f) => f.batch === options.batch).sort((a, b) => b.size - a.size);
  const chosen = new Set<CorpusFile>();
  if (inFlight[0]) chosen.add(inFlight[0]);
  const take = (n: number): CorpusFile[] => {
    const out: CorpusFile[] = [];
    for (let guard = 0; out.length < n && guard < 10_000; guard++) {
      const f = random.pick(candidates);
      if (chosen.has(f)) continue;
      chosen.add(f);
      out.push(f);
    }
    return out;
  };
  const changed = [...chosen, ...take(options.change - chosen.size)];
  for (const f of changed) change(f, random);
  const deleted = take(options.remove);
  for (const f of deleted) {
    unlinkSync(f.path);
    f.deleted = true;
  }
  return { changed, deleted };
}

function change(f: CorpusFile, random: SeededRandom): void {
  if (f.kind === 'image') {
    const png = randomPng(random);
    writeFileSync(f.path, png);
    f.size = png.length;
    f.sha256 = sha256Of(png);
    return;
  }
  const extra = Buffer.alloc(16 * random.int(1, 64));
  random.fill(extra);
  appendFileSync(f.path, extra);
  f.size += extra.length;
  f.sha256 = hashFileSync(f.path);
}

export function hashFileSync(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
