import { kindStyle } from "../graph/kinds";
import type { EntityRef } from "../graph/relations";
import { useExplorerActions } from "./actions";
import { KindDot } from "./KindBadge";

/**
 * An entity as a button that puts it in the centre. Pointing at it or focusing it highlights
 * it on the canvas, so the list and the picture can be read together. The kind is written out
 * for screen readers, and for everyone with `showKind`.
 */
export function EntityButton({ entity, showKind = false }: { entity: EntityRef; showKind?: boolean }) {
  const kind = kindStyle(entity.kind);
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
      {showKind ? (
        <span className="entity-kind" style={{ color: kind.color }}>
          <span className="visually-hidden"> (</span>
          {kind.label}
          <span className="visually-hidden">)</span>
        </span>
      ) : (
        <span className="visually-hidden"> ({kind.label})</span>
      )}
    </button>
  );
}
