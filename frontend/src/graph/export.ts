/**
 * Exports of the view: the entities and relationships shown (after the filters) as GraphML and
 * GEXF (for Gephi, with colours, sizes and positions), CSV tables of nodes and edges, JSON (the
 * graphology serialisation, which graphology's `import` reads back) and SVG of the picture.
 */
import type { ExplorerGraph } from "./model";
import { kindShape, shapeSvg, type Shape } from "./shapes";
import type { Visibility } from "./visibility";

/** An entity as exported. */
export interface ExportNode {
  id: string;
  label: string;
  kind: string;
  year: number | null;
  /** Identifiers of its kind: doi, orcid, ror, issnl, iso2. */
  identifiers: Record<string, string>;
  x: number;
  y: number;
  size: number;
  color: string;
}

/** A relationship as exported. */
export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  relation: string;
  years: [number, number] | null;
  properties: Record<string, string>;
  /** The sources it came from (provenance), such as `seed` or `openalex`. */
  sources: string[];
  /** The records within those sources. */
  records: string[];
}

/** What is exported: the entities and relationships shown. */
export interface ExportItems {
  centre: string;
  nodes: ExportNode[];
  edges: ExportEdge[];
}

const IDENTIFIERS = ["doi", "orcid", "ror", "issnl", "iso2"] as const;

/**
 * The entities and relationships the filters leave, with the colour and size they are drawn with
 * (which depend on the chosen appearance) and their positions.
 */
export function exportItems(
  graph: ExplorerGraph,
  visibility: Visibility,
  appearance: (node: string) => { color: string; size: number },
): ExportItems {
  const nodes: ExportNode[] = [];
  graph.forEachNode((id, attrs) => {
    if (visibility.hiddenNodes.has(id)) return;
    const identifiers: Record<string, string> = {};
    for (const key of IDENTIFIERS) {
      const value = attrs.entity[key];
      if (typeof value === "string" && value !== "") identifiers[key] = value;
    }
    nodes.push({ id, label: attrs.label, kind: attrs.kind, year: attrs.year, identifiers, x: attrs.x, y: attrs.y, ...appearance(id) });
  });
  const edges: ExportEdge[] = [];
  graph.forEachEdge((id, attrs, source, target) => {
    if (visibility.hiddenEdges.has(id) || visibility.hiddenNodes.has(source) || visibility.hiddenNodes.has(target)) return;
    edges.push({
      id,
      source,
      target,
      relation: attrs.relation,
      years: attrs.years,
      properties: Object.fromEntries(attrs.properties.map((p) => [p.key, p.value])),
      sources: [...new Set(attrs.provenance.map((p) => p.source))],
      records: [...new Set(attrs.provenance.map((p) => p.record).filter((r): r is string => !!r))],
    });
  });
  return { centre: graph.getAttribute("centre"), nodes, edges };
}

