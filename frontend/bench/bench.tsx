/**
 * The benchmark page: draws a synthetic graph either with a bare sigma.js renderer (default
 * settings, no reducers) or with the explorer's own canvas (shape program, label layer, reducers),
 * moves the camera for a number of frames and reports frame times, and the time of a reducer pass
 * (what a hover or a filter costs). Driven by bench/run.mjs in headless Chromium.
 */
import Graph from "graphology";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import Sigma from "sigma";
import { GraphCanvas, type CanvasApi } from "../src/components/graph/GraphCanvas";
import type { ExplorerSigma } from "../src/components/graph/useSigma";
import { createGraph } from "../src/graph/model";
import { syncLoads } from "../src/graph/store";
import { computeVisibility } from "../src/graph/visibility";
import { synthetic } from "./synthetic";
// The explorer's own stylesheet, which gives its canvas the size of the stage (without it the canvas
// is one pixel tall and draws almost nothing). Both pages load it, so they differ only in the renderer.
import "../src/styles.css";

export interface BenchResult {
  mode: string;
  n: number;
  edges: number;
  frames: number[];
  /** Reducer passes over every node and edge (a filter change), in ms. */
  updates: number[];
  /** Pointing at a node (the explorer's highlight), in ms. */
  hovers: number[];
  firstRenderMs: number;
  /** The size sigma draws at, in CSS pixels. */
  canvas: { width: number; height: number };
}

declare global {
  interface Window {
    benchResult?: BenchResult | { error: string };
  }
}

const params = new URLSearchParams(location.search);
const n = Number(params.get("n") ?? 1000);
const mode = params.get("mode") ?? "bare";
const frameCount = Number(params.get("frames") ?? 120);
const stage = document.getElementById("stage")!;

/**
 * The size sigma draws at, which must be the whole stage: a canvas that is smaller, or that sigma
 * takes as one pixel tall, costs less to draw and would make the comparison meaningless.
 */
function canvasSize(sigma: { getDimensions(): { width: number; height: number } }): { width: number; height: number } {
  const { width, height } = sigma.getDimensions();
  const box = stage.getBoundingClientRect();
  if (Math.round(width) !== Math.round(box.width) || Math.round(height) !== Math.round(box.height)) {
    throw new Error(`sigma draws at ${width}×${height} px but the stage is ${box.width}×${box.height} px`);
  }
  return { width, height };
}

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

async function moveCamera(sigma: { getCamera(): { setState(s: object): void } }): Promise<number[]> {
  const times: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < frameCount + 10; i++) {
    const t = i / 20;
    sigma.getCamera().setState({ x: 0.5 + 0.08 * Math.sin(t), y: 0.5 + 0.08 * Math.cos(t), ratio: 0.7 + 0.25 * Math.sin(t / 2) });
    const now = await nextFrame();
    if (i >= 10) times.push(now - last);
    last = now;
  }
  return times;
}

/**
 * The main-thread time of one change of the canvas's props: React's render and commit, the effect
 * that computes the scene, the reducer pass and sigma's render (flushSync runs all of it at once).
 */
function timeRedraw(sigma: ExplorerSigma, change: () => void): number {
  let rendered = false;
  const mark = () => (rendered = true);
  sigma.once("afterRender", mark);
  const t0 = performance.now();
  flushSync(change);
  const t = performance.now() - t0;
  if (!rendered) {
    sigma.off("afterRender", mark);
    throw new Error("the change did not redraw synchronously; the timing would be wrong");
  }
  return t;
}

async function main(): Promise<BenchResult> {
  const data = synthetic(n);
  const start = performance.now();
  if (mode === "bare") {
    const graph = new Graph({ multi: true, type: "directed" });
    for (const node of data.nodes) graph.addNode(node.id, { x: node.x, y: node.y, label: node.label, size: 4, color: "#1d5fb4" });
    for (const e of data.edges) graph.addEdgeWithKey(e.id, e.source, e.target, { size: 1, color: "#8a939d" });
    graph.forEachNode((node) => graph.setNodeAttribute(node, "size", Math.min(22, 4 + 2.5 * Math.sqrt(graph.degree(node)))));
    const div = document.createElement("div");
    stage.append(div);
    const sigma = new Sigma(graph, div);
    await nextFrame();
    const firstRenderMs = performance.now() - start;
    const canvas = canvasSize(sigma);
    const frames = await moveCamera(sigma);
    const updates: number[] = [];
    const nodes = graph.nodes();
    const edges = graph.edges();
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      sigma.refresh({ partialGraph: { nodes, edges }, skipIndexation: true });
      updates.push(performance.now() - t0);
    }
    return { mode, n, edges: graph.size, frames, updates, hovers: [], firstRenderMs, canvas };
  }

  const graph = createGraph(data.nodes[0]!.id);
  syncLoads(graph, [{ key: "bench", nodes: data.nodes, edges: data.edges }]);
  for (const node of data.nodes) graph.mergeNodeAttributes(node.id, { x: node.x, y: node.y });
  const api: { current: CanvasApi | null } = { current: null };
  const visibility = computeVisibility(graph, { hiddenKinds: [], hiddenRelations: [], years: null });
  const scene = { visibility, selected: data.nodes[0]!.id };
  const root = createRoot(stage);
  const draw = (sceneInput: typeof scene, highlighted: string | null) =>
    root.render(
      <GraphCanvas
        graph={graph}
        version={1}
        scene={sceneInput}
        settled
        camera={null}
        onCamera={() => {}}
        onSelect={() => {}}
        onExpand={() => {}}
        onOpen={() => {}}
        onMenu={() => {}}
        announce={() => {}}
        highlighted={highlighted}
        timeline={null}
        description="benchmark"
        apiRef={api}
      />,
    );
  draw(scene, null);
  while (!api.current?.sigma()) await nextFrame();
  const sigma = api.current.sigma()!;
  await nextFrame();
  await nextFrame();
  const firstRenderMs = performance.now() - start;
  const canvas = canvasSize(sigma);
  const frames = await moveCamera(sigma);
  // What a hover or a filter costs: the scene changes, then a reducer pass over everything.
  const updates: number[] = [];
  for (let i = 0; i < 10; i++) {
    const hidden = computeVisibility(graph, { hiddenKinds: i % 2 ? ["TOPIC"] : [], hiddenRelations: [], years: null });
    updates.push(timeRedraw(sigma, () => draw({ visibility: hidden, selected: data.nodes[0]!.id }, null)));
    await nextFrame();
  }
  // What pointing at a node costs: its neighbourhood brought forward.
  const hovers: number[] = [];
  for (let i = 0; i < 10; i++) {
    hovers.push(timeRedraw(sigma, () => draw(scene, data.nodes[(i * 7919) % data.nodes.length]!.id)));
    await nextFrame();
  }
  return { mode, n, edges: graph.size, frames, updates, hovers, firstRenderMs, canvas };
}

main().then(
  (result) => (window.benchResult = result),
  (err: unknown) => (window.benchResult = { error: String(err instanceof Error ? err.stack : err) }),
);
