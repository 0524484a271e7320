import { useId, useState, type FormEvent } from "react";
import type { ExplorerGraph } from "../graph/model";
import { curatorRequest, RETRACT_LINK, type LinkResult } from "./api";

interface LinkListProps {
  graph: ExplorerGraph;
  focus: string;
  onDone: (result: LinkResult) => void;
  onError: (err: unknown) => void;
}

/** The links of the entity in the centre, each with where it came from and a way to retract it. */
export function LinkList({ graph, focus, onDone, onError }: LinkListProps) {
  const headingId = useId();
  const rows: { id: string; relation: string; out: boolean; other: string; sources: string }[] = [];
  if (graph.hasNode(focus)) {
    graph.forEachEdge(focus, (_edge, attrs, source, target) => {
      const out = source === focus;
      const other = graph.getNodeAttribute(out ? target : source, "label");
      attrs.ids.forEach((id, i) => {
        const p = attrs.provenance[i];
        const sources = p ? (p.curator ? `${p.source}, ${p.curator}` : p.source) : "";
        rows.push({ id, relation: attrs.relation, out, other, sources });
      });
    });
  }
  rows.sort((a, b) => a.relation.localeCompare(b.relation) || a.other.localeCompare(b.other));
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        Links <span className="count">{rows.length}</span>
      </h3>
      {rows.length === 0 ? (
        <p className="muted">No links.</p>
      ) : (
        <ul className="curation-list">
          {rows.map((row) => (
            <LinkRow key={row.id} {...row} onDone={onDone} onError={onError} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LinkRow(props: {
  id: string;
  relation: string;
  out: boolean;
  other: string;
  sources: string;
  onDone: (result: LinkResult) => void;
  onError: (err: unknown) => void;
}) {
  const { id, relation, out, other, sources, onDone, onError } = props;
  const inputId = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const retract = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === "") return;
    setBusy(true);
    try {
      const { retractLink } = await curatorRequest(RETRACT_LINK, { id, reason: reason.trim() });
      onDone(retractLink);
      setAsking(false);
      setReason("");
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-link={id}>
      <span className="relation">{out ? `${relation} →` : `← ${relation}`}</span> {other}
      {sources && <span className="muted small"> · {sources}</span>}{" "}
      {!asking ? (
        <button type="button" className="link-button" onClick={() => setAsking(true)} aria-label={`Retract ${relation} ${other}`}>
          Retract…
        </button>
      ) : (
        <form className="curation-inline" onSubmit={(e) => void retract(e)}>
          <label htmlFor={inputId}>Reason</label>
          <input id={inputId} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
          <button type="submit" disabled={busy}>
            Retract
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}
