import { z } from 'zod';
import type { DropProgress } from './AppBridge';
import type { DroppedFile } from './walkEntries';

const stagedSchema = z.object({ path: z.string(), root: z.string(), bytes: z.number() });
const errorSchema = z.object({ error: z.string() });

/** Files sent at once: enough to hide request latency, few enough not to thrash the agent's disk. */
const PARALLEL = 4;

/**
 * Sends dropped files to the agent, which writes them under its staging folder (the browser cannot
 * give it paths). Returns the staged top-level entries (a dropped folder stays one folder, so a
 * ROS 2 bag dropped whole is still one unit) and a line per file the agent refused.
 */
export async function stageFiles(origin: string, files: readonly DroppedFile[], secret: string, onProgress?: (p: DropProgress) => void): Promise<{ roots: string[]; problems: string[] }> {
  const batch = crypto.randomUUID();
  const roots = new Set<string>();
  const problems: string[] = [];
  const progress: DropProgress = { filesDone: 0, filesTotal: files.length, bytesDone: 0, bytesTotal: files.reduce((s, f) => s + f.file.size, 0) };
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const dropped = files[i];
      if (!dropped) continue;
      try {
        roots.add(await stageOne(origin, dropped, batch, secret));
      } catch (error) {
        problems.push(`${dropped.relativePath}: ${error instanceof Error ? error.message : String(error)}`);
      }
      progress.filesDone++;
      progress.bytesDone += dropped.file.size;
      onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
  return { roots: [...roots], problems };
}

async function stageOne(origin: string, dropped: DroppedFile, batch: string, secret: string): Promise<string> {
  const response = await fetch(`${origin}/stage?batch=${encodeURIComponent(batch)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'x-scenedock-name': encodeURIComponent(dropped.relativePath), 'content-type': 'application/octet-stream' },
    body: dropped.file,
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorSchema.safeParse(body);
    throw new Error(parsed.success ? parsed.data.error : `the agent answered HTTP ${response.status}`);
  }
  return stagedSchema.parse(body).root;
}
