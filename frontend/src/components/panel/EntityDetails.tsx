import type { ReactNode } from "react";
import type { RelationNode } from "../../api/documents";

/** The identifiers of an entity that lead elsewhere: DOI, ORCID iD, ROR id, ISSN, ISO code. */
export function EntityDetails({ entity }: { entity: RelationNode }) {
  const rows: { term: string; value: ReactNode }[] = [];
  if (entity.year != null) rows.push({ term: "Year", value: entity.year });
  if (entity.doi) rows.push({ term: "DOI", value: <a href={`https://doi.org/${entity.doi}`}>{entity.doi}</a> });
  if (entity.orcid) {
    rows.push({ term: "ORCID iD", value: <a href={`https://orcid.org/${entity.orcid}`}>{entity.orcid}</a> });
  }
  if (entity.ror) rows.push({ term: "ROR", value: <a href={`https://ror.org/${entity.ror}`}>{entity.ror}</a> });
  if (entity.issnl) rows.push({ term: "ISSN-L", value: entity.issnl });
  if (entity.iso2) rows.push({ term: "ISO code", value: entity.iso2 });
  if (rows.length === 0) return null;
  return (
    <dl className="entity-details">
      {rows.map(({ term, value }) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
