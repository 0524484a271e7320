import { useEffect, useRef, useState } from "react";
import { request } from "../api/client";
import { NEIGHBOUR_GROUPS, type NeighbourGroup, type PreviewNode, type Provenance } from "../api/documents";
import { EntityButton, EntityLink } from "../components/EntityButton";
import { loadPreview } from "../components/graph/HoverCard";
import { KindBadge } from "../components/KindBadge";
import { EntityDetails } from "../components/panel/EntityDetails";
import type { ExplorerGraph } from "../graph/model";
import { entityRef, groupRelations, relationsOf, type RelationGroup } from "../graph/relations";
import type { Visibility } from "../graph/visibility";
import { relationName } from "../graph/wording";
import type { ViewAction } from "../state/view";

interface SelectionPanelProps {
  graph: ExplorerGraph;
  version: number;
  node: string;
  focus: string;
  expanded: boolean;
  /** The node's relation groups with their totals, once expanded. */
  groups: NeighbourGroup[] | undefined;
  visibility: Visibility;
  dispatch: (action: ViewAction) => void;
}

const totals = new Map<string, Promise<NeighbourGroup[]>>();

/** How many relationships of each type an entity has in all, asked for once. */
function loadTotals(id: string): Promise<NeighbourGroup[]> {
  let p = totals.get(id);
  if (!p) {
    p = request(NEIGHBOUR_GROUPS, { id, first: 0 }).then(
      (d) => d.neighbourGroups,
      () => {
        totals.delete(id);
        return [];
      },
    );
    totals.set(id, p);
  }
  return p;
}

/** How many neighbours of a group are in the graph now. */
function shownIn(graph: ExplorerGraph, node: string, group: { type: string; direction: "IN" | "OUT" }): number {
  let n = 0;
  const each = group.direction === "OUT" ? graph.forEachOutEdge.bind(graph) : graph.forEachInEdge.bind(graph);
  each(node, (_edge, attrs) => {
    if (attrs.relation === group.type) n++;
  });
  return n;
}

/**
 * The selected entity: what it is, its identifiers (and a work's abstract), how many relations of
 * each type it has and how many are shown ("12 of 140 shown, load more"), and every link the graph
 * holds for it with its provenance.
 */
