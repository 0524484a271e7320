import type { GraphPath, NodeSummary } from "../api/documents";
import { EntityButton } from "../components/EntityButton";
import { KindDot } from "../components/KindBadge";
import { SearchBox } from "../components/search/SearchBox";
import { pathSteps, relationName, stepSentence } from "../graph/wording";
import type { ViewAction } from "../state/view";

interface PathPanelProps {
  fromLabel: string;
  to: string | null;
  toLabel: string | null;
  paths: GraphPath[] | null;
  pending: boolean;
  dispatch: (action: ViewAction) => void;
}

/**
 * "How is X connected to Y?": X is the page's entity (or the one the paths were asked from), Y is
 * picked with the search; the shortest paths (at most four steps) are listed, each step labelled,
 * and highlighted on the graph.
 */
export function PathPanel({ fromLabel, to, toLabel, paths, pending, dispatch }: PathPanelProps) {
  const pick = (hit: NodeSummary) => dispatch({ type: "path", to: hit.id });
  return (
    <details className="panel-section paths" open={to !== null}>
      <summary>
        <h2>How is it connected?</h2>
      </summary>
      <p className="muted">
        Paths from <strong>{fromLabel}</strong> to:
      </p>
      <SearchBox
        onPick={pick}
        className="path-search"
        label="Find the entity to connect to"
        placeholder={toLabel ? `Now: ${toLabel}` : "Search for the other end…"}
      />
      {to && pending && paths === null && <p className="muted">Looking for paths…</p>}
      {to && paths && paths.length === 0 && <p>No connection within four steps.</p>}
      {paths && paths.length > 0 && (
        <ol className="path-list" aria-label={`${paths.length} shortest ${paths.length === 1 ? "path" : "paths"}`}>
          {paths.map((path, i) => (
            <li key={i}>
              <span className="count">
                Path {i + 1}, {path.length} {path.length === 1 ? "step" : "steps"}
              </span>
              <ol className="path-steps">
                {pathSteps(path).map((step, j) => (
                  <li key={j}>
                    <span className="visually-hidden">{stepSentence(step)}. </span>
                    <span aria-hidden="true">
                      {j === 0 && (
                        <span className="path-node">
                          <KindDot kind={step.from.kind} /> {step.from.label}
                        </span>
                      )}
                      <span className="path-relation">
                        {step.forward ? "—" : "←"} {relationName(step.relation)} {step.forward ? "→" : "—"}
                      </span>
                    </span>
                    <EntityButton entity={step.to} />
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
      {to && (
        <button type="button" className="link-button" onClick={() => dispatch({ type: "path", to: null })}>
          Clear the paths
        </button>
      )}
    </details>
  );
}
