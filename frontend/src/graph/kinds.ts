/** How each kind of entity is named and coloured throughout the explorer. */
import type { Kind } from "../api/documents";

/** The display name and colour of one kind. */
export interface KindStyle {
  /** The singular name, as shown beside an entity. */
  label: string;
  /** The plural name, as shown in the legend and in lists. */
  plural: string;
  /**
   * The colour of its nodes, legend swatch and badges: at least 4.5:1 against white, so it can
   * also be used for text.
   */
  color: string;
}

/** The style of every kind. */
export const KIND_STYLES: Readonly<Record<Kind, KindStyle>> = {
  WORK: { label: "Work", plural: "Works", color: "#1d5fb4" },
  PERSON: { label: "Person", plural: "People", color: "#b84a00" },
  JOURNAL: { label: "Journal", plural: "Journals", color: "#7b3fa8" },
  ORGANISATION: { label: "Organisation", plural: "Organisations", color: "#0b7a55" },
  COUNTRY: { label: "Country", plural: "Countries", color: "#b0245e" },
  PROJECT: { label: "Project", plural: "Projects", color: "#806600" },
  TOPIC: { label: "Topic", plural: "Topics", color: "#4d5966" },
};

/** The colour used for a kind the explorer does not know yet (a newer server). */
export const UNKNOWN_KIND_COLOR = "#5f6b76";

/** The style of a kind, falling back to a neutral one for a kind added to the schema later. */
export function kindStyle(kind: string): KindStyle {
  return KIND_STYLES[kind as Kind] ?? { label: kind, plural: kind, color: UNKNOWN_KIND_COLOR };
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1, 4).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
