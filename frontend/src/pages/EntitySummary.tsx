import type { ReactNode } from "react";
import type { EntityDetailsNode, EntityLink as Link } from "../api/documents";
import { EntityLink } from "../components/EntityButton";

/** A list of linked entities, comma separated. */
function Links({ items }: { items: Link[] | undefined }) {
  if (!items || items.length === 0) return null;
  return (
    <ul className="inline-list">
      {items.map((e) => (
        <li key={e.id}>
          <EntityLink entity={e} />
        </li>
      ))}
    </ul>
  );
}

function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

const external = (href: string, text: string) => (
  <a href={href} rel="noopener noreferrer">
    {text}
  </a>
);

/**
 * The details a research portal shows about an entity: for a work its authors, journal, volume,
 * issue, pages, dates, language, type, peer review, abstract, note and identifiers as links; for
 * the other kinds what their record holds.
 */
export function EntitySummary({ entity }: { entity: EntityDetailsNode }) {
  const rows: { term: string; value: ReactNode }[] = [];
  const add = (term: string, value: ReactNode) => {
    if (value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0)) rows.push({ term, value });
  };
  switch (entity.kind) {
    case "WORK": {
      add(
        "Authors",
        entity.authorships && entity.authorships.length > 0 && (
          <ul className="inline-list">
            {entity.authorships.map((a) => (
              <li key={a.person.id}>
                <EntityLink entity={a.person} />
                {a.corresponding && <span className="muted"> (corresponding author)</span>}
              </li>
            ))}
          </ul>
        ),
      );
      add("Journal", entity.journal && <EntityLink entity={entity.journal} />);
      const pub = entity.publication;
      add("Volume", pub?.volume);
      add("Issue", pub?.issue);
      add("Pages", pub?.pages);
      add("Publisher", entity.journal?.publisher);
      add("Year", entity.year);
      add("Type", entity.type);
      add("Language", entity.language);
      add("Peer-reviewed", entity.peerReviewed == null ? null : entity.peerReviewed ? "Yes" : "No");
      add("Submitted", formatDate(entity.dates?.submitted));
      add("Accepted", formatDate(entity.dates?.accepted));
      add("Published online", formatDate(entity.dates?.online));
      add("Published", formatDate(entity.dates?.published));
      add("DOI", entity.doi && external(`https://doi.org/${entity.doi}`, entity.doi));
      add("OpenAlex", entity.openalex && external(`https://openalex.org/${entity.openalex}`, entity.openalex));
      add("Organisations studied", <Links items={entity.organisations} />);
      add("Case countries", <Links items={entity.countries} />);
      add("Topics", <Links items={entity.topics} />);
      add("Projects", <Links items={entity.projects} />);
      add("Funders", <Links items={entity.funders} />);
      add("References", entity.references?.totalCount || null);
      add("Cited by", entity.citedBy?.totalCount || null);
      break;
    }
    case "PERSON":
      add("ORCID iD", entity.orcid && external(`https://orcid.org/${entity.orcid}`, entity.orcid));
      add("OpenAlex", entity.openalex && external(`https://openalex.org/${entity.openalex}`, entity.openalex));
      add("Affiliations", <Links items={entity.affiliations} />);
      break;
    case "JOURNAL":
      add("ISSN-L", entity.issnl && external(`https://portal.issn.org/resource/ISSN/${entity.issnl}`, entity.issnl));
      add("ISSNs", entity.issns?.join(", "));
      add("Publisher", entity.publisher);
      add("OpenAlex", entity.openalex && external(`https://openalex.org/${entity.openalex}`, entity.openalex));
      break;
    case "ORGANISATION":
      add("Acronyms", entity.acronyms?.join(", "));
      add("Also known as", entity.aliases?.join("; "));
      add("Types", entity.types?.join(", "));
      add("Country", entity.country && <EntityLink entity={entity.country} />);
      add("Part of", <Links items={entity.parents} />);
      add("Web site", entity.website && external(entity.website, entity.website.replace(/^https?:\/\//, "")));
      add("ROR", entity.ror && external(`https://ror.org/${entity.ror}`, entity.ror));
      add("OpenAlex", entity.openalex && external(`https://openalex.org/${entity.openalex}`, entity.openalex));
      break;
    case "COUNTRY":
      add("ISO 3166 codes", [entity.iso2, entity.iso3].filter(Boolean).join(" / "));
      add("Region", entity.region);
      add(
        "Sub-region",
        entity.subregions && entity.subregions.length > 0 && entity.subregions.map((s) => `${s.value} (${s.source})`).join("; "),
      );
      break;
    case "TOPIC":
      add("OpenAlex", entity.openalex && external(`https://openalex.org/${entity.openalex}`, entity.openalex));
      break;
    default:
      break;
  }
  return (
    <section className="entity-summary" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      {rows.length > 0 ? (
        <dl className="details-list">
          {rows.map(({ term, value }) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No further details are recorded.</p>
      )}
      {entity.abstract && (
        <section aria-labelledby="abstract-heading">
          <h3 id="abstract-heading">Abstract</h3>
          <p className="abstract-text">{entity.abstract}</p>
        </section>
      )}
      {entity.note && (
        <section aria-labelledby="note-heading">
          <h3 id="note-heading">Note</h3>
          <p className="muted">{entity.note}</p>
        </section>
      )}
    </section>
  );
}
