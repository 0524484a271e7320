import { useSearch } from "../hooks/useSearch";
import { EntityButton } from "./EntityButton";
import { ErrorNotice } from "./ErrorNotice";

/** The query whose best work is the suggested start: the seed article. */
export const SUGGESTED_START_QUERY = "Developmental borderwork";

/**
 * The start page: the best work matching {@link SUGGESTED_START_QUERY} (the seed article) as a
 * suggested start, and the other hits as more entry points.
 */
export function StartPage() {
  const { query, hits, loading, error } = useSearch(SUGGESTED_START_QUERY, 6);
  const answered = query !== "" && !loading;
  const first = hits.find((hit) => hit.kind === "WORK") ?? hits[0];
  const rest = hits.filter((hit) => hit !== first);
  return (
    <div className="start-page">
      <p className="intro">
        Search for a work, a person, a journal, an organisation, a country, a project or a topic, then follow its
        relations: click any entity in the graph, or pick it from the list beside it, to put it in the centre.
      </p>
      {error && <ErrorNotice message={error} />}
      {!answered && !error && <p className="muted">Loading suggestions…</p>}
      {first && (
        <section className="suggestion" aria-labelledby="suggested-heading">
          <h2 id="suggested-heading">Suggested start</h2>
          <EntityButton entity={first} showKind />
        </section>
      )}
      {rest.length > 0 && (
        <section aria-labelledby="more-heading">
          <h2 id="more-heading">More entry points</h2>
          <ul className="entry-points">
            {rest.map((hit) => (
              <li key={hit.id}>
                <EntityButton entity={hit} showKind />
              </li>
            ))}
          </ul>
        </section>
      )}
      {answered && !error && !first && <p className="muted">Nothing to suggest yet: try the search above.</p>}
    </div>
  );
}
