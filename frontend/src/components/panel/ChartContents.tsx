import { useState } from "react";
import { kindStyle } from "../../graph/kinds";
import type { ExplorerGraph } from "../../graph/model";
import { entitiesByKind, entityRef } from "../../graph/relations";
import { EntityButton } from "../EntityButton";

/**
 * Everything the chart shows, as lists a keyboard can reach: every entity by kind and every
 * relationship as a table. The contents are only built while open.
 */
export function ChartContents({ graph }: { graph: ExplorerGraph }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-contents" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Everything in the chart: {graph.order} {graph.order === 1 ? "entity" : "entities"}, {graph.size}{" "}
        {graph.size === 1 ? "relation" : "relations"}
      </summary>
      {open && <ChartLists graph={graph} />}
    </details>
  );
}

function ChartLists({ graph }: { graph: ExplorerGraph }) {
  return (
    <>
      <h3>Entities</h3>
      {entitiesByKind(graph).map((group) => (
        <section key={group.kind}>
          <h4>
            {kindStyle(group.kind).plural} <span className="count">{group.entities.length}</span>
          </h4>
          <ul>
            {group.entities.map((entity) => (
              <li key={entity.id}>
                <EntityButton entity={entity} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h3>Relations</h3>
      <table className="relations-table">
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Relation</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {graph.mapEdges((edge, attrs, source, target) => (
            <tr key={edge}>
              <td>
                <EntityButton entity={entityRef(graph, source)} />
              </td>
              <td className="relation">{attrs.relation}</td>
              <td>
                <EntityButton entity={entityRef(graph, target)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
