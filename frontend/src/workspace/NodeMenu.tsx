import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { ExplorerGraph } from "../graph/model";
import { kindStyle } from "../graph/kinds";

export interface NodeMenuAction {
  label: string;
  run: () => void;
}

/**
 * The menu of a node, opened by a right click, a long press or the M key: a small menu of buttons
 * following the ARIA menu pattern (arrows move, Escape closes and returns focus).
 */
export function NodeMenu({
  graph,
  node,
  x,
  y,
  actions,
  onClose,
}: {
  graph: ExplorerGraph;
  node: string;
  x: number;
  y: number;
  actions: NodeMenuAction[];
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const returnTo = useRef<Element | null>(null);
  // Kept inside the canvas: moved left or up when it would overflow.
  const [at, setAt] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const el = menu.current;
    const parent = el?.offsetParent as HTMLElement | null;
    if (!el || !parent) return;
    setAt({
      left: Math.max(0, Math.min(x, parent.clientWidth - el.offsetWidth - 4)),
      top: Math.max(0, Math.min(y, parent.clientHeight - el.offsetHeight - 4)),
    });
  }, [x, y]);
  useEffect(() => {
    returnTo.current = document.activeElement;
    menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const onDown = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [onClose]);
  const close = () => {
    onClose();
    (returnTo.current as HTMLElement | null)?.focus?.();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      items[(i + 1) % items.length]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      items[(i - 1 + items.length) % items.length]?.focus();
    }
  };
  const { label, kind } = graph.getNodeAttributes(node);
  return (
    <div
      ref={menu}
      className="node-menu"
      role="menu"
      aria-label={`${label} (${kindStyle(kind).label})`}
      style={at}
      onKeyDown={onKeyDown}
    >
      <div className="node-menu-title" aria-hidden="true">
        {label}
      </div>
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          role="menuitem"
          onClick={() => {
            a.run();
            close();
          }}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
