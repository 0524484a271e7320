/**
 * Labels that never overlap. Sigma proposes labels (its grid keeps a few per area, plus the forced
 * ones); this module keeps, most important first, only those whose box does not touch a box
 * already kept. It runs on every render, on the few dozen labels proposed, so it is cheap.
 */

/** A label sigma proposes to draw, in viewport pixels. */
export interface LabelCandidate {
  key: string;
  label: string;
  /** The node's centre. */
  x: number;
  y: number;
  /** The node's drawn radius. */
  size: number;
  /** Higher goes first: the focus, the selection, what is pointed at, then bigger nodes. */
  priority: number;
}

/** A label kept, with its box. */
export interface PlacedLabel extends LabelCandidate {
  box: Box;
}

/** A rectangle in viewport pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The gap between a node and its label, as sigma draws it. */
export const LABEL_GAP = 3;
/** Room kept around each label. */
const MARGIN = 2;

/** The box of a label drawn to the right of its node, as sigma draws labels. */
export function labelBox(c: LabelCandidate, textWidth: number, fontSize: number): Box {
  return {
    x: c.x + c.size + LABEL_GAP - MARGIN,
    y: c.y - fontSize / 2 - MARGIN,
    width: textWidth + 2 * MARGIN,
    height: fontSize + 2 * MARGIN,
  };
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const CELL = 64;

/**
 * Keeps the labels that fit: by priority, then size, then key (so the choice is stable), each
 * kept only if its box overlaps no box kept before.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  measure: (label: string) => number,
  fontSize: number,
): PlacedLabel[] {
  const order = [...candidates].sort(
    (a, b) => b.priority - a.priority || b.size - a.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const grid = new Map<string, Box[]>();
  const cells = (box: Box): string[] => {
    const out: string[] = [];
    for (let cx = Math.floor(box.x / CELL); cx <= Math.floor((box.x + box.width) / CELL); cx++) {
      for (let cy = Math.floor(box.y / CELL); cy <= Math.floor((box.y + box.height) / CELL); cy++) out.push(`${cx},${cy}`);
    }
    return out;
  };
  const placed: PlacedLabel[] = [];
  const seen = new Set<string>();
  for (const c of order) {
    if (seen.has(c.key) || c.label === "") continue;
    seen.add(c.key);
    const box = labelBox(c, measure(c.label), fontSize);
    const where = cells(box);
    if (where.some((cell) => grid.get(cell)?.some((other) => intersects(box, other)))) continue;
    for (const cell of where) (grid.get(cell) ?? grid.set(cell, []).get(cell)!).push(box);
    placed.push({ ...c, box });
  }
  return placed;
}
