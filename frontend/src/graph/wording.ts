/** How relationships are put into words: why two works are related, the steps of a path, a relation's name. */
import type { GraphPath, RelatedReason } from "../api/documents";

/** A reason a work is related, as a phrase before the entity it goes through (if any). */
export interface ReasonPhrase {
  text: string;
  via: RelatedReason["via"];
}

const REASON_TEXT: Record<string, string> = {
  AUTHORED: "Also by",
  PUBLISHED_IN: "Also in",
  STUDIES: "Also studies",
  CASE_COUNTRY: "Also about",
  HAS_TOPIC: "Also on",
  RESULT_OF: "From the same project,",
  FUNDED_BY: "Also funded by",
};

/** Why a work is related to the one whose page it is listed on. */
export function reasonPhrase(reason: RelatedReason): ReasonPhrase {
  if (reason.via === null) {
    // Direct citations: OUT means the page's work cites the related one.
    return { text: reason.direction === "OUT" ? "Cited by this work" : "Cites this work", via: null };
  }
  return { text: REASON_TEXT[reason.type] ?? `Shares ${reason.type} with`, via: reason.via };
}

/** The relation types a "related works" section gathers, with its heading. */
export interface RelatedSection {
  id: string;
  heading: string;
  relations: string[];
}

/** The related lists of a work's page, in the order a portal shows them. */
export const RELATED_SECTIONS: readonly RelatedSection[] = [
  { id: "authors", heading: "By the same authors", relations: ["AUTHORED"] },
  { id: "journal", heading: "From the same journal", relations: ["PUBLISHED_IN"] },
  { id: "organisations", heading: "Studying the same organisations", relations: ["STUDIES", "FUNDED_BY"] },
  { id: "countries", heading: "About the same countries", relations: ["CASE_COUNTRY"] },
  { id: "topics", heading: "On the same topics", relations: ["HAS_TOPIC"] },
  { id: "projects", heading: "From the same projects", relations: ["RESULT_OF"] },
  { id: "citations", heading: "Citing and cited", relations: ["CITES"] },
];

/** A relationship type as readers see it: AUTHORED reads "authored". */
export function relationName(type: string): string {
  return type.toLowerCase().replace(/_/g, " ");
}

/** One step of a path: from one entity to the next over one relationship, in its own direction. */
export interface PathStep {
  from: { id: string; label: string; kind: string };
  to: { id: string; label: string; kind: string };
  relation: string;
  /** Whether the relationship points from `from` to `to` (else it points back). */
  forward: boolean;
}

/** The steps of a path, each labelled with its relationship and which way it points. */
export function pathSteps(path: GraphPath): PathStep[] {
  return path.edges.map((edge, i) => {
    const from = path.nodes[i]!;
    const to = path.nodes[i + 1]!;
    return {
      from: { id: from.id, label: from.label, kind: from.kind },
      to: { id: to.id, label: to.label, kind: to.kind },
      relation: edge.type,
      forward: edge.source === from.id,
    };
  });
}

/** A step as a sentence for screen readers: "Frowd authored Developmental borderwork…". */
export function stepSentence(step: PathStep): string {
  const [subject, object] = step.forward ? [step.from, step.to] : [step.to, step.from];
  return `${subject.label} ${relationName(step.relation)} ${object.label}`;
}
