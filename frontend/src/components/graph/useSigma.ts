import { useEffect, useRef, useState, type RefObject } from "react";
import Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { EdgeAttributes, ExplorerGraph, GraphAttributes, NodeAttributes } from "../../graph/model";
import { installLabelLayer, LABEL_COLOR, type LabelLayer } from "./labelLayer";
import { NodeShapeProgram } from "./shapeProgram";

/** The sigma renderer of the explorer's graph. */
export type ExplorerSigma = Sigma<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** The label font. */
export const LABEL_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
export const LABEL_SIZE = 12;

/** Graphs with more edges than this hide them while the camera moves. */
const HIDE_EDGES_ON_MOVE_SIZE = 5000;

export const SIGMA_SETTINGS: Partial<Settings<NodeAttributes, EdgeAttributes, GraphAttributes>> = {
  allowInvalidContainer: true,
  enableEdgeEvents: true,
  renderEdgeLabels: true,
  defaultNodeType: "shape",
  nodeProgramClasses: { shape: NodeShapeProgram },
  nodeHoverProgramClasses: { shape: NodeShapeProgram },
  defaultEdgeType: "arrow",
  labelFont: LABEL_FONT,
  labelSize: LABEL_SIZE,
  labelWeight: "500",
  labelColor: { color: LABEL_COLOR },
  edgeLabelFont: LABEL_FONT,
  edgeLabelSize: 11,
  edgeLabelColor: { color: LABEL_COLOR },
  labelRenderedSizeThreshold: 3,
  labelDensity: 2,
  labelGridCellSize: 90,
  stagePadding: 40,
  minCameraRatio: 0.03,
  maxCameraRatio: 6,
  zIndex: true,
};

/** The renderer and its label layer. */
export interface SigmaHandle {
  sigma: ExplorerSigma;
  labels: LabelLayer;
}

/**
 * Creates one sigma renderer in the container for the life of the component and hands it each
 * new graph. Returns null until the renderer exists.
 */
export function useSigma(container: RefObject<HTMLElement | null>, graph: ExplorerGraph): SigmaHandle | null {
  const [handle, setHandle] = useState<SigmaHandle | null>(null);
  const first = useRef(graph);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    performance.mark("relgraph:sigma-create");
    const sigma: ExplorerSigma = new Sigma(first.current, element, SIGMA_SETTINGS);
    performance.mark("relgraph:sigma-created");
    const labels = installLabelLayer(sigma as unknown as Sigma, LABEL_SIZE, LABEL_FONT, "500");
    setHandle({ sigma, labels });
    // Sigma follows the window's size only; the container also changes without it (a panel opens
    // below, a notice above, the list view hides the canvas), and then the picture and the
    // pointer's hit-testing drift apart. The first notice, of the size sigma already has, is skipped.
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = sigma.getDimensions();
      const box = entry?.contentRect;
      if (box && Math.round(box.width) === Math.round(width) && Math.round(box.height) === Math.round(height)) return;
      sigma.resize();
      sigma.scheduleRefresh();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      labels.dispose();
      sigma.kill();
      setHandle(null);
    };
  }, [container]);

  useEffect(() => {
    if (!handle) return;
    if (handle.sigma.getGraph() !== graph) handle.sigma.setGraph(graph);
    handle.sigma.setSetting("hideEdgesOnMove", graph.size > HIDE_EDGES_ON_MOVE_SIZE);
  }, [handle, graph]);

  return handle;
}
