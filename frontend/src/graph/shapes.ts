/**
 * Every kind has a shape as well as a colour, so that kinds can be told apart without colour
 * vision. The same geometry is drawn by the WebGL program (components/graph/shapeProgram.ts), the
 * legend and the SVG export: a shape fits a circle of radius 1 around the node's centre.
 */
import type { Kind } from "../api/documents";

/** The shapes nodes are drawn with. */
export type Shape = "circle" | "triangle" | "square" | "hexagon" | "diamond" | "star" | "triangleDown";

/** The shape of each kind. */
export const KIND_SHAPES: Readonly<Record<Kind, Shape>> = {
  WORK: "circle",
  PERSON: "triangle",
  JOURNAL: "square",
  ORGANISATION: "hexagon",
  COUNTRY: "diamond",
  PROJECT: "star",
  TOPIC: "triangleDown",
};

/** The shape of a kind, a circle for kinds the explorer does not know. */
export function kindShape(kind: string): Shape {
  return KIND_SHAPES[kind as Kind] ?? "circle";
}

/** The number the WebGL program knows each shape by. */
export const SHAPE_CODES: Readonly<Record<Shape, number>> = {
  circle: 0,
  triangle: 1,
  square: 2,
  hexagon: 3,
  diamond: 4,
  star: 5,
  triangleDown: 6,
};

/** The regular polygons: number of sides and the angle of a vertex (radians, y up). */
const POLYGONS: Partial<Record<Shape, { sides: number; vertex: number }>> = {
  triangle: { sides: 3, vertex: Math.PI / 2 },
  triangleDown: { sides: 3, vertex: -Math.PI / 2 },
  square: { sides: 4, vertex: Math.PI / 4 },
  diamond: { sides: 4, vertex: 0 },
  hexagon: { sides: 6, vertex: Math.PI / 2 },
};

/** The radius of a circle node relative to the other shapes, so that areas look alike. */
export const CIRCLE_RADIUS = 0.85;
/** The inner radius of the star's notches. */
export const STAR_INNER = 0.45;

/**
 * The outline of a shape centred at (cx, cy) with radius r, in SVG coordinates (y down), as the
 * points of a polygon; null for the circle.
 */
export function shapePoints(shape: Shape, cx: number, cy: number, r: number): [number, number][] | null {
  if (shape === "circle") return null;
  const at = (angle: number, radius: number): [number, number] => [cx + radius * Math.cos(angle), cy - radius * Math.sin(angle)];
  if (shape === "star") {
    const points: [number, number][] = [];
    for (let i = 0; i < 10; i++) points.push(at(Math.PI / 2 + (i * Math.PI) / 5, i % 2 === 0 ? r : r * STAR_INNER));
    return points;
  }
  const { sides, vertex } = POLYGONS[shape]!;
  return Array.from({ length: sides }, (_, i) => at(vertex + (2 * Math.PI * i) / sides, r));
}

/** An SVG element drawing the shape. */
export function shapeSvg(shape: Shape, cx: number, cy: number, r: number, attributes: string): string {
  const points = shapePoints(shape, cx, cy, r);
  const f = (n: number) => Number(n.toFixed(2));
  if (points === null) return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r * CIRCLE_RADIUS)}" ${attributes}/>`;
  return `<polygon points="${points.map(([x, y]) => `${f(x)},${f(y)}`).join(" ")}" ${attributes}/>`;
}
