import { useCallback, useEffect, useMemo, useState } from "react";
import { ENTITY, type EntityDetailsNode } from "../api/documents";
import { Breadcrumbs } from "../components/Breadcrumbs";
import { CuratorDock } from "../curation/CuratorDock";
import type { Curation } from "../curation/useCuration";
import { GRAPH_PAINTED } from "../components/graph/GraphCanvas";
import { ErrorNotice } from "../components/ErrorNotice";
import { KindBadge } from "../components/KindBadge";
import { useQuery } from "../hooks/useQuery";
import { kindStyle } from "../graph/kinds";
import { navigate, type Location } from "../routing/history";
import { entityPath, kindOfId } from "../routing/routes";
import { labelLast } from "../state/trail";
import { applyViewAction, parseView, serialiseView, type ViewAction } from "../state/view";
import { Workspace } from "../workspace/Workspace";
import { EntitySummary } from "./EntitySummary";
import { EntityRelated, WorkRelated } from "./RelatedLists";

/**
 * Whether the page's graph has been drawn (or a moment has passed): the related lists wait for it,
 * so that their requests do not hold up the first picture.
 */
function useAfterGraph(id: string): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(false);
    const done = () => setReady(true);
    window.addEventListener(GRAPH_PAINTED, done);
    const timer = setTimeout(done, 1500);
    return () => {
      window.removeEventListener(GRAPH_PAINTED, done);
      clearTimeout(timer);
    };
  }, [id]);
  return ready;
}

/** Applies a change of view to the URL: a history entry of its own, or in place. */
export function useViewDispatch(): (action: ViewAction) => void {
  return useCallback((action: ViewAction) => {
    const current = parseView(window.location.search);
    const { view, mode } = applyViewAction(current, action);
    navigate(`${window.location.pathname}${serialiseView(view)}`, { replace: mode === "replace" });
  }, []);
}

/**
 * An entity's page: its name, its graph of relations (the workspace), the details a portal shows
 * and its related lists. The graph is asked for at once, in parallel with the details, so that it
 * shows first.
 */
export function EntityPage({ id, kind, location, curation }: { id: string; kind: string | null; location: Location; curation?: Curation }) {
  const view = useMemo(() => parseView(location.search), [location.search]);
  const dispatch = useViewDispatch();
  const details = useQuery(ENTITY, { id });
  const entity = details.data?.node ?? null;
  const knownKind = entity?.kind ?? kind ?? kindOfId(id);
  const trail = location.state?.trail ?? [];

  // The page's name in the title, the breadcrumb trail and the path (for /node/<id> or a wrong kind).
  useEffect(() => {
    if (!entity) return;
    document.title = `${entity.label} — relgraph`;
    const path = entityPath(entity.id, entity.kind);
    const named = labelLast(trail, entity.id, entity.kind, entity.label);
    const needsPath = window.location.pathname !== path;
    const needsTrail = JSON.stringify(named) !== JSON.stringify(trail);
    if (needsPath || needsTrail) navigate(`${path}${window.location.search}`, { replace: true, state: { trail: named } });
    // Only when the entity arrives, not on every change of the trail it writes.
  }, [entity]);

  const crumbs = trail.length > 0 ? trail : [{ id, kind: knownKind ?? "", label: entity?.label ?? "" }];
  const notFound = details.data && !entity;
  const [embedOpen, setEmbedOpen] = useState(false);
  // A curator picking the other end of a link on the graph needs the graph in view.
  const picking = curation?.picking ?? false;
  useEffect(() => {
    if (picking) document.querySelector(".workspace-main")?.scrollIntoView?.({ block: "nearest" });
  }, [picking]);
  const afterGraph = useAfterGraph(id);
  const embedUrl = `${window.location.origin}${entityPath(id, knownKind, true)}${location.search}`;
  return (
    <div className="entity-page">
      <Breadcrumbs trail={crumbs} />
      <header className="entity-header">
        {knownKind && <KindBadge kind={knownKind} />}
        <h1>{entity?.label ?? (notFound ? "Not found" : <span className="muted">Loading…</span>)}</h1>
        {entity && <Subtitle entity={entity} />}
        {entity && (
          <details className="embed-code" open={embedOpen} onToggle={(e) => setEmbedOpen(e.currentTarget.open)}>
            <summary>Embed this graph</summary>
            <label htmlFor="embed-code-input">Copy this into a page:</label>
            <input
              id="embed-code-input"
              readOnly
              value={`<iframe src="${embedUrl}" title="Graph of relations: ${entity.label.replace(/"/g, "&quot;")}" width="600" height="400" style="border:0"></iframe>`}
              onFocus={(e) => e.currentTarget.select()}
            />
          </details>
        )}
      </header>
      {details.error && <ErrorNotice message={details.error.message} onRetry={details.error.retryable ? details.reload : undefined} />}
      {notFound ? (
        <p>
          There is no entity with the id “{id}”. Try the search above.
        </p>
      ) : (
        <Workspace
          focus={id}
          view={view}
          dispatch={dispatch}
          interceptSelect={curation?.intercept}
          below={
            curation &&
            (({ graph, focus, reload }) => <CuratorDock curation={curation} loaded={{ graph, focus }} onChanged={reload} />)
          }
        />
      )}
      {entity && (
        <div className="entity-sections">
          <EntitySummary entity={entity} />
          {!afterGraph ? null : entity.kind === "WORK" ? <WorkRelated id={entity.id} /> : <EntityRelated entity={entity} />}
        </div>
      )}
    </div>
  );
}

/** A line under the title: the kind of output, year, journal and authors of a work; the key fact of others. */
function Subtitle({ entity }: { entity: EntityDetailsNode }) {
  const parts: string[] = [];
  if (entity.kind === "WORK") {
    if (entity.type) parts.push(entity.type[0]!.toUpperCase() + entity.type.slice(1));
    if (entity.year) parts.push(String(entity.year));
    if (entity.journal) parts.push(entity.journal.label);
    if (entity.authorships?.length) parts.push(entity.authorships.map((a) => a.person.label).join(", "));
  } else if (entity.kind === "ORGANISATION" && entity.acronyms?.length) {
    parts.push(entity.acronyms.join(", "));
  } else if (entity.kind === "COUNTRY" && entity.region) {
    parts.push(entity.region);
  } else {
    parts.push(kindStyle(entity.kind).label);
  }
  return <p className="subtitle">{parts.join(" · ")}</p>;
}
