import { useRef, useState } from "react";
import type { CanvasApi } from "../components/graph/GraphCanvas";
import type { ExplorerGraph } from "../graph/model";
import type { Visibility } from "../graph/visibility";

/** A file name from a label: lower case words joined by dashes. */
export function fileName(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "relgraph";
}

function download(name: string, content: Blob | string, type: string): void {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface ExportMenuProps {
  graph: ExplorerGraph;
  visibility: Visibility;
  appearance: (node: string) => { color: string; size: number };
  canvas: { current: CanvasApi | null };
  title: string;
  announce: (text: string) => void;
}

/** Downloads of the view: a PNG or SVG of the picture, GraphML, GEXF, CSV of nodes and edges, JSON. */
export function ExportMenu({ graph, visibility, appearance, canvas, title, announce }: ExportMenuProps) {
  const [busy, setBusy] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const base = fileName(title);
  const run = async (format: string) => {
    setBusy(true);
    if (menu.current) menu.current.open = false;
    try {
      const ex = await import("../graph/export");
      const items = () => ex.exportItems(graph, visibility, appearance);
      switch (format) {
        case "png":
          download(`${base}.png`, await canvas.current!.png(), "image/png");
          break;
        case "svg":
          download(`${base}.svg`, await canvas.current!.svg(`Graph of relations around ${title}`), "image/svg+xml");
          break;
        case "graphml":
          download(`${base}.graphml`, ex.toGraphML(items()), "application/graphml+xml");
          break;
        case "gexf":
          download(`${base}.gexf`, ex.toGEXF(items()), "application/gexf+xml");
          break;
        case "nodes":
          download(`${base}-nodes.csv`, ex.nodesCSV(items()), "text/csv");
          break;
        case "edges":
          download(`${base}-edges.csv`, ex.edgesCSV(items()), "text/csv");
          break;
        case "json":
          download(`${base}.json`, ex.toJSON(items()), "application/json");
          break;
      }
      announce(`Exported ${format.toUpperCase()}.`);
    } catch (err) {
      announce(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const formats: [string, string][] = [
    ["png", "PNG image"],
    ["svg", "SVG image"],
    ["graphml", "GraphML"],
    ["gexf", "GEXF (Gephi)"],
    ["nodes", "CSV of entities"],
    ["edges", "CSV of relations"],
    ["json", "JSON"],
  ];
  return (
    <details ref={menu} className="export-menu menu-button">
      <summary>Export</summary>
      <div className="menu-popup" role="group" aria-label="Export the view">
        {formats.map(([format, label]) => (
          <button key={format} type="button" disabled={busy} onClick={() => void run(format)} data-format={format}>
            {label}
          </button>
        ))}
      </div>
    </details>
  );
}
