import { useMemo } from "react";
import { countByKind } from "../graph/relations";
import type { LoadedRelations, RelationsState } from "../hooks/useRelations";
import { useHighlighted, type HighlightStore } from "../state/highlight";
import type { Depth } from "../state/view";
import { useExplorerActions } from "./actions";
import { DepthControl } from "./DepthControl";
import { ErrorNotice } from "./ErrorNotice";
import { GraphView } from "./graph/GraphView";
import { Legend } from "./Legend";
import { EntityPanel } from "./panel/EntityPanel";
import { statusText } from "./status";

interface ExplorerProps {
  relations: RelationsState;
  depth: Depth;
  onDepthChange: (depth: Depth) => void;
  highlight: HighlightStore;
}

/** The graph of relations around the focused entity, with its controls, legend and side panel. */
export function Explorer({ relations, depth, onDepthChange, highlight }: ExplorerProps) {
  const { loaded, loading, error, reload } = relations;
  return (
    <div className="explorer">
      <div className="toolbar">
        <DepthControl depth={depth} onChange={onDepthChange} />
        <p className="status" role="status" aria-live="polite">
          {statusText(relations)}
        </p>
      </div>
      {error && <ErrorNotice message={error.message} onRetry={error.retryable && !error.retrying ? reload : undefined} />}
      <div className="explorer-body">
        <section className={`graph-area${loading ? " busy" : ""}`} aria-label="Graph of relations" aria-busy={loading}>
          {loaded ? <Chart loaded={loaded} highlight={highlight} /> : loading && <p className="placeholder">Loading…</p>}
        </section>
        {loaded && <EntityPanel graph={loaded.graph} focus={loaded.focus} />}
      </div>
    </div>
  );
}

function Chart({ loaded, highlight }: { loaded: LoadedRelations; highlight: HighlightStore }) {
  const { select } = useExplorerActions();
  const highlighted = useHighlighted(highlight);
  const counts = useMemo(() => countByKind(loaded.graph), [loaded.graph]);
  const centre = loaded.graph.getNodeAttribute(loaded.focus, "label");
  return (
    <>
      <GraphView
        graph={loaded.graph}
        needsWorker={loaded.needsWorker}
        highlighted={highlighted}
        onSelect={select}
        description={`Graph of ${loaded.graph.order} entities and ${loaded.graph.size} relations around ${centre}. The side panel lists them all.`}
      />
      <Legend counts={counts} />
    </>
  );
}
