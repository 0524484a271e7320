import { useState } from "react";
import type { RelationGroup } from "../../graph/relations";
import { EntityButton } from "../EntityButton";

/** How many relations of one group are listed before a "show all" button. */
export const GROUP_PREVIEW = 12;

/** The focused entity's relationships, grouped by type and direction, each other end a button. */
export function RelationList({ groups }: { groups: RelationGroup[] }) {
  if (groups.length === 0) return <p className="muted">No relations in the graph.</p>;
  return (
    <div className="relation-list">
      {groups.map((group) => (
        <section key={`${group.relation} ${group.direction}`} aria-labelledby={headingId(group)}>
          <h4 id={headingId(group)}>
            {group.direction === "incoming" ? (
              <>
                <span aria-hidden="true">← </span>
                <span className="relation">{group.relation}</span>
                <span className="visually-hidden"> (incoming)</span>
              </>
            ) : (
              <>
                <span className="relation">{group.relation}</span>
                <span aria-hidden="true"> →</span>
                <span className="visually-hidden"> (outgoing)</span>
              </>
            )}{" "}
            <span className="count">{group.items.length}</span>
          </h4>
          <GroupItems group={group} />
        </section>
      ))}
    </div>
  );
}

function GroupItems({ group }: { group: RelationGroup }) {
  const [all, setAll] = useState(false);
  const shown = all ? group.items : group.items.slice(0, GROUP_PREVIEW);
  return (
    <>
      <ul>
        {shown.map((item) => (
          <li key={item.edge}>
            <EntityButton entity={item.other} />
          </li>
        ))}
      </ul>
      {shown.length < group.items.length && (
        <button type="button" className="show-all" onClick={() => setAll(true)}>
          Show all {group.items.length}
          <span className="visually-hidden">
            {" "}
            {group.relation} ({group.direction})
          </span>
        </button>
      )}
    </>
  );
}

function headingId(group: RelationGroup): string {
  return `relations-${group.direction}-${group.relation.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