export function SelectionPanel({ graph, version, node, focus, expanded, groups, visibility, dispatch }: SelectionPanelProps) {
  const attrs = graph.getNodeAttributes(node);
  const heading = useRef<HTMLHeadingElement>(null);
  const [counts, setCounts] = useState<NeighbourGroup[] | null>(null);
  const [preview, setPreview] = useState<PreviewNode | null>(null);

  useEffect(() => {
    let live = true;
    setCounts(null);
    void loadTotals(node).then((g) => live && setCounts(g));
    setPreview(null);
    if (attrs.kind === "WORK") void loadPreview(node).then((p) => live && setPreview(p));
    return () => {
      live = false;
    };
  }, [node, attrs.kind]);

  const relations = groupRelations(relationsOf(graph, node));
  void version;
  const known = groups ?? counts;
  return (
    <section className="panel-section selection" aria-labelledby="selection-heading">
      <KindBadge kind={attrs.kind} />
      <h2 id="selection-heading" ref={heading} tabIndex={-1}>
        {attrs.label}
      </h2>
      <div className="selection-actions">
        {node === focus ? (
          <span className="muted">The entity of this page</span>
        ) : (
          <EntityLink entity={entityRef(graph, node)}>Open its page</EntityLink>
        )}
        {expanded ? (
          <button type="button" onClick={() => dispatch({ type: "collapse", id: node })}>
            Collapse
          </button>
        ) : (
          <button type="button" onClick={() => dispatch({ type: "expand", id: node })}>
            Expand
          </button>
        )}
        {node !== focus && (
          <button type="button" onClick={() => dispatch({ type: "path", to: node })}>
            How is it connected to the centre?
          </button>
        )}
      </div>
      <EntityDetails entity={attrs.entity} />
      {preview?.abstract && (
        <details className="abstract">
          <summary>Abstract</summary>
          <p>{preview.abstract}</p>
        </details>
      )}
      {known && known.length > 0 && (
        <>
          <h3>Relations in all</h3>
          <ul className="group-counts">
            {known.map((g) => {
              const shown = shownIn(graph, node, g);
              const more = expanded && shown < g.totalCount && g.pageInfo.hasNextPage;
              return (
                <li key={`${g.type}-${g.direction}`}>
                  <span className="relation">
                    {g.direction === "IN" && <span aria-hidden="true">← </span>}
                    {relationName(g.type)}
                    {g.direction === "OUT" && <span aria-hidden="true"> →</span>}
                  </span>{" "}
                  <span className="count">
                    {shown} of {g.totalCount} shown
                  </span>
                  {more && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => dispatch({ type: "more", id: node, relation: g.type, dir: g.direction === "IN" ? "in" : "out" })}
                    >
                      Load more<span className="visually-hidden"> {relationName(g.type)}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h3>
        Links in the graph <span className="count">{relations.reduce((n, g) => n + g.items.length, 0)}</span>
      </h3>
      <LinkList graph={graph} groups={relations} visibility={visibility} />
    </section>
  );
}

/** How many links of a group are listed before a "show all" button. */
export const GROUP_PREVIEW = 12;

function LinkList({ graph, groups, visibility }: { graph: ExplorerGraph; groups: RelationGroup[]; visibility: Visibility }) {
  if (groups.length === 0) return <p className="muted">No links in the graph.</p>;
  return (
    <div className="relation-list">
      {groups.map((group) => (
        <LinkGroup key={`${group.relation} ${group.direction}`} graph={graph} group={group} visibility={visibility} />
      ))}
    </div>
  );
}

function LinkGroup({ graph, group, visibility }: { graph: ExplorerGraph; group: RelationGroup; visibility: Visibility }) {
  const [all, setAll] = useState(false);
  const shown = all ? group.items : group.items.slice(0, GROUP_PREVIEW);
  const id = `links-${group.direction}-${group.relation.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return (
    <section aria-labelledby={id}>
      <h4 id={id}>
        {group.direction === "incoming" && <span aria-hidden="true">← </span>}
        <span className="relation">{relationName(group.relation)}</span>
        {group.direction === "outgoing" && <span aria-hidden="true"> →</span>}
        <span className="visually-hidden"> ({group.direction})</span> <span className="count">{group.items.length}</span>
      </h4>
      <ul>
        {shown.map((item) => {
          const edge = graph.getEdgeAttributes(item.edge);
          return (
            <li key={item.edge} className={visibility.hiddenEdges.has(item.edge) ? "filtered" : undefined}>
              <EntityButton entity={item.other} />
              {visibility.hiddenEdges.has(item.edge) && <span className="muted"> (hidden by the filters)</span>}
              {edge.properties.length > 0 && <div className="link-props">{edge.properties.map((p) => `${p.key}: ${p.value}`).join(", ")}</div>}
              {edge.provenance.map((p, i) => (
                <ProvenanceLine key={i} provenance={p} />
              ))}
            </li>
          );
        })}
      </ul>
      {shown.length < group.items.length && (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          Show all {group.items.length}
          <span className="visually-hidden"> {relationName(group.relation)} links</span>
        </button>
      )}
    </section>
  );
}

/** Where a link came from: the source, the record in it, the curator, and when. */
export function ProvenanceLine({ provenance }: { provenance: Provenance }) {
  return (
    <div className="provenance">
      <span className="visually-hidden">Provenance: </span>
      source <strong>{provenance.source}</strong>
      {provenance.record && <> · record {provenance.record}</>}
      {provenance.curator && <> · curator {provenance.curator}</>}
      {" · "}added <time dateTime={provenance.addedAt}>{provenance.addedAt.slice(0, 10)}</time>
    </div>
  );
}