/** Escapes text for XML, dropping characters XML 1.0 cannot hold. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [128, 128, 128];
}

function yearsText(years: [number, number] | null): string {
  if (!years) return "";
  const end = Number.isFinite(years[1]) ? String(years[1]) : "";
  return years[0] === years[1] ? String(years[0]) : `${years[0]}-${end}`;
}

const num = (n: number) => String(Number(n.toFixed(4)));

/** GraphML, with the attributes Gephi reads for colour, size and position. */
export function toGraphML(items: ExportItems): string {
  const keys: [string, "node" | "edge", string, string][] = [
    ["label", "node", "label", "string"],
    ["kind", "node", "kind", "string"],
    ["year", "node", "year", "int"],
    ...IDENTIFIERS.map((k) => [k, "node", k, "string"] as [string, "node", string, string]),
    ["x", "node", "x", "double"],
    ["y", "node", "y", "double"],
    ["size", "node", "size", "double"],
    ["r", "node", "r", "int"],
    ["g", "node", "g", "int"],
    ["b", "node", "b", "int"],
    ["relation", "edge", "relation", "string"],
    ["years", "edge", "years", "string"],
    ["sources", "edge", "sources", "string"],
    ["records", "edge", "records", "string"],
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, f, name, type]) => `  <key id="${id}" for="${f}" attr.name="${name}" attr.type="${type}"/>`),
    `  <graph id="${xmlEscape(items.centre)}" edgedefault="directed">`,
  ];
  const data = (key: string, value: string) => `      <data key="${key}">${xmlEscape(value)}</data>`;
  for (const n of items.nodes) {
    const [r, g, b] = rgb(n.color);
    lines.push(`    <node id="${xmlEscape(n.id)}">`, data("label", n.label), data("kind", n.kind));
    if (n.year !== null) lines.push(data("year", String(n.year)));
    for (const [k, v] of Object.entries(n.identifiers)) lines.push(data(k, v));
    lines.push(data("x", num(n.x)), data("y", num(n.y)), data("size", num(n.size)), data("r", String(r)), data("g", String(g)), data("b", String(b)));
    lines.push("    </node>");
  }
  for (const e of items.edges) {
    lines.push(`    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">`, data("relation", e.relation));
    if (e.years) lines.push(data("years", yearsText(e.years)));
    if (e.sources.length) lines.push(data("sources", e.sources.join(" ")));
    if (e.records.length) lines.push(data("records", e.records.join(" ")));
    lines.push("    </edge>");
  }
  lines.push("  </graph>", "</graphml>", "");
  return lines.join("\n");
}

/** GEXF 1.3 with the viz module (colour, size, position), as Gephi writes it. */
export function toGEXF(items: ExportItems, date = new Date()): string {
  const nodeAttrs = ["kind", "year", ...IDENTIFIERS];
  const edgeAttrs = ["years", "sources", "records"];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta lastmodifieddate="${date.toISOString().slice(0, 10)}">`,
    "    <creator>relgraph</creator>",
    `    <description>${xmlEscape(`Graph of relations around ${items.centre}`)}</description>`,
    "  </meta>",
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    ...nodeAttrs.map((a, i) => `      <attribute id="${i}" title="${a}" type="${a === "year" ? "integer" : "string"}"/>`),
    "    </attributes>",
    '    <attributes class="edge">',
    ...edgeAttrs.map((a, i) => `      <attribute id="${i}" title="${a}" type="string"/>`),
    "    </attributes>",
    "    <nodes>",
  ];
  for (const n of items.nodes) {
    const [r, g, b] = rgb(n.color);
    const values: [number, string][] = [[0, n.kind]];
    if (n.year !== null) values.push([1, String(n.year)]);
    IDENTIFIERS.forEach((k, i) => {
      if (n.identifiers[k]) values.push([i + 2, n.identifiers[k]!]);
    });
    lines.push(
      `      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.label)}">`,
      "        <attvalues>",
      ...values.map(([i, v]) => `          <attvalue for="${i}" value="${xmlEscape(v)}"/>`),
      "        </attvalues>",
      `        <viz:color r="${r}" g="${g}" b="${b}"/>`,
      `        <viz:size value="${num(n.size)}"/>`,
      `        <viz:position x="${num(n.x)}" y="${num(n.y)}" z="0"/>`,
      "      </node>",
    );
  }
  lines.push("    </nodes>", "    <edges>");
  for (const e of items.edges) {
    const values: [number, string][] = [];
    if (e.years) values.push([0, yearsText(e.years)]);
    if (e.sources.length) values.push([1, e.sources.join(" ")]);
    if (e.records.length) values.push([2, e.records.join(" ")]);
    lines.push(
      `      <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}" label="${xmlEscape(e.relation)}" kind="${xmlEscape(e.relation)}">`,
    );
    if (values.length) {
      lines.push("        <attvalues>", ...values.map(([i, v]) => `          <attvalue for="${i}" value="${xmlEscape(v)}"/>`), "        </attvalues>");
    }
    lines.push("      </edge>");
  }
  lines.push("    </edges>", "  </graph>", "</gexf>", "");
  return lines.join("\n");
}

