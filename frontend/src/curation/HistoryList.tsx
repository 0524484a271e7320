import { useEffect, useId, useState } from "react";
import type { ExplorerGraph } from "../graph/model";
import { curatorRequest, HISTORY, RESTORE_LINK, type Change, type LinkResult } from "./api";
import { ACTION_WORDS, when } from "./rules";

interface HistoryListProps {
  graph: ExplorerGraph;
  id: string;
  version: number;
  onDone: (result: LinkResult) => void;
  onError: (err: unknown) => void;
}

/** The latest changes to the entity in the centre and its links, newest first. */
export function HistoryList({ graph, id, version, onDone, onError }: HistoryListProps) {
  const headingId = useId();
  const [history, setHistory] = useState<{ total: number; changes: Change[] } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    curatorRequest(HISTORY, { id, first: 15 }, { signal: controller.signal })
      .then(({ history }) => setHistory({ total: history.totalCount, changes: history.edges.map((e) => e.node) }))
      .catch((err: unknown) => {
        if (!controller.signal.aborted) onError(err);
      });
    return () => controller.abort();
  }, [id, version, onError]);

  const restore = async (linkId: string) => {
    try {
      const { restoreLink } = await curatorRequest(RESTORE_LINK, { id: linkId, reason: "Restored from history" });
      onDone(restoreLink);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        History <span className="count">{history?.total ?? "…"}</span>
      </h3>
      {history && history.changes.length === 0 && <p className="muted">No changes by hand yet.</p>}
      <ol className="curation-list history">
        {history?.changes.map((c) => (
          <li key={c.id} data-change={c.action}>
            <span className="muted small">{when(c.at)}</span> <strong>{c.actor}</strong> {ACTION_WORDS[c.action] ?? c.action}{" "}
            {describeSubject(graph, c.subject)}
            {c.reviewer && <span className="muted"> (approved by {c.reviewer})</span>}
            {c.note && <div className="muted small">“{c.note}”</div>}
            {c.action === "RETRACT_LINK" && (
              <button type="button" className="link-button" onClick={() => void restore(c.subject)}>
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A link id in words, with the labels of its ends when the graph has them. */
export function describeSubject(graph: ExplorerGraph, subject: string): string {
  const parts = subject.split(">");
  if (parts.length !== 3) return graph.hasNode(subject) ? graph.getNodeAttribute(subject, "label") : subject;
  const [source = "", type = "", target = ""] = parts;
  const name = (id: string) => (graph.hasNode(id) ? graph.getNodeAttribute(id, "label") : id);
  return `${name(source)} ${type} → ${name(target)}`;
}
