import type { MouseEvent } from "react";
import { isModifiedClick, navigate } from "../routing/history";
import { entityPath } from "../routing/routes";
import type { Crumb } from "../state/trail";
import { KindDot } from "./KindBadge";
import { useOpenEntity } from "./actions";
import { shorten } from "./graph/appearance";

/** The trail of entity pages that led here in this tab, the current one last. */
export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  const open = useOpenEntity();
  const go = (event: MouseEvent<HTMLAnchorElement>, crumb: Crumb) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    open(crumb);
  };
  const home = (event: MouseEvent<HTMLAnchorElement>) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    navigate("/", { state: { trail: [] } });
  };
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <ol>
        <li>
          <a href="/" onClick={home}>
            Home
          </a>
        </li>
        {trail.map((crumb, i) => (
          <li key={`${crumb.id}-${i}`}>
            {i === trail.length - 1 ? (
              <span aria-current="page">
                <KindDot kind={crumb.kind} /> {shorten(crumb.label || crumb.id, 48)}
              </span>
            ) : (
              <a href={entityPath(crumb.id, crumb.kind)} onClick={(e) => go(e, crumb)} title={crumb.label}>
                <KindDot kind={crumb.kind} /> {shorten(crumb.label || crumb.id, 32)}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
