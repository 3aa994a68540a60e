import { useCallback, useState } from 'react';
import { DEFAULT_SOURCE_DEFAULTS } from '../../../../shared/ipc/defaultSourceDefaults';
import type { CollectedDrop, DropProgress } from '../../bridge/AppBridge';
import { useBridge } from '../../bridge/BridgeContext';

export interface DropOutcome {
  queued: number;
  problems: string[];
}


/** Drop → local paths (staged first in a browser) → dropPaths; what was refused is kept to show. */
export function useDropIngest(): { ingest: (drop: CollectedDrop, setName: string) => Promise<void>; busy: boolean; progress: DropProgress | undefined; outcome: DropOutcome | undefined } {
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<DropProgress | undefined>(undefined);
  const [outcome, setOutcome] = useState<DropOutcome | undefined>(undefined);
  const ingest = useCallback(async (drop: CollectedDrop, setName: string) => {
    if (drop.items.length === 0) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const resolved = await bridge.resolveDrop(drop, setProgress);
      if (resolved.paths.length === 0) {
        setOutcome({ queued: 0, problems: resolved.problems });
        return;
      }
      const result = await bridge.api.dropPaths({ paths: resolved.paths, defaults: { ...DEFAULT_SOURCE_DEFAULTS, setName: setName.trim() || null } });
      setOutcome(result.ok
        ? { queued: result.value.queued, problems: [...resolved.problems, ...result.value.missing.map((m) => `${m.path}: ${m.reason}`)] }
        : { queued: 0, problems: [...resolved.problems, result.error.message] });
    } catch (error) {
      setOutcome({ queued: 0, problems: [error instanceof Error ? error.message : String(error)] });
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }, [bridge]);
  return { ingest, busy, progress, outcome };
}
