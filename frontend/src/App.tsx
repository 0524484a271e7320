import { useCallback, useEffect } from "react";
import { AnnouncerProvider } from "./components/Announcer";
import { OpenEntityContext } from "./components/actions";
import { Header } from "./components/Header";
import { SearchBox } from "./components/search/SearchBox";
import { CurationControl } from "./curation/CurationControl";
import { useCuration } from "./curation/useCuration";
import { EmbedPage } from "./pages/EmbedPage";
import { EntityPage } from "./pages/EntityPage";
import { HomePage } from "./pages/HomePage";
import { navigate, useLocation } from "./routing/history";
import { entityPath, legacyRedirect, parseRoute } from "./routing/routes";
import { extendTrail, type Crumb } from "./state/trail";
import { DEFAULT_VIEW, parseView, serialiseView, viewForNewFocus } from "./state/view";

/** The explorer: the path decides the page, the query string the view of the graph. */
export function App() {
  const location = useLocation();
  const route = parseRoute(location.pathname);
  const curation = useCuration();

  useEffect(() => {
    const redirect = legacyRedirect(location.pathname, location.search);
    if (redirect) navigate(redirect, { replace: true });
  }, [location.pathname, location.search]);

  // Opening another entity keeps the reader's preferences and extends the breadcrumb trail.
  const openEntity = useCallback((entity: Crumb) => {
    const here = parseRoute(window.location.pathname);
    const trail = (window.history.state as { trail?: Crumb[] } | null)?.trail ?? [];
    const view = here.page === "entity" ? viewForNewFocus(parseView(window.location.search)) : DEFAULT_VIEW;
    navigate(`${entityPath(entity.id, entity.kind)}${serialiseView(view)}`, { state: { trail: extendTrail(trail, entity) } });
    window.scrollTo?.(0, 0);
  }, []);

  if (route.page === "entity" && route.embed) {
    return <EmbedPage key={route.id} id={route.id} kind={route.kind} location={location} />;
  }
  return (
    <AnnouncerProvider>
      <OpenEntityContext.Provider value={openEntity}>
        <div className="app">
          <Header>
            <SearchBox onPick={(hit) => openEntity(hit)} />
            <CurationControl curation={curation} />
          </Header>
          <main id="main">
            {route.page === "home" && <HomePage />}
            {route.page === "entity" && <EntityPage key={route.id} id={route.id} kind={route.kind} location={location} curation={curation} />}
            {route.page === "not-found" && (
              <div className="not-found">
                <h1>Page not found</h1>
                <p>
                  There is no page at {route.path}. <a href="/">Go to the home page</a>.
                </p>
              </div>
            )}
          </main>
        </div>
      </OpenEntityContext.Provider>
    </AnnouncerProvider>
  );
}
