import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { NodeSummary } from "../api/documents";
import { ExplorerActionsContext, useOpenEntity, type ExplorerActions } from "../components/actions";
import { useAnnounce } from "../components/Announcer";
import { ErrorNotice } from "../components/ErrorNotice";
import { GraphCanvas, type CanvasApi } from "../components/graph/GraphCanvas";
import { SearchBox } from "../components/search/SearchBox";
import type { ExplorerGraph } from "../graph/model";
import { entityRef } from "../graph/relations";
import { computeVisibility, tallies, yearBounds } from "../graph/visibility";
import { createHighlightStore, useHighlighted } from "../state/highlight";
import type { GraphView, ViewAction } from "../state/view";
import { ExportMenu } from "./ExportMenu";
import { FilterPanel } from "./FilterPanel";
import { Legend } from "./Legend";
import { ListView, TableView } from "./ListView";
import { NodeMenu } from "./NodeMenu";
import { PathPanel } from "./PathPanel";
import { SelectionPanel } from "./SelectionPanel";
import { statusText } from "./status";
import { Toolbar } from "./Toolbar";
import { useLayout } from "./useLayout";
import { useMetrics } from "./useMetrics";
import { useWorkspace } from "./useWorkspace";

interface WorkspaceProps {
  focus: string;
  view: GraphView;
  dispatch: (action: ViewAction) => void;
  /** The graph alone, for an iframe: no toolbar and no side panel. */
  embed?: boolean;
  /**
   * Offered every entity the reader selects before the workspace selects it: true when it was
   * taken (a curator picking the other end of a link), false to select it as usual.
   */
  interceptSelect?: (id: string) => boolean;
  /** What goes below the workspace, given its graph (the curator's panel). */
  below?: (workspace: { graph: ExplorerGraph; focus: string; reload: () => void }) => ReactNode;
}

/**
 * The graph of relations of one entity's page and everything around it: the canvas (or a list or
 * table of the same subgraph), the toolbar, filters, paths, the selected entity, the legend and
 * exports. The view lives in the URL; the graph is one graphology instance that grows and shrinks
 * with it.
 */
