import { useCallback, useEffect, useState } from "react";
import { describeError, GraphQLRequestError, isAbort, isRetryable, requestWithRetry } from "../api/client";
import { RELATIONS } from "../api/documents";
import { subgraphToGraph } from "../graph/fromSubgraph";
import { initialLayout } from "../graph/layout";
import type { ExplorerGraph } from "../graph/model";
import type { Depth } from "../state/view";

/** The most entities asked for at each depth; more than the synchronous layout handles at depth 2. */
export const RELATION_LIMITS: Readonly<Record<Depth, number>> = { 1: 200, 2: 500 };

/** A graph of relations ready to draw. */
export interface LoadedRelations {
  focus: string;
  depth: Depth;
  graph: ExplorerGraph;
  /** Whether the graph still needs the layout worker to settle. */
  needsWorker: boolean;
}

/** The state of the graph of relations around the focus. */
export interface RelationsState {
  /** The last graph loaded; kept on screen while the next one loads or when it fails. */
  loaded: LoadedRelations | null;
  /** Whether a request is under way. */
  loading: boolean;
  /**
   * What went wrong with the last request, worded for the reader; `retrying` says another attempt
   * is on its way, `retryable` that asking again might help.
   */
  error: { message: string; retrying: boolean; retryable: boolean } | null;
  /** Asks again after a failure. */
  reload: () => void;
}

/** Loads the graph of relations around `focus` whenever the focus or depth changes. */
export function useRelations(focus: string | null, depth: Depth): RelationsState {
  const [loaded, setLoaded] = useState<LoadedRelations | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<RelationsState["error"]>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(null);
    if (focus === null) {
      setLoading(false);
      setLoaded(null);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    requestWithRetry(
      RELATIONS,
      { id: focus, depth, limit: RELATION_LIMITS[depth] },
      {
        signal: controller.signal,
        onRetry: (err) => setError({ message: describeError(err, true), retrying: true, retryable: true }),
      },
    )
      .then(({ relations }) => {
        if (controller.signal.aborted) return;
        // The centre comes first; the id of an entity merged into another answers with that one.
        const centre = relations.nodes.some((node) => node.id === focus) ? focus : relations.nodes[0]?.id;
        if (centre === undefined) {
          throw new GraphQLRequestError(`there is no entity with the id “${focus}”.`, "NOT_FOUND");
        }
        const graph = subgraphToGraph(relations, centre);
        const { needsWorker } = initialLayout(graph);
        setLoaded({ focus: centre, depth, graph, needsWorker });
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError({ message: describeError(err), retrying: false, retryable: isRetryable(err) });
        setLoading(false);
      });
    return () => controller.abort();
  }, [focus, depth, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { loaded, loading, error, reload };
}
