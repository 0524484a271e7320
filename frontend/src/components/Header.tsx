import type { MouseEvent, ReactNode } from "react";

/** The page header: the name, which leads home, and whatever tools are passed in (the search). */
export function Header({ onHome, children }: { onHome: () => void; children?: ReactNode }) {
  const home = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onHome();
  };
  return (
    <header className="app-header">
      <h1 className="brand">
        <a href="/" onClick={home}>
          relgraph
        </a>
      </h1>
      <p className="tagline">Relations between scholarly works, people, places and ideas</p>
      {children}
    </header>
  );
}
