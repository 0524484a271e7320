/**
 * The force-directed layout proper: ForceAtlas2 for a fixed number of iterations from the ring
 * positions, so that the same graph always settles the same way. It runs in layout.worker.ts, and
 * reports its progress so that the picture moves as it settles.
 */
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { forceIterations, forceSettings, type ForceInput } from "./layouts";

/** Settles the input, calling `progress` with the positions every `every` iterations and at the end. */
export function runForceLayout(
  input: ForceInput,
  progress: (x: Float64Array, y: Float64Array, done: boolean) => void,
  every = 25,
): void {
  const graph = new Graph({ type: "directed", multi: true, allowSelfLoops: true });
  input.nodes.forEach((node, i) => {
    graph.addNode(node, { x: input.x[i], y: input.y[i], size: input.size[i], fixed: input.fixed[i] === 1 });
  });
  for (let e = 0; e < input.sources.length; e++) {
    graph.addEdge(input.nodes[input.sources[e]!]!, input.nodes[input.targets[e]!]!);
  }
  const total = forceIterations(graph.order);
  const settings = forceSettings(graph.order);
  const x = new Float64Array(input.nodes.length);
  const y = new Float64Array(input.nodes.length);
  const read = () =>
    input.nodes.forEach((node, i) => {
      x[i] = graph.getNodeAttribute(node, "x");
      y[i] = graph.getNodeAttribute(node, "y");
    });
  for (let done = 0; done < total; ) {
    const n = Math.min(every, total - done);
    if (graph.size > 0) forceAtlas2.assign(graph, { iterations: n, settings });
    done += n;
    read();
    progress(x, y, done >= total);
  }
  if (total === 0) {
    read();
    progress(x, y, true);
  }
}
