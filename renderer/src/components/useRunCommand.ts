import { useCallback, useState } from 'react';
import type { Result } from '../../../shared/ipc/contract';

/** A button's command: busy while it runs, the error kept until the next run. */
export function useRunCommand(): { run: <T>(call: () => Promise<Result<T>>) => Promise<T | undefined>; busy: boolean; error: string | undefined } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = useCallback(async <T,>(call: () => Promise<Result<T>>): Promise<T | undefined> => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setError(result.ok ? undefined : result.error.message);
    return result.ok ? result.value : undefined;
  }, []);
  return { run, busy, error };
}
