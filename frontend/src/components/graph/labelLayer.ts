/**
 * Draws node labels so that they never overlap. Sigma still decides which labels are candidates
 * (its label grid, plus forced ones), but instead of drawing them at once they are queued; after
 * each render the queue is sorted by importance (focus, selection, keyboard cursor, pointing,
 * paths, then size) and each label is drawn only if its box is free (graph/labels.ts). Labels get a
 * white halo so they stay readable over edges.
 */
import type Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import { placeLabels, type LabelCandidate } from "../../graph/labels";

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & { key?: string; labelPriority?: number };

/** The label colour: near black, 15:1 against white. */
export const LABEL_COLOR = "#1a1f24";

/** The labels drawn at the last render, for tests and the SVG export. */
export interface LabelLayer {
  drawn: () => readonly LabelCandidate[];
  dispose: () => void;
}

/** Installs the label layer on a renderer. */
export function installLabelLayer(sigma: Sigma, fontSize: number, font: string, weight: string): LabelLayer {
  let queue: LabelCandidate[] = [];
  let drawn: LabelCandidate[] = [];
  const widths = new Map<string, number>();
  const fontSpec = `${weight} ${fontSize}px ${font}`;

  sigma.setSetting("defaultDrawNodeLabel", (_context: CanvasRenderingContext2D, data: LabelData) => {
    if (!data.label) return;
    queue.push({ key: data.key ?? data.label, label: data.label, x: data.x, y: data.y, size: data.size, priority: data.labelPriority ?? 0 });
  });
  // Pointing at a node draws a ring around it; its label comes from the layer, with top priority.
  sigma.setSetting("defaultDrawNodeHover", (context: CanvasRenderingContext2D, data: LabelData, settings: Settings) => {
    void settings;
    context.beginPath();
    context.arc(data.x, data.y, data.size + 3, 0, 2 * Math.PI);
    context.lineWidth = 2.5;
    context.strokeStyle = LABEL_COLOR;
    context.stroke();
  });

  const onBefore = () => {
    queue = [];
  };
  const onAfter = () => {
    const canvas = sigma.getCanvases().labels;
    const context = canvas?.getContext("2d");
    if (!context) return;
    context.font = fontSpec;
    const measure = (label: string) => {
      let w = widths.get(label);
      if (w === undefined) {
        w = context.measureText(label).width;
        if (widths.size > 5000) widths.clear();
        widths.set(label, w);
      }
      return w;
    };
    const placed = placeLabels(queue, measure, fontSize);
    context.textBaseline = "middle";
    context.lineJoin = "round";
    for (const p of placed) {
      const x = p.x + p.size + 3;
      context.lineWidth = 3;
      context.strokeStyle = "#ffffff";
      context.strokeText(p.label, x, p.y);
      context.fillStyle = LABEL_COLOR;
      context.fillText(p.label, x, p.y);
    }
    drawn = placed;
  };
  sigma.on("beforeRender", onBefore);
  sigma.on("afterRender", onAfter);
  return {
    drawn: () => drawn,
    dispose: () => {
      sigma.off("beforeRender", onBefore);
      sigma.off("afterRender", onAfter);
    },
  };
}
