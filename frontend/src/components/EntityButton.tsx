import { kindStyle } from "../graph/kinds";
import type { EntityRef } from "../graph/relations";
import { useExplorerActions } from "./actions";
import { KindDot } from "./KindBadge";

/**
 * An entity as a button that puts it in the centre. Pointing at it or focusing it highlights
 * it on the canvas, so the list and the picture can be read together.
 */
export function EntityButton({ entity }: { entity: EntityRef }) {
  const { select, highlight } = useExplorerActions();
  return (
    <button
      type="button"
      className="entity-button"
      onClick={() => select(entity.id)}
      onFocus={() => highlight(entity.id)}
      onBlur={() => highlight(null)}
      onMouseEnter={() => highlight(entity.id)}
      onMouseLeave={() => highlight(null)}
    >
      <KindDot kind={entity.kind} />
      <span className="entity-label">{entity.label}</span>
      <span className="visually-hidden"> ({kindStyle(entity.kind).label})</span>
    </button>
  );
}
