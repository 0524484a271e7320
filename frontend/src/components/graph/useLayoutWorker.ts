import FA2LayoutSupervisor from "graphology-layout-forceatlas2/worker";
import { useEffect } from "react";
import { layoutSettings } from "../../graph/layout";
import type { ExplorerGraph } from "../../graph/model";

/** How long the layout worker runs on a new graph before the picture is left to rest. */
export const LAYOUT_WORKER_MS = 4000;

/**
 * Runs ForceAtlas2 in a web worker on a graph too large to settle synchronously, for a few
 * seconds; the positions it writes into the graph are redrawn by sigma as they arrive.
 */
export function useLayoutWorker(graph: ExplorerGraph, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const layout = new FA2LayoutSupervisor(graph, { settings: layoutSettings(graph) });
    layout.start();
    const timer = setTimeout(() => layout.stop(), LAYOUT_WORKER_MS);
    return () => {
      clearTimeout(timer);
      layout.kill();
    };
  }, [graph, enabled]);
}
