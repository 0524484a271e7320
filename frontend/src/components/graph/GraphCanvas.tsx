import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { EdgeAttributes, ExplorerGraph } from "../../graph/model";
import { cycle, nearestInDirection, type Heading, type Point } from "../../graph/keyboard";
import { kindStyle } from "../../graph/kinds";
import { relationName } from "../../graph/wording";
import type { CameraView } from "../../state/view";
import {
  edgeAppearance,
  nodeAppearance,
  NOT_POINTING,
  pointedItems,
  sceneDiff,
  sceneFor,
  type Pointing,
  type Scene,
  type SceneInput,
} from "./appearance";
import { EdgeTooltip } from "./EdgeTooltip";
import { HoverCard } from "./HoverCard";
import { pictureOf, pngOf } from "./picture";
import { TimelineAxis } from "./TimelineAxis";
import { useSigma, type ExplorerSigma } from "./useSigma";
import { ZoomControls } from "./ZoomControls";

/** The event the window gets when a graph is first on screen. */
export const GRAPH_PAINTED = "relgraph:graph-painted";

/** How long the pointer must rest on something before the picture follows it. */
export const HOVER_DEBOUNCE_MS = 40;
/** How long a finger must rest on a node to open its menu. */
export const LONG_PRESS_MS = 550;

/** What the page can ask of the canvas. */
export interface CanvasApi {
  /** Moves the camera to a node and puts the keyboard cursor on it. */
  focusNode: (id: string) => void;
  /** The picture as SVG, as drawn now. */
  svg: (title: string) => Promise<string>;
  /** The picture as a PNG image. */
  png: () => Promise<Blob>;
  /** The renderer, for tests and benchmarks. */
  sigma: () => ExplorerSigma | null;
}

interface GraphCanvasProps {
  graph: ExplorerGraph;
  version: number;
  scene: SceneInput;
  /** Whether the layout has settled (the camera from the URL is applied then). */
  settled: boolean;
  camera: CameraView | null;
  onCamera: (camera: CameraView | null) => void;
  onSelect: (id: string | null) => void;
  onExpand: (id: string) => void;
  onOpen: (id: string) => void;
  onMenu: (id: string, x: number, y: number) => void;
  announce: (text: string) => void;
  /** A node brought forward from outside, such as a list item with focus. */
  highlighted: string | null;
  /** The timeline's years, when the timeline layout is shown. */
  timeline: [number, number] | null;
  description: string;
  apiRef?: { current: CanvasApi | null };
}

function sameCamera(a: CameraView | null, b: CameraView | null): boolean {
  const norm = (c: CameraView | null) => c ?? { x: 0.5, y: 0.5, ratio: 1 };
  const x = norm(a);
  const y = norm(b);
  return Math.abs(x.x - y.x) < 1e-3 && Math.abs(x.y - y.y) < 1e-3 && Math.abs(x.ratio - y.ratio) < 1e-3;
}

