import { useEffect, useMemo, useRef } from "react";
import type { ExplorerGraph } from "../../graph/model";
import { groupRelations, relationsOf } from "../../graph/relations";
import { KindBadge } from "../KindBadge";
import { ChartContents } from "./ChartContents";
import { EntityDetails } from "./EntityDetails";
import { RelationList } from "./RelationList";

/** The focused entity: its name, kind and identifiers, its relations, and all the chart holds. */
export function EntityPanel({ graph, focus }: { graph: ExplorerGraph; focus: string }) {
  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const groups = useMemo(() => groupRelations(relationsOf(graph, focus)), [graph, focus]);
  const attrs = graph.getNodeAttributes(focus);

  // When the reader recentres from the canvas or from this panel, keyboard focus follows to the
  // new heading instead of being lost with the button that was pressed. (Not on the first graph.)
  const shown = useRef(false);
  useEffect(() => {
    panel.current?.scrollTo?.({ top: 0 });
    if (!shown.current) {
      shown.current = true;
      return;
    }
    const active = document.activeElement;
    if (active === null || active === document.body || panel.current?.contains(active)) {
      heading.current?.focus({ preventScroll: true });
    }
  }, [graph, focus]);

  const relationCount = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <aside ref={panel} className="side-panel" aria-labelledby="entity-heading">
      <KindBadge kind={attrs.kind} />
      <h2 id="entity-heading" ref={heading} tabIndex={-1}>
        {attrs.label}
      </h2>
      <EntityDetails entity={attrs.entity} />
      <h3>
        Relations <span className="count">{relationCount}</span>
      </h3>
      <RelationList groups={groups} />
      <ChartContents graph={graph} />
    </aside>
  );
}
