import { useEffect, useMemo } from "react";
import { AnnouncerProvider } from "../components/Announcer";
import { OpenEntityContext } from "../components/actions";
import type { Location } from "../routing/history";
import { entityPath } from "../routing/routes";
import { parseView } from "../state/view";
import { Workspace } from "../workspace/Workspace";
import { useViewDispatch } from "./EntityPage";

/**
 * The graph alone, for a portal page's iframe: the canvas with its legend and zoom, and a link
 * that opens the same view in the full explorer.
 */
export function EmbedPage({ id, kind, location }: { id: string; kind: string | null; location: Location }) {
  const view = useMemo(() => parseView(location.search), [location.search]);
  const dispatch = useViewDispatch();
  const full = `${entityPath(id, kind)}${location.search}`;
  useEffect(() => {
    document.title = "Graph of relations — relgraph";
  }, []);
  // Entities open in the full explorer, in a new tab: the iframe stays as it is.
  const open = useMemo(() => (e: { id: string; kind: string }) => window.open(entityPath(e.id, e.kind), "_blank", "noopener"), []);
  return (
    <AnnouncerProvider>
      <OpenEntityContext.Provider value={open}>
        <main className="embed-page" id="main">
          <h1 className="visually-hidden">Graph of relations</h1>
          <Workspace focus={id} view={{ ...view, presentation: "graph" }} dispatch={dispatch} embed />
          <a className="embed-link" href={full} target="_blank" rel="noopener">
            Open in relgraph <span aria-hidden="true">↗</span>
          </a>
        </main>
      </OpenEntityContext.Provider>
    </AnnouncerProvider>
  );
}
