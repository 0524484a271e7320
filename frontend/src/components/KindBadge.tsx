import { kindStyle } from "../graph/kinds";

/** A kind's colour dot, decorative: the kind's name is always written beside it. */
export function KindDot({ kind }: { kind: string }) {
  return <span className="kind-dot" aria-hidden="true" style={{ backgroundColor: kindStyle(kind).color }} />;
}

/** The name of a kind with its colour dot. */
export function KindBadge({ kind }: { kind: string }) {
  const style = kindStyle(kind);
  return (
    <span className="kind-badge" style={{ color: style.color }}>
      <KindDot kind={kind} />
      {style.label}
    </span>
  );
}
