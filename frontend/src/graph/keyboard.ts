/** Moving through the graph with the keyboard: to the nearest node in a direction, and along relationships. */

/** An arrow key's direction. */
export type Heading = "up" | "down" | "left" | "right";

/** A node where it is drawn, in viewport pixels (y grows downwards). */
export interface Point {
  key: string;
  x: number;
  y: number;
}

const VECTORS: Record<Heading, [number, number]> = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] };

/**
 * The node to move to from `from` with an arrow key: among the nodes ahead in that direction, the
 * one nearest, with sideways distance counting more than distance ahead. Null when none is ahead.
 */
export function nearestInDirection(points: readonly Point[], from: Point, heading: Heading): string | null {
  const [dx, dy] = VECTORS[heading];
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const p of points) {
    if (p.key === from.key) continue;
    const vx = p.x - from.x;
    const vy = p.y - from.y;
    const ahead = vx * dx + vy * dy;
    const aside = Math.abs(vx * dy - vy * dx);
    if (ahead <= 0 || aside > ahead * 2) continue;
    const score = ahead + 2.5 * aside;
    if (score < bestScore || (score === bestScore && best !== null && p.key < best)) {
      best = p.key;
      bestScore = score;
    }
  }
  return best;
}

/** The next index in a list of `length` items, wrapping around, in either direction. */
export function cycle(index: number, length: number, step: 1 | -1): number {
  if (length === 0) return -1;
  if (index < 0 || index >= length) return step === 1 ? 0 : length - 1;
  return (index + step + length) % length;
}
