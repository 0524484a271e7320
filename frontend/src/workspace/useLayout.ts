import { useEffect, useRef, useState } from "react";
import { animateNodes } from "sigma/utils";
import { runForceLayout } from "../graph/forceLayout";
import { forceInput, radialPositions, ringPositions, timelinePositions, type Positions } from "../graph/layouts";
import type { ExplorerGraph } from "../graph/model";
import type { LayoutName } from "../state/view";

/** Graphs larger than this jump to new positions instead of moving there. */
const ANIMATE_MAX_ORDER = 3000;
const ANIMATION_MS = 450;

/** The state of the layout. */
export interface LayoutState {
  /** Whether the positions are final for the current graph and layout. */
  settled: boolean;
  /** The timeline's first and last year, when the timeline is shown. */
  years: [number, number] | null;
}

interface Job {
  id: number;
  graph: ExplorerGraph;
}

/**
 * Lays the graph out whenever it or the chosen layout changes. The force-directed layout runs in a
 * web worker, and the picture follows its progress; radial and timeline are computed at once and
 * the nodes move there. Nodes new to the graph first appear beside a neighbour already placed.
 */
export function useLayout(graph: ExplorerGraph, version: number, layout: LayoutName): LayoutState {
  const [state, setState] = useState<LayoutState>({ settled: false, years: null });
  const worker = useRef<Worker | null | undefined>(undefined);
  const job = useRef<Job>({ id: 0, graph });
  const placed = useRef(new WeakMap<ExplorerGraph, Set<string>>());

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (graph.order === 0) return;
    const id = job.current.id + 1;
    job.current = { id, graph };
    const initial = placeNewNodes(graph, placed.current);
    setState((s) => (s.settled ? { ...s, settled: false } : s));
    let cancelAnimation: (() => void) | undefined;

    const finish = (years: [number, number] | null) => {
      if (job.current.id === id) setState({ settled: true, years });
    };
    const moveTo = (targets: Positions, years: [number, number] | null) => {
      if (graph.order <= ANIMATE_MAX_ORDER) {
        cancelAnimation = animateNodes(graph, targets, { duration: ANIMATION_MS }, () => finish(years));
      } else {
        graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, ...targets[node] }), { attributes: ["x", "y"] });
        finish(years);
      }
    };

    if (layout === "radial") {
      moveTo(radialPositions(graph), null);
    } else if (layout === "timeline") {
      const { positions, firstYear, lastYear } = timelinePositions(graph);
      moveTo(positions, firstYear !== null && lastYear !== null ? [firstYear, lastYear] : null);
    } else {
      const input = forceInput(graph);
      const index = new Map(input.nodes.map((n, i) => [n, i]));
      // The first layout of a graph is shown as it settles; later ones (after an expansion) are
      // computed first and the nodes move there, so that the picture does not jump about.
      const progressive = initial || graph.order > ANIMATE_MAX_ORDER;
      const apply = (x: Float64Array, y: Float64Array, done: boolean) => {
        if (job.current.id !== id) return;
        if (!progressive) {
          if (!done) return;
          const targets: Positions = {};
          input.nodes.forEach((node, i) => (targets[node] = { x: x[i]!, y: y[i]! }));
          for (const node of graph.nodes()) targets[node] ??= graph.getNodeAttributes(node);
          moveTo(targets, null);
          return;
        }
        graph.updateEachNodeAttributes(
          (node, attrs) => {
            const i = index.get(node);
            return i === undefined ? attrs : { ...attrs, x: x[i]!, y: y[i]! };
          },
          { attributes: ["x", "y"] },
        );
        if (done) finish(null);
      };
      const w = getWorker(worker);
      if (w) {
        w.onmessage = (event: MessageEvent<{ id: number; x: Float64Array; y: Float64Array; done: boolean }>) => {
          if (event.data.id === job.current.id) apply(event.data.x, event.data.y, event.data.done);
        };
        w.postMessage({ id, input });
      } else {
        const timer = setTimeout(() => runForceLayout(input, apply));
        cancelAnimation = () => clearTimeout(timer);
      }
    }
    return () => cancelAnimation?.();
  }, [graph, version, layout]);

  return state;
}

function getWorker(ref: { current: Worker | null | undefined }): Worker | null {
  if (ref.current === undefined) {
    try {
      ref.current = new Worker(new URL("../graph/layout.worker.ts", import.meta.url), { type: "module" });
    } catch {
      ref.current = null;
    }
  }
  return ref.current;
}

/**
 * Gives nodes that have no position yet one: beside a placed neighbour (a small, fixed offset by
 * their order among its new neighbours), or, for a graph placed for the first time, on the rings
 * around the centre. Returns whether it was the first time.
 */
function placeNewNodes(graph: ExplorerGraph, placedByGraph: WeakMap<ExplorerGraph, Set<string>>): boolean {
  let placed = placedByGraph.get(graph);
  if (!placed) placedByGraph.set(graph, (placed = new Set()));
  for (const node of placed) if (!graph.hasNode(node)) placed.delete(node);
  if (placed.size === 0) {
    const rings = ringPositions(graph);
    graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, ...rings[node] }), { attributes: ["x", "y"] });
    graph.forEachNode((node) => placed.add(node));
    return true;
  }
  const fresh = graph.filterNodes((node) => !placed.has(node));
  const count = new Map<string, number>();
  for (const node of fresh) {
    const anchor = graph.neighbors(node).find((n) => placed.has(n));
    const { x, y } = anchor ? graph.getNodeAttributes(anchor) : { x: 0, y: 0 };
    const k = count.get(anchor ?? "") ?? 0;
    count.set(anchor ?? "", k + 1);
    const angle = k * 2.399963; // the golden angle spreads them evenly
    const r = 2 + Math.sqrt(k);
    graph.mergeNodeAttributes(node, { x: x + r * Math.cos(angle), y: y + r * Math.sin(angle) });
  }
  for (const node of fresh) placed.add(node);
  return false;
}
