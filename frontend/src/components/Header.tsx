import type { MouseEvent, ReactNode } from "react";
import { isModifiedClick, navigate } from "../routing/history";

/** The page header: the name, which leads home, and whatever tools are passed in (the search). */
export function Header({ children }: { children?: ReactNode }) {
  const home = (event: MouseEvent<HTMLAnchorElement>) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    navigate("/", { state: { trail: [] } });
  };
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <a className="brand" href="/" onClick={home}>
        relgraph
      </a>
      <p className="tagline">Relations between scholarly works, people, places and ideas</p>
      {children}
    </header>
  );
}