export function Workspace({ focus, view, dispatch, embed = false, interceptSelect, below }: WorkspaceProps) {
  const ws = useWorkspace(focus, view);
  const { graph, version } = ws;
  const layout = useLayout(graph, version, view.layout);
  const announce = useAnnounce();
  const openEntity = useOpenEntity();
  const canvas = useRef<CanvasApi | null>(null);
  const highlightStore = useMemo(createHighlightStore, []);
  const highlighted = useHighlighted(highlightStore);
  const [menu, setMenu] = useState<{ node: string; x: number; y: number } | null>(null);

  // The filters as a key: the view is parsed afresh from the URL (say, after the camera moved), and
  // only a change of filter should cost a reducer pass.
  const filterKey = JSON.stringify([view.hiddenKinds, view.hiddenRelations, view.years]);
  const visibility = useMemo(
    () => computeVisibility(graph, { hiddenKinds: view.hiddenKinds, hiddenRelations: view.hiddenRelations, years: view.years }),
    // `version` stands for the graph's contents, which change in place.
    [graph, version, filterKey],
  );
  const counts = useMemo(() => tallies(graph, visibility), [graph, version, visibility]);
  const bounds = useMemo(() => yearBounds(graph), [graph, version]);
  const metrics = useMetrics(graph, version, view.colorBy, view.sizeBy);
  const centreThere = graph.hasNode(focus);
  const selected = view.selected && graph.hasNode(view.selected) ? view.selected : centreThere ? focus : null;

  // The paths asked for, as graph keys (relationships merged into one edge keep their first id).
  const pathSets = useMemo(() => {
    const nodes = new Set<string>();
    const edges = new Set<string>();
    if (ws.paths) {
      const byId = new Map<string, string>();
      graph.forEachEdge((key, attrs) => attrs.ids.forEach((id) => byId.set(id, key)));
      for (const p of ws.paths) {
        p.nodes.forEach((n) => nodes.add(n.id));
        p.edges.forEach((e) => {
          const key = byId.get(e.id);
          if (key) edges.add(key);
        });
      }
    }
    return { nodes, edges };
  }, [ws.paths, graph, version]);

  const scene = useMemo(
    () => ({
      visibility,
      colors: metrics.colors,
      sizes: metrics.sizes,
      selected,
      pathNodes: pathSets.nodes,
      pathEdges: pathSets.edges,
    }),
    [visibility, metrics, selected, pathSets],
  );

  const label = (id: string) => (graph.hasNode(id) ? graph.getNodeAttribute(id, "label") : id);
  const expand = useCallback(
    (id: string) => {
      if (view.expanded.includes(id)) announce(`${label(id)} is already expanded.`);
      else {
        announce(`Expanding ${label(id)}…`);
        dispatch({ type: "expand", id });
      }
    },
    [view.expanded, dispatch, announce, graph],
  );
  const open = useCallback((id: string) => graph.hasNode(id) && openEntity(entityRef(graph, id)), [graph, openEntity]);
  const select = useCallback(
    (id: string | null) => {
      if (id !== null && interceptSelect?.(id)) return;
      dispatch({ type: "select", id });
    },
    [dispatch, interceptSelect],
  );
  const actions = useMemo<ExplorerActions>(() => ({ select, highlight: highlightStore.set }), [select, highlightStore]);

  // The page's entity was merged into another: go to the one that remains, keeping the view.
  useEffect(() => {
    if (ws.mergedInto) openEntity({ id: ws.mergedInto, kind: "", label: "" });
  }, [ws.mergedInto, openEntity]);

  // Tell screen readers what changed: the graph's size after a load, and what the filters leave.
  const said = useRef({ order: -1, hidden: 0, graph });
  useEffect(() => {
    if (!centreThere || ws.pending) return;
    const before = said.current;
    const hidden = visibility.hiddenNodes.size;
    if (before.graph !== graph || before.order === -1) {
      announce(statusText(graph, visibility, ws.reach, view.depth));
    } else if (graph.order !== before.order) {
      const delta = graph.order - before.order;
      announce(`${delta > 0 ? `Added ${delta}` : `Removed ${-delta}`} ${Math.abs(delta) === 1 ? "entity" : "entities"}; ${graph.order} in the graph.`);
    } else if (hidden !== before.hidden) {
      announce(`${graph.order - hidden} of ${graph.order} entities shown.`);
    }
    said.current = { order: graph.order, hidden, graph };
  }, [graph, version, visibility, ws.pending, centreThere, announce, ws.reach, view.depth]);

  useEffect(() => {
    if (ws.paths) announce(ws.paths.length === 0 ? "No connection within four steps." : `Found ${ws.paths.length} ${ws.paths.length === 1 ? "path" : "paths"}, highlighted in the graph.`);
  }, [ws.paths, announce]);

  const findOrAdd = (hit: NodeSummary) => {
    if (interceptSelect?.(hit.id)) return;
    if (graph.hasNode(hit.id)) {
      dispatch({ type: "select", id: hit.id });
      canvas.current?.focusNode(hit.id);
    } else {
      announce(`Adding ${hit.label}…`);
      dispatch({ type: "add", id: hit.id });
    }
  };
  // An added node is brought into view once it has arrived.
  const lastAdded = view.added.at(-1);
  useEffect(() => {
    if (lastAdded && graph.hasNode(lastAdded) && layout.settled) canvas.current?.focusNode(lastAdded);
  }, [lastAdded, graph, version, layout.settled]);

  const appearance = (node: string) => ({
    color: metrics.colors?.get(node) ?? graph.getNodeAttribute(node, "color"),
    size: metrics.sizes?.get(node) ?? graph.getNodeAttribute(node, "size"),
  });

  const status = centreThere ? statusText(graph, visibility, ws.reach, view.depth) : "";
  const centreLabel = centreThere ? label(focus) : "";
  const description = centreThere
    ? `Graph of ${graph.order - visibility.hiddenNodes.size} entities around ${centreLabel}. The list and table views show the same.`
    : "Graph of relations, loading.";

  return (
    <ExplorerActionsContext.Provider value={actions}>
      <section className={`workspace${embed ? " embed" : ""}`} aria-label="Graph of relations" data-version={version} data-settled={layout.settled && !ws.pending}>
        {!embed && (
          <Toolbar view={view} dispatch={dispatch}>
            <SearchBox onPick={findOrAdd} className="find-in-graph" label="Find or add an entity in the graph" placeholder="Find or add…" />
            <ExportMenu graph={graph} visibility={visibility} appearance={appearance} canvas={canvas} title={centreLabel || focus} announce={announce} />
          </Toolbar>
        )}
        {!embed && (
          <p className="workspace-status">
            {ws.pending && <span className="spinner" aria-hidden="true" />}
            {status || (ws.pending ? "Loading relations…" : "")}
          </p>
        )}
        {ws.baseError && <ErrorNotice message={ws.baseError.message} onRetry={ws.baseError.notFound ? undefined : ws.retry} />}
        {ws.errors.length > 0 && <ErrorNotice message={ws.errors.join(" ")} onRetry={ws.retry} />}
        <div className="workspace-body">
          <div className="workspace-main">
            <div className="canvas-wrap" hidden={view.presentation !== "graph" && !embed}>
              <GraphCanvas
                graph={graph}
                version={version}
                scene={scene}
                settled={layout.settled && !ws.pending}
                camera={view.camera}
                onCamera={(camera) => dispatch({ type: "camera", camera })}
                onSelect={select}
                onExpand={expand}
                onOpen={open}
                onMenu={(node, x, y) => setMenu({ node, x, y })}
                announce={announce}
                highlighted={highlighted}
                timeline={view.layout === "timeline" ? layout.years : null}
                description={description}
                apiRef={canvas}
              />
              <Legend kinds={counts.kinds} colorBy={view.colorBy} sizeBy={view.sizeBy} communitySizes={metrics.communitySizes} />
            </div>
            {!embed && view.presentation === "list" && <ListView graph={graph} visibility={visibility} selected={selected} />}
            {!embed && view.presentation === "table" && <TableView graph={graph} visibility={visibility} />}
            {menu && graph.hasNode(menu.node) && (
              <NodeMenu
                graph={graph}
                node={menu.node}
                x={menu.x}
                y={menu.y}
                onClose={() => setMenu(null)}
                actions={[
                  { label: "Select", run: () => select(menu.node) },
                  view.expanded.includes(menu.node)
                    ? { label: "Collapse", run: () => dispatch({ type: "collapse", id: menu.node }) }
                    : { label: "Expand", run: () => expand(menu.node) },
                  ...(menu.node !== focus
                    ? [
                        { label: "Open its page", run: () => open(menu.node) },
                        { label: "How is it connected to the centre?", run: () => dispatch({ type: "path", to: menu.node }) },
                      ]
                    : []),
                  {
                    label: `Hide ${graph.getNodeAttribute(menu.node, "kind").toLowerCase()}s`,
                    run: () => dispatch({ type: "toggleKind", kind: graph.getNodeAttribute(menu.node, "kind") }),
                  },
                ]}
              />
            )}
          </div>
          {!embed && (
            <aside className="side-panel" aria-label="Details and filters">
              {selected && (
                <SelectionPanel
                  graph={graph}
                  version={version}
                  node={selected}
                  focus={focus}
                  expanded={view.expanded.includes(selected)}
                  groups={ws.groups.get(selected)}
                  visibility={visibility}
                  dispatch={dispatch}
                />
              )}
              <PathPanel
                fromLabel={view.pathFrom ? label(view.pathFrom) : centreLabel}
                to={view.pathTo}
                toLabel={view.pathTo ? label(view.pathTo) : null}
                paths={ws.paths}
                pending={ws.pending}
                dispatch={dispatch}
              />
              <FilterPanel view={view} dispatch={dispatch} kinds={counts.kinds} relations={counts.relations} bounds={bounds} />
            </aside>
          )}
        </div>
        {below?.({ graph, focus, reload: ws.reload })}
      </section>
    </ExplorerActionsContext.Provider>
  );
}
