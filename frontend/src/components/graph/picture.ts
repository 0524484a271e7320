/** The picture on the canvas, for the PNG and SVG exports. */
import type { Picture } from "../../graph/export";
import { SHAPE_CODES, type Shape } from "../../graph/shapes";
import type { LabelLayer } from "./labelLayer";
import { LABEL_SIZE, type ExplorerSigma } from "./useSigma";

const SHAPE_BY_CODE = new Map(Object.entries(SHAPE_CODES).map(([shape, code]) => [code, shape as Shape]));

/** The nodes, edges and labels drawn now, in viewport pixels. */
export function pictureOf(sigma: ExplorerSigma, labels: LabelLayer, title: string): Picture {
  const graph = sigma.getGraph();
  const { width, height } = sigma.getDimensions();
  const labelled = new Map(labels.drawn().map((l) => [l.key, l.label]));
  const picture: Picture = { width, height, title, nodes: [], edges: [], fontSize: LABEL_SIZE };
  const at = new Map<string, { x: number; y: number }>();
  graph.forEachNode((node) => {
    const data = sigma.getNodeDisplayData(node) as (ReturnType<ExplorerSigma["getNodeDisplayData"]> & { shape?: number }) | undefined;
    if (!data || data.hidden) return;
    const p = sigma.framedGraphToViewport(data);
    at.set(node, p);
    picture.nodes.push({
      x: p.x,
      y: p.y,
      size: sigma.scaleSize(data.size),
      color: data.color,
      shape: SHAPE_BY_CODE.get(data.shape ?? 0) ?? "circle",
      label: labelled.get(node) ?? null,
    });
  });
  graph.forEachEdge((edge, _attrs, source, target) => {
    const data = sigma.getEdgeDisplayData(edge);
    const a = at.get(source);
    const b = at.get(target);
    if (!data || data.hidden || !a || !b) return;
    picture.edges.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y, color: data.color, size: Math.max(1, data.size) });
  });
  // Draw highlighted nodes last, as on screen.
  return picture;
}

/**
 * The picture as a PNG: sigma's layers drawn in order onto a white canvas, right after a render,
 * while the WebGL layers still hold their pixels.
 */
export function pngOf(sigma: ExplorerSigma, container: HTMLElement): Promise<Blob> {
  sigma.refresh();
  const layers = [...container.querySelectorAll("canvas")];
  const first = layers[0];
  if (!first) return Promise.reject(new Error("nothing drawn"));
  const out = document.createElement("canvas");
  out.width = first.width;
  out.height = first.height;
  const context = out.getContext("2d")!;
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, out.width, out.height);
  for (const layer of layers) {
    if (layer.width > 0 && layer.height > 0) context.drawImage(layer, 0, 0, out.width, out.height);
  }
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"));
}
