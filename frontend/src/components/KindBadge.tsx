import { kindStyle } from "../graph/kinds";
import { kindShape, shapeSvg, type Shape } from "../graph/shapes";

/** A shape drawn as a small SVG icon, decorative. */
export function ShapeIcon({ shape, color, size = 12 }: { shape: Shape; color: string; size?: number }) {
  const r = size / 2 - 0.5;
  return (
    <svg
      className="shape-icon"
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      aria-hidden="true"
      focusable="false"
      dangerouslySetInnerHTML={{ __html: shapeSvg(shape, size / 2, size / 2, r, `fill="${color}"`) }}
    />
  );
}

/** A kind's shape in its colour, decorative: the kind's name is always written beside it. */
export function KindDot({ kind }: { kind: string }) {
  return <ShapeIcon shape={kindShape(kind)} color={kindStyle(kind).color} />;
}

/** The name of a kind with its shape. */
export function KindBadge({ kind }: { kind: string }) {
  const style = kindStyle(kind);
  return (
    <span className="kind-badge" style={{ color: style.color }}>
      <KindDot kind={kind} />
      {style.label}
    </span>
  );
}
