import type { MouseEvent } from "react";
import { kindStyle } from "../graph/kinds";
import type { EntityRef } from "../graph/relations";
import { isModifiedClick } from "../routing/history";
import { entityPath } from "../routing/routes";
import { useExplorerActions, useOpenEntity } from "./actions";
import { KindDot } from "./KindBadge";

/** The kind of an entity, written out for screen readers, and for everyone with `visible`. */
function KindText({ kind, visible }: { kind: string; visible: boolean }) {
  const style = kindStyle(kind);
  return visible ? (
    <span className="entity-kind" style={{ color: style.color }}>
      <span className="visually-hidden"> (</span>
      {style.label}
      <span className="visually-hidden">)</span>
    </span>
  ) : (
    <span className="visually-hidden"> ({style.label})</span>
  );
}

/**
 * An entity of the graph as a button that selects it. Pointing at it or focusing it highlights it
 * on the canvas, so the list and the picture can be read together.
 */
export function EntityButton({ entity, showKind = false, pressed }: { entity: EntityRef; showKind?: boolean; pressed?: boolean }) {
  const { select, highlight } = useExplorerActions();
  return (
    <button
      type="button"
      className="entity-button"
      aria-pressed={pressed}
      onClick={() => select(entity.id)}
      onFocus={() => highlight(entity.id)}
      onBlur={() => highlight(null)}
      onMouseEnter={() => highlight(entity.id)}
      onMouseLeave={() => highlight(null)}
    >
      <KindDot kind={entity.kind} />
      <span className="entity-label">{entity.label}</span>
      <KindText kind={entity.kind} visible={showKind} />
    </button>
  );
}

/** An entity as a link to its page. */
export function EntityLink({ entity, showKind = false, children }: { entity: EntityRef; showKind?: boolean; children?: React.ReactNode }) {
  const open = useOpenEntity();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    open({ id: entity.id, kind: entity.kind, label: entity.label });
  };
  return (
    <a className="entity-link" href={entityPath(entity.id, entity.kind)} onClick={onClick}>
      <KindDot kind={entity.kind} />
      <span className="entity-label">{children ?? entity.label}</span>
      <KindText kind={entity.kind} visible={showKind} />
    </a>
  );
}
