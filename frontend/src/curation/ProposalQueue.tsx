import { useEffect, useId, useState, type FormEvent } from "react";
import { APPROVE, curatorRequest, PROPOSALS, REJECT, WITHDRAW, type LinkResult, type Proposal } from "./api";
import { PROPOSAL_WORDS, when } from "./rules";

interface ProposalQueueProps {
  /** The signed-in curator's name: their own proposals can be withdrawn, not reviewed. */
  me: string;
  /** The entity in the centre, whose proposals are shown first; null for none. */
  focus: string | null;
  /** The centre's label. */
  focusLabel: string | null;
  /** Changes whenever something may have changed the queue. */
  version: number;
  onReviewed: (message: string, applied: LinkResult | null) => void;
  onError: (err: unknown) => void;
}

/** The pending proposals, oldest first, with approve and reject (or withdraw, for one's own). */
export function ProposalQueue({ me, focus, focusLabel, version, onReviewed, onError }: ProposalQueueProps) {
  const headingId = useId();
  const [queue, setQueue] = useState<{ total: number; items: Proposal[] } | null>(null);
  const [reload, setReload] = useState(0);
  const [everything, setEverything] = useState(false);
  const entity = everything ? null : focus;

  useEffect(() => {
    const controller = new AbortController();
    curatorRequest(PROPOSALS, { first: 50, entity }, { signal: controller.signal })
      .then(({ proposals }) => setQueue({ total: proposals.totalCount, items: proposals.edges.map((e) => e.node) }))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) onError(err);
      });
    return () => controller.abort();
  }, [entity, version, reload, onError]);

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        Pending proposals <span className="count">{queue?.total ?? "…"}</span>{" "}
        <button type="button" className="link-button" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
      </h3>
      {focus && (
        <label className="curation-check">
          <input type="checkbox" checked={everything} onChange={(e) => setEverything(e.target.checked)} /> All pending
          proposals, not only those about {focusLabel ?? "the centre"}
        </label>
      )}
      {queue && queue.items.length > 0 && queue.total > queue.items.length && (
        <p className="muted small">The oldest {queue.items.length} of {queue.total}.</p>
      )}
      {queue && queue.items.length === 0 && <p className="muted">Nothing awaits review.</p>}
      <ul className="curation-list">
        {queue?.items.map((p) => (
          <ProposalItem key={p.id} proposal={p} mine={p.proposedBy === me} onReviewed={onReviewed} onError={onError} />
        ))}
      </ul>
    </section>
  );
}

function ProposalItem(props: {
  proposal: Proposal;
  mine: boolean;
  onReviewed: ProposalQueueProps["onReviewed"];
  onError: ProposalQueueProps["onError"];
}) {
  const { proposal: p, mine, onReviewed, onError } = props;
  const inputId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<[string, LinkResult | null]>) => {
    setBusy(true);
    try {
      const [message, applied] = await run();
      onReviewed(message, applied);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const approve = () =>
    act(async () => {
      const { approveProposal } = await curatorRequest(APPROVE, { id: p.id });
      return [`Approved: ${approveProposal.applied?.message ?? p.link}`, approveProposal.applied];
    });
  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === "") return;
    void act(async () => {
      await curatorRequest(REJECT, { id: p.id, reason: reason.trim() });
      return [`Rejected the proposal by ${p.proposedBy}.`, null];
    });
  };
  const withdraw = () =>
    act(async () => {
      await curatorRequest(WITHDRAW, { id: p.id });
      return ["Withdrew your proposal.", null];
    });
  const label = (n: Proposal["source"], id: string) => n?.label ?? id;
  return (
    <li className="proposal" data-proposal={p.id}>
      <div>
        <strong>{p.proposedBy}</strong> proposes {PROPOSAL_WORDS[p.action] ?? p.action} <span className="relation">{p.type}</span>:{" "}
        {label(p.source, p.sourceId)} → {label(p.target, p.targetId)}
      </div>
      <div className="muted small">
        {when(p.proposedAt)}
        {p.properties.length > 0 && ` · ${p.properties.map((x) => `${x.key}: ${x.value}`).join(", ")}`}
        {p.evidence && ` · evidence: ${p.evidence}`}
        {p.note && ` · ${p.note}`}
      </div>
      <div className="curation-row">
        {mine ? (
          <button type="button" disabled={busy} onClick={() => void withdraw()}>
            Withdraw
          </button>
        ) : !rejecting ? (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void approve()}>
              Approve
            </button>
            <button type="button" disabled={busy} onClick={() => setRejecting(true)}>
              Reject…
            </button>
          </>
        ) : (
          <form className="curation-inline" onSubmit={reject}>
            <label htmlFor={inputId}>Reason</label>
            <input id={inputId} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
            <button type="submit" disabled={busy}>
              Reject
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </form>
        )}
      </div>
    </li>
  );
}
