import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { parseRoute } from "./routing/routes";
import { parseView } from "./state/view";
import { prefetchGraph } from "./workspace/useWorkspace";
import "./styles.css";

performance.mark("relgraph:start");
// An entity's page asks for its graph at once, before React builds the page.
const route = parseRoute(window.location.pathname);
if (route.page === "entity") prefetchGraph(route.id, parseView(window.location.search));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
