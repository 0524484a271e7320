import { useCallback, useEffect, useState } from "react";
import { parseView, sameView, serialiseView, type ViewState } from "./view";

/** How a view change enters the browser history. */
export type HistoryMode = "push" | "replace";

/**
 * The view in the address bar. `navigate` changes it, adding a history entry unless told to
 * replace the current one; the back and forward buttons change it back.
 */
export function useView(): [ViewState, (next: ViewState, mode?: HistoryMode) => void] {
  const [view, setView] = useState<ViewState>(() => parseView(window.location.search));

  useEffect(() => {
    const onPopState = () => setView(parseView(window.location.search));
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  const navigate = useCallback((next: ViewState, mode: HistoryMode = "push") => {
    const current = parseView(window.location.search);
    const url = `${window.location.pathname}${serialiseView(next)}${window.location.hash}`;
    if (sameView(current, next)) return;
    if (mode === "replace") window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    setView(next);
  }, []);

  return [view, navigate];
}
