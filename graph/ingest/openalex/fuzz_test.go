package openalex_test

import (
	"testing"

	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
	"github.com/relgraph/relgraph/graph/ingest/openalex"
)

// FuzzMap maps arbitrary records; the seed corpus in testdata/fuzz/FuzzMap holds real records of
// every entity type.
func FuzzMap(f *testing.F) {
	f.Add([]byte(`{"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1234/X", "title": "T", "publication_year": 2020, "authorships": [{"author": {"id": "https://openalex.org/A1", "display_name": "A", "orcid": "https://orcid.org/0000-0002-1825-0097"}, "institutions": [{"id": "https://openalex.org/I1", "ror": "https://ror.org/02bm5b678", "country_code": "US"}], "is_corresponding": true}], "primary_location": {"source": {"id": "https://openalex.org/S1", "issn_l": "1369-183X", "issn": ["1369-183X", "1469-9451"]}}, "biblio": {"volume": "1", "first_page": "2", "last_page": "3"}, "topics": [{"id": "https://openalex.org/T1", "score": 0.9}], "concepts": [{"id": "https://openalex.org/C1", "level": 0, "score": 0.5}], "keywords": [{"id": "https://openalex.org/keywords/k", "score": 0.1}], "referenced_works": ["https://openalex.org/W2"], "grants": [{"funder": "https://openalex.org/F1", "award_id": "x"}, {"funder": "https://openalex.org/F1", "award_id": "y"}], "abstract_inverted_index": {"a": [0, 2], "b": [1]}}`))
	f.Add([]byte(`{"id": "https://openalex.org/keywords/cardiac-imaging", "display_name": "Cardiac Imaging"}`))
	f.Add([]byte(`{"id": "https://openalex.org/A5317838346", "orcid": null, "display_name": "Deleted Author"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ingesttest.FuzzMap(t, openalex.Map, data)
	})
}
