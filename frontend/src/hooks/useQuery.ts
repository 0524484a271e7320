import { useEffect, useState } from "react";
import { describeError, isAbort, isRetryable, requestWithRetry, type TypedDocument } from "../api/client";

/** The state of a query. */
export interface QueryState<T> {
  data: T | null;
  loading: boolean;
  error: { message: string; retryable: boolean } | null;
}

/**
 * Runs a query whenever its variables change (compared as JSON), retrying while the database is
 * away, and forgets the answer of earlier variables. `skip` holds it back.
 */
export function useQuery<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  skip = false,
): QueryState<TData> & { reload: () => void } {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<TData> & { key: string }>({ data: null, loading: !skip, error: null, key });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (skip) return;
    const controller = new AbortController();
    setState((s) => ({ data: s.key === key ? s.data : null, loading: true, error: null, key }));
    requestWithRetry(document, JSON.parse(key) as TVariables, { signal: controller.signal, attempts: 3 })
      .then((data) => setState({ data, loading: false, error: null, key }))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setState({ data: null, loading: false, error: { message: describeError(err), retryable: isRetryable(err) }, key });
      });
    return () => controller.abort();
  }, [document, key, skip, attempt]);
  const current = state.key === key ? state : { data: null, loading: !skip, error: null };
  return { data: current.data, loading: current.loading, error: current.error, reload: () => setAttempt((n) => n + 1) };
}
