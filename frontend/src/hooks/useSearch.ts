import { useEffect, useState } from "react";
import { describeError, isAbort, request } from "../api/client";
import { SEARCH, type NodeSummary } from "../api/documents";
import { useDebouncedValue } from "./useDebouncedValue";

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 200;

/** The fewest characters worth searching for. */
export const MIN_QUERY_LENGTH = 2;

/** The state of a type-ahead search. */
export interface SearchState {
  /** The text the hits are for (the debounced query). */
  query: string;
  hits: NodeSummary[];
  /** How many entities match in all. */
  total: number;
  loading: boolean;
  error: string | null;
}

/** Searches titles and names for `text` once typing pauses; `first` caps the hits. */
export function useSearch(text: string, first = 8): SearchState {
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const [state, setState] = useState<SearchState>({ query: "", hits: [], total: 0, loading: false, error: null });

  useEffect(() => {
    if (query.length < MIN_QUERY_LENGTH) {
      setState({ query, hits: [], total: 0, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    request(SEARCH, { query, first }, { signal: controller.signal })
      .then(({ search }) =>
        setState({ query, hits: search.edges.map((e) => e.node), total: search.totalCount, loading: false, error: null }),
      )
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setState({ query, hits: [], total: 0, loading: false, error: describeError(err) });
      });
    return () => controller.abort();
  }, [query, first]);

  return state;
}
