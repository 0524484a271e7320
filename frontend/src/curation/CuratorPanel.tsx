import { useCallback, useEffect, useId, useState } from "react";
import type { LoadedRelations } from "../hooks/useRelations";
import { curatorRequest, RELATION_TYPES, type LinkResult, type RelationType } from "./api";
import { AddLinkForm } from "./AddLinkForm";
import { describeSubject, HistoryList } from "./HistoryList";
import { LinkList } from "./LinkList";
import { errorNotice, linkNotice, provenanceLine, type Notice } from "./notice";
import { ProposalQueue } from "./ProposalQueue";
import type { Curation } from "./useCuration";

interface CuratorPanelProps {
  curation: Curation;
  /** The graph on screen, or null before the first one. */
  loaded: LoadedRelations | null;
  /** Loads the graph again, so that a change shows. */
  onChanged: () => void;
}

/**
 * The curator's panel, beside the explorer: add a link from the entity in the centre (picking the
 * other end on the graph), retract its links, review the pending proposals, see its history, and
 * undo the last change.
 */
export function CuratorPanel({ curation, loaded, onChanged }: CuratorPanelProps) {
  const headingId = useId();
  const [types, setTypes] = useState<RelationType[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [undoing, setUndoing] = useState(false);

  useEffect(() => {
    curatorRequest(RELATION_TYPES, {})
      .then(({ relationTypes }) => setTypes(relationTypes))
      .catch((err: unknown) => setNotice(errorNotice(err)));
  }, []);

  const changed = useCallback(() => {
    setVersion((v) => v + 1);
    onChanged();
  }, [onChanged]);
  const onError = useCallback((err: unknown) => setNotice(errorNotice(err)), []);
  const graph = loaded?.graph ?? null;
  // The link in words (with the labels of its ends) and where it came from.
  const describe = useCallback(
    (result: LinkResult | null) => {
      const id = result?.link?.id;
      if (!id || !result || (result.outcome !== "CREATED" && result.outcome !== "EXISTED")) return null;
      const what = graph ? describeSubject(graph, id) : id;
      const from = provenanceLine(result.link);
      return from ? `${what} · ${from}` : what;
    },
    [graph],
  );
  const onLink = useCallback(
    (result: LinkResult) => {
      setNotice(linkNotice(result));
      setDetail(describe(result));
      changed();
    },
    [changed, describe],
  );
  const onReviewed = useCallback(
    (message: string, applied: LinkResult | null) => {
      const n = applied ? linkNotice(applied) : { message };
      setNotice({ ...n, message });
      setDetail(describe(applied));
      changed();
    },
    [changed, describe],
  );
  const undo = async () => {
    if (!notice?.undo) return;
    setUndoing(true);
    try {
      setNotice(await notice.undo());
      setDetail(null);
      changed();
    } catch (err) {
      setNotice(errorNotice(err));
    } finally {
      setUndoing(false);
    }
  };

  const viewer = curation.viewer;
  if (!viewer?.canCurate || !curation.open) return null;
  const focus = loaded?.focus ?? null;
  return (
    <section className="curator-panel" aria-labelledby={headingId}>
      <header>
        <h2 id={headingId}>Curation</h2>
        <span className="muted small">
          as {viewer.name} ({viewer.role.toLowerCase()})
          {loaded && focus && (
            <>
              {" "}
              · curating <strong>{loaded.graph.getNodeAttribute(focus, "label")}</strong>
            </>
          )}
        </span>
        <button type="button" className="link-button" onClick={() => curation.setOpen(false)} aria-label="Close the curation panel">
          Close
        </button>
      </header>
      <div className="curation-notice" role="status" aria-live="polite">
        {notice && (
          <p className={notice.error ? "curation-error" : undefined}>
            {notice.message}{" "}
            {notice.undo && (
              <button type="button" disabled={undoing} onClick={() => void undo()}>
                Undo
              </button>
            )}
          </p>
        )}
        {detail && <p className="muted small provenance">{detail}</p>}
      </div>
      <div className="curation-columns">
        {loaded && focus ? (
          <AddLinkForm graph={loaded.graph} focus={focus} types={types} curation={curation} onDone={onLink} onError={onError} />
        ) : (
          <p className="muted">Search for an entity to curate its links.</p>
        )}
        {loaded && focus && (
          <div>
            <LinkList graph={loaded.graph} focus={focus} onDone={onLink} onError={onError} />
            <HistoryList graph={loaded.graph} id={focus} version={version} onDone={onLink} onError={onError} />
          </div>
        )}
        <ProposalQueue
          me={viewer.name ?? ""}
          focus={focus}
          focusLabel={loaded && focus ? loaded.graph.getNodeAttribute(focus, "label") : null}
          version={version}
          onReviewed={onReviewed}
          onError={onError}
        />
      </div>
    </section>
  );
}
