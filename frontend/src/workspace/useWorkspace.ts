import { useEffect, useMemo, useRef, useState } from "react";
import type { GraphPath, NeighbourGroup } from "../api/documents";
import { createGraph, type ExplorerGraph } from "../graph/model";
import { syncLoads } from "../graph/store";
import { contentKey, type GraphView } from "../state/view";
import { fetchLoad, type LoadResult } from "./fetchLoad";
import { planLoads, type LoadSpec } from "./plan";

/** Loads started before the page rendered (see prefetchGraph), by focus and key. */
const prefetched = new Map<string, Promise<LoadResult>>();

/**
 * Starts loading the graph of an entity's page before React has rendered anything, so that the
 * request is on its way while the page is being built. useWorkspace picks the answer up.
 */
export function prefetchGraph(focus: string, view: GraphView): void {
  const spec = planLoads(focus, view)[0]!;
  const key = `${focus}\u0000${spec.key}`;
  const p = fetchLoad(spec, () => Promise.reject(new Error("no dependency")));
  prefetched.set(key, p);
  void p.then((result) => {
    if (prefetched.get(key) === p) prefetchedResults.set(key, result);
  });
}

/** Prefetched answers that have arrived, so that the first render can use them at once. */
const prefetchedResults = new Map<string, LoadResult>();

/** The explorer's data for one entity's page: its one graph and what the loads said. */
export interface Workspace {
  graph: ExplorerGraph;
  /** Increases whenever the graph's contents change. */
  version: number;
  /** Whether loads are still on their way. */
  pending: boolean;
  /** Whether the graph of relations itself could not be loaded, and why. */
  baseError: { message: string; notFound: boolean } | null;
  /** Loads that failed (an expansion, a path), worded for the reader. */
  errors: string[];
  /** How many entities are within reach of the focus at the view's depth. */
  reach: { count: number; capped: boolean } | null;
  /** The relation groups of each expanded node: totals and pages. */
  groups: ReadonlyMap<string, NeighbourGroup[]>;
  /** The paths asked for, once found. */
  paths: GraphPath[] | null;
  /** Asks again for what failed. */
  retry: () => void;
  /** Loads everything again (after a curator changed the graph), keeping the picture meanwhile. */
  reload: () => void;
  /**
   * The entity the page's entity was merged into, when the server answered with it instead: the
   * page should move to it.
   */
  mergedInto: string | null;
}

/**
 * Loads what the view asks for around `focus` and keeps the one graph in step: results are merged
 * as the longest prefix of the planned loads that has arrived, so the graph of relations shows
 * first and expansions follow, and the graph is always the same for the same view.
 */
export function useWorkspace(focus: string, view: GraphView): Workspace {
  const graph = useMemo(() => createGraph(focus), [focus]);
  const key = contentKey(view);
  // Each reload is a new generation of keys, so that the graph takes the new answers in place.
  const [generation, setGeneration] = useState(0);
  // The plan depends on the view's content key only, not on appearance or camera.
  const specs = useMemo(
    () => planLoads(focus, view).map((s) => (generation === 0 ? s : { ...s, key: `${s.key}@${generation}` })),
    [focus, key, generation],
  );
  // The requests and answers of this focus; a new focus starts from nothing.
  const cache = useRef<{ focus: string; promises: Map<string, Promise<LoadResult>>; results: Map<string, LoadResult> } | null>(null);
  if (cache.current?.focus !== focus) cache.current = { focus, promises: new Map(), results: new Map() };
  const { promises: promiseMap, results: resultMap } = cache.current;
  const promises = useRef(promiseMap);
  const results = useRef(resultMap);
  promises.current = promiseMap;
  results.current = resultMap;
  // A prefetched answer that has already arrived is taken at once, without waiting for an effect.
  for (const spec of specs) {
    const early = prefetchedResults.get(`${focus}\u0000${spec.key}`);
    if (early && !resultMap.has(spec.key)) {
      resultMap.set(spec.key, early);
      promiseMap.set(spec.key, Promise.resolve(early));
      prefetchedResults.delete(`${focus}\u0000${spec.key}`);
      prefetched.delete(`${focus}\u0000${spec.key}`);
    }
  }
  const [arrived, setArrived] = useState(0);
  const [version, setVersion] = useState(0);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const started = new Set<string>();
    const get = (spec: LoadSpec): Promise<LoadResult> => {
      let p = promises.current.get(spec.key);
      const early = prefetched.get(`${focus}\u0000${spec.key}`);
      if (!p && early) {
        prefetched.delete(`${focus}\u0000${spec.key}`);
        p = early;
        promises.current.set(spec.key, p);
        p.then((result) => {
          if (promises.current.get(spec.key) !== p) return;
          results.current.set(spec.key, result);
          setArrived((n) => n + 1);
        });
      }
      if (!p) {
        started.add(spec.key);
        p = fetchLoad(spec, (dep) => get(specs.find((s) => s.key === dep) ?? { key: dep, type: "expand", id: dep.slice(2) }), {
          signal: controller.signal,
        });
        promises.current.set(spec.key, p);
        p.then(
          (result) => {
            if (promises.current.get(spec.key) !== p) return;
            results.current.set(spec.key, result);
            setArrived((n) => n + 1);
          },
          () => {
            // Aborted: forget it so that it is asked again if still wanted.
            if (promises.current.get(spec.key) === p) promises.current.delete(spec.key);
          },
        );
      }
      return p;
    };
    for (const spec of specs) void get(spec).catch(() => {});
    return () => {
      // Only abort what this plan started and has not finished; finished results stay cached.
      for (const k of started) if (!results.current.has(k)) promises.current.delete(k);
      controller.abort();
    };
  }, [focus, specs, attempt]);

  // Merge the longest prefix of the plan whose results have arrived.
  let ready = 0;
  while (ready < specs.length && results.current.has(specs[ready]!.key)) ready++;
  useEffect(() => {
    const loads = specs.slice(0, ready).map((s) => results.current.get(s.key)!.load);
    if (ready > 0 && syncLoads(graph, loads)) {
      performance.mark("relgraph:graph-synced");
      setVersion((v) => v + 1);
    }
  }, [graph, specs, ready, arrived]);

  const done = specs.slice(0, ready).map((s) => results.current.get(s.key)!);
  const base = done[0];
  const groups = new Map<string, NeighbourGroup[]>();
  specs.slice(0, ready).forEach((s, i) => {
    if (s.type === "expand" && done[i]!.groups) groups.set(s.id, done[i]!.groups!);
  });
  const pathIndex = specs.findIndex((s) => s.type === "path");
  return {
    graph,
    version,
    pending: ready < specs.length,
    baseError: base?.error ? { message: base.error, notFound: !!base.notFound } : null,
    errors: done.slice(1).flatMap((r) => (r.error ? [r.error] : [])),
    reach: base?.reach ?? null,
    groups,
    paths: pathIndex !== -1 && pathIndex < ready ? (done[pathIndex]!.paths ?? []) : null,
    mergedInto: base?.mergedInto ?? null,
    reload: () => setGeneration((g) => g + 1),
    retry: () => {
      for (const [k, r] of results.current) {
        if (r.error) {
          results.current.delete(k);
          promises.current.delete(k);
        }
      }
      setAttempt((n) => n + 1);
    },
  };
}
