import { useCallback, useState } from 'react';
import type { AdminFailure, AdminResult } from '../../sync/admin-client';

/** One supervisor action at a time per control: busy while it runs, and why it failed if it did. */
export function useAction(): {
  busy: boolean;
  failure: AdminFailure | null;
  run: <T>(action: () => Promise<AdminResult<T>>) => Promise<AdminResult<T>>;
} {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AdminFailure | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<AdminResult<T>>) => {
    setBusy(true);
    setFailure(null);
    const result = await action();
    setBusy(false);
    if (!result.ok) setFailure(result.failure);
    return result;
  }, []);
  return { busy, failure, run };
}
