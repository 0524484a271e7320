import { useEffect, useState } from "react";
import { request } from "../../api/client";
import { PREVIEW, type PreviewNode } from "../../api/documents";
import { kindStyle } from "../../graph/kinds";
import type { ExplorerGraph } from "../../graph/model";

/** How long the pointer rests on a work before its abstract is asked for. */
const PREVIEW_DELAY_MS = 150;
/** The longest abstract shown in the card; the side panel shows it in full. */
const ABSTRACT_LENGTH = 420;

const previews = new Map<string, Promise<PreviewNode | null>>();

/** A work's year, journal, authors and abstract, asked for once per work. */
export function loadPreview(id: string): Promise<PreviewNode | null> {
  let p = previews.get(id);
  if (!p) {
    p = request(PREVIEW, { id }).then(
      (d) => d.node,
      () => {
        previews.delete(id);
        return null;
      },
    );
    if (previews.size > 500) previews.clear();
    previews.set(id, p);
  }
  return p;
}

/**
 * What the node pointed at is: its name and kind, and for a work its year, journal, authors and
 * the start of its abstract. Visual only: the keyboard announces the same, and the side panel
 * holds the abstract in full.
 */
export function HoverCard({ graph, node, x, y }: { graph: ExplorerGraph; node: string; x: number; y: number }) {
  const attrs = graph.getNodeAttributes(node);
  const [preview, setPreview] = useState<PreviewNode | null>(null);
  useEffect(() => {
    setPreview(null);
    if (attrs.kind !== "WORK") return;
    let live = true;
    const timer = setTimeout(() => void loadPreview(node).then((p) => live && setPreview(p)), PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [node, attrs.kind]);
  const abstract = preview?.abstract;
  return (
    <div className="hover-card" aria-hidden="true" style={{ left: x + 14, top: y + 14 }}>
      <div className="hover-kind" style={{ color: kindStyle(attrs.kind).color }}>
        {kindStyle(attrs.kind).label}
        {attrs.year !== null && ` · ${attrs.year}`}
      </div>
      <div className="hover-title">{attrs.label}</div>
      {preview?.journal && <div className="muted">{preview.journal.label}</div>}
      {preview?.authors && preview.authors.length > 0 && <div className="muted">{preview.authors.map((a) => a.label).join(", ")}</div>}
      {abstract && <p className="hover-abstract">{abstract.length > ABSTRACT_LENGTH ? `${abstract.slice(0, ABSTRACT_LENGTH).trimEnd()}…` : abstract}</p>}
    </div>
  );
}