/**
 * The graph drawn with sigma (WebGL). Pointing at a node brings its neighbourhood forward (and
 * shows a work's abstract), pointing at an edge says what it is; a click selects, a double click
 * or double tap expands, a right click or a long press opens the node's menu. With the keyboard,
 * arrows move between nodes, [ and ] follow relationships, Enter expands, Space selects, O opens
 * the entity's page; every move is announced.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  const { graph, version, scene: input, settled, camera, highlighted, timeline, description } = props;
  const container = useRef<HTMLDivElement>(null);
  const handle = useSigma(container, graph);
  const sigma = handle?.sigma ?? null;
  const latest = useRef(props);
  latest.current = props;
  const pointing = useRef<Pointing>(NOT_POINTING);
  const scene = useRef<Scene>(sceneFor(graph, input, NOT_POINTING));
  const [hoverCard, setHoverCard] = useState<{ node: string; x: number; y: number } | null>(null);
  const [edgeTip, setEdgeTip] = useState<{ edge: string; x: number; y: number } | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const walk = useRef<{ from: string; index: number } | null>(null);
  const cameraApplied = useRef<{ graph: ExplorerGraph; camera: CameraView | null } | null>(null);

  // Redraws with the current scene: a reducer pass over every node and edge, without re-indexing
  // unless sizes changed.
  // `pointingOnly` says that only the pointing changed: a large graph then redraws just the items
  // pointed at before and after (see pointedItems).
  const redraw = useRef<(full: boolean, pointingOnly?: boolean) => void>(() => {});
  // The graph the last scene was drawn for: a diff against a scene of another graph means nothing.
  const sameGraph = useRef<ExplorerGraph | null>(null);
  redraw.current = (full: boolean, pointingOnly = false) => {
    if (!sigma) return;
    const before = scene.current;
    scene.current = sceneFor(graph, latest.current.scene, pointing.current);
    if (full) {
      sigma.refresh();
      return;
    }
    let partial = { nodes: graph.nodes(), edges: graph.edges() };
    if (pointingOnly && !scene.current.fade && !before.fade) {
      const a = pointedItems(graph, before);
      const b = pointedItems(graph, scene.current);
      const nodes = [...new Set([...a.nodes, ...b.nodes])].filter((n) => graph.hasNode(n));
      const edges = [...new Set([...a.edges, ...b.edges])].filter((e) => graph.hasEdge(e));
      partial = { nodes, edges };
    } else if (!pointingOnly && sameGraph.current === graph) {
      // A change of filter or selection: only what it touches, when that can be told.
      const diff = sceneDiff(graph, before, scene.current);
      if (diff) partial = { nodes: [...diff.nodes], edges: [...diff.edges] };
    }
    sameGraph.current = graph;
    try {
      sigma.refresh({ partialGraph: partial, skipIndexation: true });
    } catch {
      sigma.refresh();
    }
  };

  // Reducers and events, once per renderer.
  useEffect(() => {
    if (!sigma) return;
    sigma.setSetting("nodeReducer", (node, data) => nodeAppearance(node, data, scene.current));
    sigma.setSetting("edgeReducer", (edge, data) => edgeAppearance(sigma.getGraph(), edge, data as EdgeAttributes, scene.current));
    let hoverTimer: ReturnType<typeof setTimeout> | undefined;
    let pressTimer: ReturnType<typeof setTimeout> | undefined;
    let cameraTimer: ReturnType<typeof setTimeout> | undefined;
    const point = (change: Partial<Pointing>) => {
      pointing.current = { ...pointing.current, ...change };
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(() => redraw.current(false, true), HOVER_DEBOUNCE_MS);
    };
    const setCursorStyle = (c: string) => {
      sigma.getContainer().style.cursor = c;
    };
    const where = (node: string) => {
      const data = sigma.getNodeDisplayData(node);
      return data ? sigma.framedGraphToViewport(data) : { x: 0, y: 0 };
    };
    sigma.on("enterNode", ({ node }) => {
      setCursorStyle("pointer");
      point({ hoveredNode: node });
      setHoverCard({ node, ...where(node) });
    });
    sigma.on("leaveNode", () => {
      setCursorStyle("");
      point({ hoveredNode: null });
      setHoverCard(null);
    });
    sigma.on("enterEdge", ({ edge, event }) => {
      setCursorStyle("help");
      setEdgeTip({ edge, x: event.x, y: event.y });
      point({ hoveredEdge: edge });
    });
    sigma.on("leaveEdge", () => {
      setCursorStyle("");
      setEdgeTip(null);
      point({ hoveredEdge: null });
    });
    sigma.on("clickNode", ({ node }) => {
      clearTimeout(pressTimer);
      latest.current.onSelect(node);
    });
    sigma.on("clickStage", () => latest.current.onSelect(null));
    sigma.on("doubleClickNode", (payload) => {
      payload.preventSigmaDefault();
      latest.current.onExpand(payload.node);
    });
    sigma.on("rightClickNode", ({ node, event }) => {
      event.original.preventDefault();
      latest.current.onMenu(node, event.x, event.y);
    });
    // A long press on a touch screen opens the node's menu.
    sigma.on("downNode", ({ node, event }) => {
      clearTimeout(pressTimer);
      if (!("touches" in event.original)) return;
      const { x, y } = event;
      pressTimer = setTimeout(() => latest.current.onMenu(node, x, y), LONG_PRESS_MS);
    });
    const cancelPress = () => clearTimeout(pressTimer);
    sigma.on("upNode", cancelPress);
    sigma.on("upStage", cancelPress);
    const element = sigma.getContainer();
    element.addEventListener("touchmove", cancelPress, { passive: true });
    element.addEventListener("touchend", cancelPress, { passive: true });
    const camera = sigma.getCamera();
    const onCameraUpdated = () => {
      setHoverCard(null);
      clearTimeout(cameraTimer);
      cameraTimer = setTimeout(() => {
        const { x, y, ratio } = camera.getState();
        const next = { x, y, ratio };
        if (!sameCamera(next, latest.current.camera)) latest.current.onCamera(sameCamera(next, null) ? null : next);
      }, 400);
    };
    camera.on("updated", onCameraUpdated);
    return () => {
      clearTimeout(hoverTimer);
      clearTimeout(pressTimer);
      clearTimeout(cameraTimer);
      camera.off("updated", onCameraUpdated);
      element.removeEventListener("touchmove", cancelPress);
      element.removeEventListener("touchend", cancelPress);
      sigma.removeAllListeners();
    };
  }, [sigma]);

  // A new graph: forget what was pointed at in the old one.
  useEffect(() => {
    pointing.current = NOT_POINTING;
    setHoverCard(null);
    setEdgeTip(null);
    setCursor(null);
    walk.current = null;
  }, [graph]);

  // The scene follows the view; sizes need sigma to re-index.
  const lastSizes = useRef<SceneInput["sizes"]>(null);
  useEffect(() => {
    const full = input.sizes !== lastSizes.current;
    lastSizes.current = input.sizes;
    redraw.current(full);
  }, [sigma, input, version]);

  // The highlight from outside and the keyboard cursor, applied at once.
  useEffect(() => {
    pointing.current = { ...pointing.current, highlighted, cursor };
    redraw.current(false, true);
  }, [sigma, highlighted, cursor]);

  // The camera from the URL once the layout has settled (a copied link, the back button); else fit.
  useEffect(() => {
    if (!sigma || !settled) return;
    container.current?.setAttribute("data-settled", "true");
    const applied = cameraApplied.current;
    if (applied && applied.graph === graph && sameCamera(applied.camera, camera)) return;
    const current = sigma.getCamera().getState();
    if (!sameCamera({ x: current.x, y: current.y, ratio: current.ratio }, camera)) {
      sigma.getCamera().setState(camera ?? { x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    }
    cameraApplied.current = { graph, camera };
  }, [sigma, graph, settled, camera]);

  useEffect(() => {
    if (!settled) container.current?.setAttribute("data-settled", "false");
  }, [settled]);

  // Tells tests and the first-paint measurement that the graph is on screen.
  useEffect(() => {
    if (!sigma) return;
    const onRender = () => {
      if (sigma.getGraph().order > 0 && !container.current?.hasAttribute("data-painted")) {
        container.current?.setAttribute("data-painted", String(Math.round(performance.now())));
        performance.mark("relgraph:graph-painted");
        window.dispatchEvent(new Event(GRAPH_PAINTED));
      }
    };
    sigma.on("afterRender", onRender);
    return () => {
      sigma.off("afterRender", onRender);
    };
  }, [sigma]);

  const focusNode = (id: string, announceIt = true) => {
    if (!sigma || !graph.hasNode(id)) return;
    setCursor(id);
    walk.current = null;
    const data = sigma.getNodeDisplayData(id);
    if (data) {
      const view = sigma.framedGraphToViewport(data);
      const { width, height } = sigma.getDimensions();
      if (view.x < 40 || view.y < 40 || view.x > width - 40 || view.y > height - 40) {
        void sigma.getCamera().animate({ x: data.x, y: data.y }, { duration: 250 });
      }
      setHoverCard({ node: id, ...view });
    }
    if (announceIt) latest.current.announce(describeNode(graph, id, scene.current));
  };

  const api: CanvasApi = {
      focusNode: (id) => focusNode(id),
      svg: async (title) => {
        const { toSVG } = await import("../../graph/export");
        return toSVG(pictureOf(sigma!, handle!.labels, title));
      },
      png: () => pngOf(sigma!, container.current!),
      sigma: () => sigma,
  };
  if (props.apiRef) props.apiRef.current = api;
  // For the end-to-end tests and the benchmarks, which drive the canvas from outside.
  (window as unknown as { relgraphCanvas?: CanvasApi }).relgraphCanvas = api;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!sigma || graph.order === 0) return;
    const current = cursor && graph.hasNode(cursor) ? cursor : null;
    const visible = (node: string) => !scene.current.visibility.hiddenNodes.has(node);
    const arrows: Record<string, Heading> = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" };
    const heading = arrows[event.key];
    if (heading) {
      event.preventDefault();
      if (!current) {
        focusNode(latest.current.scene.selected ?? graph.getAttribute("centre"));
        return;
      }
      const points: Point[] = [];
      graph.forEachNode((node) => {
        if (!visible(node)) return;
        const data = sigma.getNodeDisplayData(node);
        if (data) points.push({ key: node, ...sigma.framedGraphToViewport(data) });
      });
      const from = points.find((p) => p.key === current);
      const next = from ? nearestInDirection(points, from, heading) : null;
      if (next) focusNode(next);
      else latest.current.announce(`No entity further ${heading}.`);
      return;
    }
    switch (event.key) {
      case "]":
      case "[": {
        event.preventDefault();
        const from = walk.current?.from ?? current ?? graph.getAttribute("centre");
        const steps: { edge: string; other: string }[] = [];
        graph.forEachEdge(from, (edge, _attrs, source, target) => {
          const other = source === from ? target : source;
          if (visible(other) && !scene.current.visibility.hiddenEdges.has(edge)) steps.push({ edge, other });
        });
        steps.sort((a, b) => graph.getNodeAttribute(a.other, "label").localeCompare(graph.getNodeAttribute(b.other, "label")));
        if (steps.length === 0) {
          latest.current.announce("No relations shown for this entity.");
          return;
        }
        const index = cycle(walk.current?.from === from ? walk.current.index : -1, steps.length, event.key === "]" ? 1 : -1);
        const step = steps[index]!;
        walk.current = { from, index };
        setCursor(step.other);
        const [source] = graph.extremities(step.edge);
        const relation = relationName(graph.getEdgeAttribute(step.edge, "relation"));
        const label = (n: string) => graph.getNodeAttribute(n, "label");
        const sentence = source === from ? `${label(from)} ${relation} ${label(step.other)}` : `${label(step.other)} ${relation} ${label(from)}`;
        latest.current.announce(`Relation ${index + 1} of ${steps.length}: ${sentence}. ${describeNode(graph, step.other, scene.current)}`);
        return;
      }
      case "Enter":
        if (current) {
          event.preventDefault();
          latest.current.onExpand(current);
        }
        return;
      case " ":
        if (current) {
          event.preventDefault();
          walk.current = null;
          latest.current.onSelect(current);
        }
        return;
      case "o":
      case "O":
        if (current) latest.current.onOpen(current);
        return;
      case "m":
      case "M":
      case "ContextMenu": {
        if (!current) return;
        event.preventDefault();
        const data = sigma.getNodeDisplayData(current);
        const p = data ? sigma.framedGraphToViewport(data) : { x: 20, y: 20 };
        latest.current.onMenu(current, p.x, p.y);
        return;
      }
      case "Home":
        event.preventDefault();
        focusNode(graph.getAttribute("centre"));
        return;
      case "Escape":
        setCursor(null);
        setHoverCard(null);
        walk.current = null;
        return;
      case "+":
      case "=":
        void sigma.getCamera().animatedZoom({ duration: 200 });
        return;
      case "-":
        void sigma.getCamera().animatedUnzoom({ duration: 200 });
        return;
    }
  };

  // Reaching the canvas with the keyboard puts the cursor on the selection; a click does not.
  const onFocus = () => {
    if (!cursor && container.current?.matches(":focus-visible")) focusNode(latest.current.scene.selected ?? graph.getAttribute("centre"));
  };

  return (
    <div className="graph-view">
      <div
        ref={container}
        className="graph-canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="graph"
        aria-label={description}
        aria-describedby="graph-keys"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={() => setHoverCard(null)}
        data-cursor={cursor ?? undefined}
      />
      <p id="graph-keys" className="visually-hidden">
        Arrow keys move between entities, [ and ] follow the relations of the last entity selected with them, Enter expands,
        Space selects, O opens the entity's page, M opens its menu, Home returns to the centre, plus and minus zoom.
      </p>
      {timeline && sigma && <TimelineAxis sigma={sigma} years={timeline} version={version} />}
      {hoverCard && graph.hasNode(hoverCard.node) && <HoverCard graph={graph} node={hoverCard.node} x={hoverCard.x} y={hoverCard.y} />}
      {edgeTip && graph.hasEdge(edgeTip.edge) && <EdgeTooltip graph={graph} {...edgeTip} />}
      <ZoomControls sigma={sigma} />
    </div>
  );
}

/** A node as the keyboard announces it: its name, kind and how many relations are shown. */
export function describeNode(graph: ExplorerGraph, node: string, scene: Scene): string {
  const { label, kind, year } = graph.getNodeAttributes(node);
  let shown = 0;
  graph.forEachEdge(node, (edge) => {
    if (!scene.visibility.hiddenEdges.has(edge)) shown++;
  });
  const yearText = year !== null ? `, ${year}` : "";
  return `${label} (${kindStyle(kind).label}${yearText}), ${shown} ${shown === 1 ? "relation" : "relations"} shown.`;
}
