import { useEffect, useState, type RefObject } from "react";
import Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { EdgeAttributes, ExplorerGraph, GraphAttributes, NodeAttributes } from "../../graph/model";

/** The sigma renderer of the explorer's graph. */
export type ExplorerSigma = Sigma<NodeAttributes, EdgeAttributes, GraphAttributes>;

const SETTINGS: Partial<Settings<NodeAttributes, EdgeAttributes, GraphAttributes>> = {
  allowInvalidContainer: true,
  enableEdgeEvents: true,
  renderEdgeLabels: true,
  defaultEdgeType: "arrow",
  labelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  labelSize: 12,
  labelWeight: "500",
  labelColor: { color: "#1a1f24" },
  edgeLabelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  edgeLabelSize: 11,
  edgeLabelColor: { color: "#1a1f24" },
  labelRenderedSizeThreshold: 0,
  stagePadding: 60,
  minCameraRatio: 0.05,
  maxCameraRatio: 5,
};

/**
 * Creates one sigma renderer in the container for the life of the component and hands it each
 * new graph, recentring the camera. Returns null until the renderer exists.
 */
export function useSigma(container: RefObject<HTMLElement | null>, graph: ExplorerGraph): ExplorerSigma | null {
  const [sigma, setSigma] = useState<ExplorerSigma | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const renderer: ExplorerSigma = new Sigma(graph, element, SETTINGS);
    setSigma(renderer);
    // Sigma follows the window's size only; the container also changes without it (a panel opens
    // below, a notice above), and then the picture and the pointer's hit-testing drift apart.
    const observer = new ResizeObserver(() => {
      renderer.resize();
      renderer.refresh();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      renderer.kill();
      setSigma(null);
    };
    // The renderer lives as long as the component; later graphs arrive through setGraph below.
  }, [container]);

  useEffect(() => {
    if (!sigma || sigma.getGraph() === graph) return;
    sigma.setGraph(graph);
    sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }, [sigma, graph]);

  return sigma;
}
