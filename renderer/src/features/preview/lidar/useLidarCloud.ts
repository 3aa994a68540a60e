import { useEffect, useState } from 'react';
import type { CloudFormat, DecodedCloud } from './decodeCloud';
import type { CloudRequest, CloudResponse } from './pointCloudWorker';

export type CloudState = { status: 'loading' } | { status: 'ready'; cloud: DecodedCloud } | { status: 'error'; error: string };

/** Marks the preview's timeline, so that a benchmark can read file-to-frame time from the page. */
export const LIDAR_LOAD_MARK = 'scenedock:lidar-load';

/** Reads an item's bytes from its media URL and decodes them in a worker; a newer URL cancels an older one. */
export function useLidarCloud(url: string, format: CloudFormat, fileName: string): CloudState {
  const [state, setState] = useState<CloudState>({ status: 'loading' });
  useEffect(() => {
    setState({ status: 'loading' });
    performance.clearMarks(LIDAR_LOAD_MARK);
    performance.mark(LIDAR_LOAD_MARK);
    const abort = new AbortController();
    const worker = new Worker(new URL('./pointCloudWorker.ts', import.meta.url), { type: 'module', name: 'point-cloud' });
    worker.onmessage = (event: MessageEvent<CloudResponse>) => {
      const response = event.data;
      setState(response.ok ? { status: 'ready', cloud: response.cloud } : { status: 'error', error: response.error });
      worker.terminate();
    };
    worker.onerror = (event) => setState({ status: 'error', error: `the point cloud worker failed: ${event.message}` });
    void fetch(url, { signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`reading ${fileName} answered HTTP ${response.status}`);
        const bytes = await response.arrayBuffer();
        worker.postMessage({ bytes, format, fileName } satisfies CloudRequest, [bytes]);
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      abort.abort();
      worker.terminate();
    };
  }, [url, format, fileName]);
  return state;
}