/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: string | number | null): string {
  const s = value === null ? "" : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** The entities as CSV: one row per entity with its identifiers and position. */
export function nodesCSV(items: ExportItems): string {
  return csv([
    ["id", "label", "kind", "year", ...IDENTIFIERS, "x", "y", "size", "color"],
    ...items.nodes.map((n) => [n.id, n.label, n.kind, n.year, ...IDENTIFIERS.map((k) => n.identifiers[k] ?? null), num(n.x), num(n.y), num(n.size), n.color]),
  ]);
}

/** The relationships as CSV: one row per relationship with its years and provenance. */
export function edgesCSV(items: ExportItems): string {
  return csv([
    ["id", "source", "target", "relation", "years", "properties", "sources", "records"],
    ...items.edges.map((e) => [
      e.id,
      e.source,
      e.target,
      e.relation,
      yearsText(e.years),
      Object.entries(e.properties).map(([k, v]) => `${k}=${v}`).join("; "),
      e.sources.join(" "),
      e.records.join(" "),
    ]),
  ]);
}

/** JSON in graphology's serialisation format (`graph.import` reads it back). */
export function toJSON(items: ExportItems): string {
  return JSON.stringify(
    {
      attributes: { centre: items.centre, exportedBy: "relgraph" },
      options: { type: "directed", multi: true, allowSelfLoops: true },
      nodes: items.nodes.map(({ id, ...attributes }) => ({ key: id, attributes })),
      edges: items.edges.map(({ id, source, target, years, ...attributes }) => ({
        key: id,
        source,
        target,
        attributes: { ...attributes, years: years && [years[0], Number.isFinite(years[1]) ? years[1] : null] },
      })),
    },
    null,
    2,
  );
}

/** A node of the picture, in viewport pixels. */
export interface PictureNode {
  x: number;
  y: number;
  size: number;
  color: string;
  shape: Shape;
  label: string | null;
}

/** An edge of the picture, in viewport pixels. */
export interface PictureEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  size: number;
}

/** The picture as sigma draws it, for the SVG export. */
export interface Picture {
  width: number;
  height: number;
  title: string;
  nodes: PictureNode[];
  edges: PictureEdge[];
  /** The label font size in pixels. */
  fontSize: number;
}

/** The picture as SVG: edges, then nodes in their shapes, then the labels shown on screen. */
export function toSVG(picture: Picture): string {
  const f = (n: number) => Number(n.toFixed(2));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(picture.width)}" height="${f(picture.height)}" viewBox="0 0 ${f(picture.width)} ${f(picture.height)}" role="img">`,
    `  <title>${xmlEscape(picture.title)}</title>`,
    `  <rect width="100%" height="100%" fill="#ffffff"/>`,
    '  <g class="edges" stroke-linecap="round">',
    ...picture.edges.map(
      (e) => `    <line x1="${f(e.x1)}" y1="${f(e.y1)}" x2="${f(e.x2)}" y2="${f(e.y2)}" stroke="${e.color}" stroke-width="${f(e.size)}"/>`,
    ),
    "  </g>",
    '  <g class="nodes">',
    ...picture.nodes.map((n) => `    ${shapeSvg(n.shape, n.x, n.y, n.size, `fill="${n.color}"`)}`),
    "  </g>",
    `  <g class="labels" font-family="system-ui, sans-serif" font-size="${picture.fontSize}" fill="#1a1f24" stroke="#ffffff" stroke-width="3" paint-order="stroke">`,
    ...picture.nodes
      .filter((n) => n.label)
      .map((n) => `    <text x="${f(n.x + n.size + 3)}" y="${f(n.y + picture.fontSize / 3)}">${xmlEscape(n.label!)}</text>`),
    "  </g>",
    "</svg>",
    "",
  ];
  return out.join("\n");
}

/** The shape of a node for the picture. */
export { kindShape };
