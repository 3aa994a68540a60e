import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/ipc/contract';

export interface AsyncState<T> {
  value: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a bridge command when `deps` change and keeps its last result. An answer to an older call
 * is dropped, so a fast-changing selection never shows the previous item's data.
 */
export function useAsync<T>(load: () => Promise<Result<T>>, deps: readonly unknown[]): AsyncState<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const call = useRef(0);
  useEffect(() => {
    const id = ++call.current;
    setLoading(true);
    void latest.current().then((result) => {
      if (id !== call.current) return;
      setLoading(false);
      if (result.ok) {
        setValue(result.value);
        setError(undefined);
      } else {
        setError(result.error.message);
      }
    });
    // `deps` are the caller's (like useEffect's own); `load` is read through a ref so it may change freely.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { value, error, loading, reload };
}
