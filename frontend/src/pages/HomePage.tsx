import { useEffect } from "react";
import { HOME, type NodeSummary } from "../api/documents";
import { EntityLink } from "../components/EntityButton";
import { ErrorNotice } from "../components/ErrorNotice";
import { useOpenEntity } from "../components/actions";
import { SearchBox } from "../components/search/SearchBox";
import { useQuery } from "../hooks/useQuery";
import { KINDS } from "../api/documents";
import { KIND_STYLES } from "../graph/kinds";
import { KIND_SHAPES } from "../graph/shapes";
import { ShapeIcon } from "../components/KindBadge";
import { entityPath } from "../routing/routes";
import { isModifiedClick, navigate } from "../routing/history";

const ENTRY_ORDER = ["article", "organisation", "person", "journal", "country", "topic"];

/** The home page: search, and a few ways into the demo graph. */
export function HomePage() {
  const open = useOpenEntity();
  const { data, error, loading, reload } = useQuery(HOME, {});
  useEffect(() => {
    document.title = "relgraph — relations between scholarly works, people, places and ideas";
  }, []);
  const first = (key: string): NodeSummary | null => data?.[key]?.edges[0]?.node ?? null;
  const entries = ENTRY_ORDER.map(first).filter((e): e is NodeSummary => e !== null);
  const article = first("article");
  const other = first("other");
  return (
    <div className="home-page">
      <h1>Explore how scholarly work connects</h1>
      <p className="intro">
        Every work, person, journal, organisation, country, project and topic has a page with its graph of relations. Expand
        any node, filter by kind, relation and year, ask how two entities are connected, and share the exact view with a link.
      </p>
      <SearchBox onPick={(hit) => open(hit)} className="home-search" label="Search the graph" placeholder="Search for a work, a person, an organisation…" />
      {error && <ErrorNotice message={error.message} onRetry={error.retryable ? reload : undefined} />}
      {loading && <p className="muted">Loading entry points…</p>}
      {entries.length > 0 && (
        <section aria-labelledby="entries-heading">
          <h2 id="entries-heading">Start from</h2>
          <ul className="entry-points">
            {entries.map((e) => (
              <li key={e.id}>
                <EntityLink entity={e} showKind />
              </li>
            ))}
          </ul>
        </section>
      )}
      {article && other && (
        <section aria-labelledby="connect-heading">
          <h2 id="connect-heading">How are they connected?</h2>
          <p>
            <a
              href={`${entityPath(article.id, article.kind)}?path=${encodeURIComponent(other.id)}`}
              onClick={(event) => {
                if (isModifiedClick(event)) return;
                event.preventDefault();
                navigate(`${entityPath(article.id, article.kind)}?path=${encodeURIComponent(other.id)}`, {
                  state: { trail: [{ id: article.id, kind: article.kind, label: article.label }] },
                });
              }}
            >
              The paths from “{article.label}” to “{other.label}”
            </a>
          </p>
        </section>
      )}
      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">What the shapes and colours mean</h2>
        <ul className="kind-key">
          {KINDS.map((k) => (
            <li key={k}>
              <ShapeIcon shape={KIND_SHAPES[k]} color={KIND_STYLES[k].color} size={16} /> {KIND_STYLES[k].plural}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
