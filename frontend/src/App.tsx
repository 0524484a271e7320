import { useCallback, useEffect, useMemo } from "react";
import type { NodeSummary } from "./api/documents";
import { ExplorerActionsContext, type ExplorerActions } from "./components/actions";
import { Explorer } from "./components/Explorer";
import { Header } from "./components/Header";
import { SearchBox } from "./components/search/SearchBox";
import { StartPage } from "./components/StartPage";
import { CurationControl } from "./curation/CurationControl";
import { CuratorDock } from "./curation/CuratorDock";
import { useCuration } from "./curation/useCuration";
import { useRelations } from "./hooks/useRelations";
import { createHighlightStore } from "./state/highlight";
import { useView } from "./state/useView";
import { HOME, type Depth } from "./state/view";

/** The explorer page: the view in the URL decides between the start page and a graph of relations. */
export function App() {
  const [view, navigate] = useView();
  const relations = useRelations(view.focus, view.depth);
  const highlight = useMemo(createHighlightStore, []);
  const curation = useCuration();
  const { intercept } = curation;

  const actions = useMemo<ExplorerActions>(
    () => ({
      // While the curator picks the other end of a new link, a chosen entity goes to the panel.
      select: (id) => {
        if (!intercept(id)) navigate({ focus: id, depth: view.depth });
      },
      highlight: highlight.set,
    }),
    [navigate, view.depth, highlight, intercept],
  );
  const pick = useCallback((hit: NodeSummary) => actions.select(hit.id), [actions]);
  const changeDepth = useCallback(
    (depth: Depth) => navigate({ focus: view.focus, depth }, "replace"),
    [navigate, view.focus],
  );

  // A new graph: drop the highlight of a list item that is gone, and name the page after the centre.
  const loaded = relations.loaded;
  useEffect(() => {
    highlight.set(null);
    document.title = loaded ? `${loaded.graph.getNodeAttribute(loaded.focus, "label")} — relgraph` : "relgraph";
  }, [loaded, highlight]);

  return (
    <ExplorerActionsContext.Provider value={actions}>
      <div className="app">
        <Header onHome={() => navigate(HOME)}>
          <SearchBox onPick={pick} />
          <CurationControl curation={curation} />
        </Header>
        <main>
          {view.focus === null ? (
            <StartPage />
          ) : (
            <Explorer relations={relations} depth={view.depth} onDepthChange={changeDepth} highlight={highlight} />
          )}
        </main>
        <CuratorDock curation={curation} loaded={relations.loaded} onChanged={relations.reload} />
      </div>
    </ExplorerActionsContext.Provider>
  );
}
