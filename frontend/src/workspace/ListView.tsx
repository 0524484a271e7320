import { EntityButton, EntityLink } from "../components/EntityButton";
import { kindStyle } from "../graph/kinds";
import type { ExplorerGraph } from "../graph/model";
import { entitiesByKind, entityRef } from "../graph/relations";
import type { Visibility } from "../graph/visibility";
import { relationName } from "../graph/wording";

/** The entities the graph shows, by kind, each a button that selects it and a link to its page. */
export function ListView({ graph, visibility, selected }: { graph: ExplorerGraph; visibility: Visibility; selected: string | null }) {
  const groups = entitiesByKind(graph)
    .map((g) => ({ ...g, entities: g.entities.filter((e) => !visibility.hiddenNodes.has(e.id)) }))
    .filter((g) => g.entities.length > 0);
  return (
    <div className="list-view" role="region" aria-label="Entities in the graph, as a list" tabIndex={0}>
      <h2 className="visually-hidden">Entities in the graph</h2>
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`list-${group.kind}`}>
          <h3 id={`list-${group.kind}`}>
            {kindStyle(group.kind).plural} <span className="count">{group.entities.length}</span>
          </h3>
          <ul>
            {group.entities.map((entity) => (
              <li key={entity.id}>
                <EntityButton entity={entity} pressed={entity.id === selected} />
                <span className="list-degree count">
                  {graph.degree(entity.id)} {graph.degree(entity.id) === 1 ? "relation" : "relations"}
                </span>
                <EntityLink entity={entity}>
                  <span className="visually-hidden">{entity.label}: </span>page
                </EntityLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The relationships the graph shows, as a table: from, relation, to, years and source. */
export function TableView({ graph, visibility }: { graph: ExplorerGraph; visibility: Visibility }) {
  const rows: { edge: string; source: string; target: string }[] = [];
  graph.forEachEdge((edge, _attrs, source, target) => {
    if (!visibility.hiddenEdges.has(edge)) rows.push({ edge, source, target });
  });
  rows.sort(
    (a, b) =>
      graph.getEdgeAttribute(a.edge, "relation").localeCompare(graph.getEdgeAttribute(b.edge, "relation")) ||
      graph.getNodeAttribute(a.source, "label").localeCompare(graph.getNodeAttribute(b.source, "label")),
  );
  return (
    <div className="table-view" role="region" aria-label="Relations in the graph, as a table" tabIndex={0}>
      <h2 className="visually-hidden">Relations in the graph</h2>
      <table className="relations-table">
        <caption>
          {rows.length} {rows.length === 1 ? "relation" : "relations"} shown
        </caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Relation</th>
            <th scope="col">To</th>
            <th scope="col">Years</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ edge, source, target }) => {
            const attrs = graph.getEdgeAttributes(edge);
            const years = attrs.years
              ? attrs.years[0] === attrs.years[1]
                ? String(attrs.years[0])
                : `${attrs.years[0]}–${Number.isFinite(attrs.years[1]) ? attrs.years[1] : ""}`
              : "";
            return (
              <tr key={edge}>
                <td>
                  <EntityButton entity={entityRef(graph, source)} />
                </td>
                <td className="relation">{relationName(attrs.relation)}</td>
                <td>
                  <EntityButton entity={entityRef(graph, target)} />
                </td>
                <td>{years}</td>
                <td>{[...new Set(attrs.provenance.map((p) => p.source))].join(", ")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
