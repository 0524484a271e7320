/** Colours for communities and centrality: every one at least 3:1 against white, as graphics must be. */

/** Distinct colours for the largest communities; the rest share the last, a neutral grey. */
export const COMMUNITY_COLORS = [
  "#1d5fb4",
  "#b84a00",
  "#0b7a55",
  "#8e3fa8",
  "#b0245e",
  "#5f6f00",
  "#00758f",
  "#a3452e",
  "#4b55c4",
  "#7a5c00",
  "#a12c9a",
  "#6b7280",
];

/** The colour of community `index` (0 is the largest). */
export function communityColor(index: number): string {
  return COMMUNITY_COLORS[Math.min(index, COMMUNITY_COLORS.length - 1)]!;
}

/** The centrality scale, from least to most central. */
export const CENTRALITY_RAMP = ["#6f7f92", "#6d6aa8", "#8a50a0", "#a83b7d", "#b8323f", "#a11d00"];

/** The colour of a centrality between 0 and 1. */
export function centralityColor(value: number): string {
  const i = Math.round(Math.max(0, Math.min(1, value)) * (CENTRALITY_RAMP.length - 1));
  return CENTRALITY_RAMP[i]!;
}
