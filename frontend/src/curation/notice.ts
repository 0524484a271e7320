import { describeError } from "../api/client";
import { curatorRequest, RETRACT_LINK, RESTORE_LINK, WITHDRAW, type LinkResult } from "./api";

/** What the panel tells the curator after a change, and how to take the change back. */
export interface Notice {
  message: string;
  /** Whether the change failed. */
  error?: boolean;
  /** Takes the change back, when it can be. */
  undo?: () => Promise<Notice>;
}

/** The notice for a link request, with the undo that fits what it did. */
export function linkNotice(result: LinkResult): Notice {
  const { outcome, link, proposal } = result;
  const notice: Notice = { message: result.message };
  if ((outcome === "CREATED" || outcome === "RESTORED") && link) {
    notice.undo = async () => {
      const { retractLink } = await curatorRequest(RETRACT_LINK, { id: link.id, reason: "Undone right after it was made" });
      return { message: retractLink.message };
    };
  } else if (outcome === "RETRACTED" && link) {
    notice.undo = async () => {
      const { restoreLink } = await curatorRequest(RESTORE_LINK, { id: link.id, reason: "Retraction undone" });
      return { message: restoreLink.message };
    };
  } else if (outcome === "PROPOSED" && proposal) {
    notice.undo = async () => {
      await curatorRequest(WITHDRAW, { id: proposal.id });
      return { message: `Withdrew proposal ${proposal.id}.` };
    };
  }
  return notice;
}

/** The notice for a failed request. */
export function errorNotice(err: unknown): Notice {
  return { message: describeError(err), error: true };
}

/** Describes where a link came from, in a line. */
export function provenanceLine(link: LinkResult["link"]): string | null {
  const p = link?.provenance;
  if (!p) return null;
  const parts = [p.curator ? `added by ${p.curator}` : `from ${p.source}`];
  if (p.reviewedBy) parts.push(`approved by ${p.reviewedBy}`);
  if (p.evidence) parts.push(`evidence: ${p.evidence}`);
  if (p.note) parts.push(`note: ${p.note}`);
  return parts.join(" · ");
}
