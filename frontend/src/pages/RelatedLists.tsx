import { useState } from "react";
import { request } from "../api/client";
import { ENTITY_WORKS, RELATED_WORKS, type EntityDetailsNode, type EntityLink as Link, type RelatedWorks, type WorkList } from "../api/documents";
import { EntityLink } from "../components/EntityButton";
import { ErrorNotice } from "../components/ErrorNotice";
import { useQuery } from "../hooks/useQuery";
import { reasonPhrase, RELATED_SECTIONS, type RelatedSection } from "../graph/wording";

/** How many related works each list shows at first, and adds with "show more". */
export const RELATED_PAGE = 5;

/** The related lists of a work: by the same authors, from the same journal, sharing organisations, countries, topics… each saying why. */
export function WorkRelated({ id }: { id: string }) {
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related works</h2>
      <div className="related-grid">
        {RELATED_SECTIONS.map((section) => (
          <RelatedSectionList key={section.id} id={id} section={section} />
        ))}
      </div>
    </section>
  );
}

function RelatedSectionList({ id, section }: { id: string; section: RelatedSection }) {
  const first = useQuery(RELATED_WORKS, { id, relations: section.relations, first: RELATED_PAGE, after: null });
  const [more, setMore] = useState<RelatedWorks["edges"]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const data = first.data?.relatedWorks;
  const headingId = `related-${section.id}`;
  const hasNext = cursor === undefined ? data?.pageInfo.hasNextPage : cursor !== null;
  const loadMore = async () => {
    setLoading(true);
    try {
      const after = cursor ?? data?.pageInfo.endCursor ?? null;
      const { relatedWorks } = await request(RELATED_WORKS, { id, relations: section.relations, first: RELATED_PAGE, after });
      setMore((m) => [...m, ...relatedWorks.edges]);
      setCursor(relatedWorks.pageInfo.hasNextPage ? relatedWorks.pageInfo.endCursor : null);
    } finally {
      setLoading(false);
    }
  };
  const items = [...(data?.edges ?? []), ...more];
  return (
    <section className="related-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {section.heading} {data && <span className="count">{data.totalCount}</span>}
      </h3>
      {first.error && <ErrorNotice message={first.error.message} onRetry={first.reload} />}
      {first.loading && <p className="muted">Loading…</p>}
      {data && items.length === 0 && <p className="muted">None in the graph.</p>}
      {items.length > 0 && (
        <ul className="work-list">
          {items.map((item) => (
            <li key={item.node.id}>
              <EntityLink entity={item.node} />
              {item.node.year !== null && <span className="muted"> ({item.node.year})</span>}
              <ul className="reasons" aria-label="Why it is related">
                {item.reasons.map((r, i) => {
                  const phrase = reasonPhrase(r);
                  return (
                    <li key={i}>
                      {phrase.text}
                      {phrase.via && (
                        <>
                          {" "}
                          <EntityLink entity={phrase.via} />
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {hasNext && (
        <button type="button" className="link-button" disabled={loading} onClick={() => void loadMore()}>
          Show more<span className="visually-hidden"> {section.heading.toLowerCase()}</span>
        </button>
      )}
    </section>
  );
}

/** A list of linked entities under a heading that says how they relate. */
function LinkSection({ id, heading, items }: { id: string; heading: string; items: Link[] | undefined }) {
  if (!items || items.length === 0) return null;
  return (
    <section className="related-section" aria-labelledby={id}>
      <h3 id={id}>
        {heading} <span className="count">{items.length}</span>
      </h3>
      <ul className="work-list">
        {items.map((e) => (
          <li key={e.id}>
            <EntityLink entity={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The works of an entity, newest first, with "show more". */
function WorksSection({ entity, heading }: { entity: EntityDetailsNode; heading: string }) {
  const [pages, setPages] = useState<WorkList[]>([]);
  const [loading, setLoading] = useState(false);
  const first = entity.works;
  if (!first) return null;
  const last = pages.at(-1) ?? first;
  const items = [first, ...pages].flatMap((p) => p.edges.map((e) => e.node));
  const loadMore = async () => {
    setLoading(true);
    try {
      const { node } = await request(ENTITY_WORKS, { id: entity.id, after: last.pageInfo.endCursor });
      if (node?.works) setPages((p) => [...p, node.works!]);
    } finally {
      setLoading(false);
    }
  };
  return (
    <section className="related-section" aria-labelledby="works-heading">
      <h3 id="works-heading">
        {heading} <span className="count">{first.totalCount}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted">None in the graph.</p>
      ) : (
        <ul className="work-list">
          {items.map((w) => (
            <li key={w.id}>
              <EntityLink entity={w} />
              {w.year !== null && <span className="muted"> ({w.year})</span>}
            </li>
          ))}
        </ul>
      )}
      {last.pageInfo.hasNextPage && (
        <button type="button" className="link-button" disabled={loading} onClick={() => void loadMore()}>
          Show more<span className="visually-hidden"> works</span>
        </button>
      )}
    </section>
  );
}

/** The related lists of an entity of any kind other than a work, each heading saying why. */
export function EntityRelated({ entity }: { entity: EntityDetailsNode }) {
  const name = entity.label;
  const sections = {
    PERSON: (
      <>
        <WorksSection entity={entity} heading={`Works by ${name}`} />
        <LinkSection id="coauthors-heading" heading={`Co-authors of ${name}`} items={entity.coauthors} />
        <LinkSection id="affiliations-heading" heading={`Organisations ${name} is affiliated with`} items={entity.affiliations} />
      </>
    ),
    JOURNAL: <WorksSection entity={entity} heading={`Works published in ${name}`} />,
    ORGANISATION: (
      <>
        <WorksSection entity={entity} heading={`Works that study ${name}`} />
        <LinkSection id="people-heading" heading={`People affiliated with ${name}`} items={entity.people} />
        <LinkSection id="children-heading" heading={`Parts of ${name}`} items={entity.children} />
        <LinkSection id="parents-heading" heading={`Organisations ${name} is part of`} items={entity.parents} />
      </>
    ),
    COUNTRY: (
      <>
        <WorksSection entity={entity} heading={`Works about ${name}`} />
        <LinkSection id="orgs-heading" heading={`Organisations located in ${name}`} items={entity.organisations} />
        <LinkSection id="borders-heading" heading={`Countries bordering ${name}`} items={entity.borders} />
      </>
    ),
    PROJECT: (
      <>
        <WorksSection entity={entity} heading={`Results of ${name}`} />
        <LinkSection id="participants-heading" heading={`Taking part in ${name}`} items={entity.participants} />
      </>
    ),
    TOPIC: <WorksSection entity={entity} heading={`Works on ${name}`} />,
  } as Record<string, React.ReactNode>;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related</h2>
      <div className="related-grid">{sections[entity.kind] ?? <p className="muted">Nothing related is recorded.</p>}</div>
    </section>
  );
}
