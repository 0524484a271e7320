import { useEffect, useState } from "react";
import type { ExplorerGraph } from "../graph/model";
import { centralityColor, communityColor } from "../graph/palette";
import { MAX_NODE_SIZE, MIN_NODE_SIZE } from "../graph/store";
import type { ColorBy, SizeBy } from "../state/view";

/** The appearance chosen beyond kinds and degrees: colours and sizes by node, and what the legend says. */
export interface Metrics {
  colors: ReadonlyMap<string, string> | null;
  sizes: ReadonlyMap<string, number> | null;
  /** Community sizes, largest first, when colouring by community. */
  communitySizes: number[] | null;
}

const NONE: Metrics = { colors: null, sizes: null, communitySizes: null };

/**
 * Computes communities and centrality when the appearance asks for them, loading the algorithms
 * on first use (they are a chunk of their own), and again when the graph changes.
 */
export function useMetrics(graph: ExplorerGraph, version: number, colorBy: ColorBy, sizeBy: SizeBy): Metrics {
  const [metrics, setMetrics] = useState<Metrics>(NONE);
  useEffect(() => {
    if (colorBy === "kind" && sizeBy === "degree") {
      setMetrics(NONE);
      return;
    }
    let live = true;
    void import("../graph/metrics").then(({ communities, centrality }) => {
      if (!live) return;
      let colors: Map<string, string> | null = null;
      let sizes: Map<string, number> | null = null;
      let communitySizes: number[] | null = null;
      if (colorBy === "community") {
        const c = communities(graph);
        colors = new Map([...c].map(([node, i]) => [node, communityColor(i)]));
        communitySizes = [];
        for (const i of c.values()) communitySizes[i] = (communitySizes[i] ?? 0) + 1;
      }
      if (colorBy === "centrality" || sizeBy === "centrality") {
        const rank = centrality(graph);
        if (colorBy === "centrality") colors = new Map([...rank].map(([node, r]) => [node, centralityColor(r)]));
        if (sizeBy === "centrality") {
          sizes = new Map([...rank].map(([node, r]) => [node, MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(r)]));
        }
      }
      setMetrics({ colors, sizes, communitySizes });
    });
    return () => {
      live = false;
    };
  }, [graph, version, colorBy, sizeBy]);
  return metrics;
}
