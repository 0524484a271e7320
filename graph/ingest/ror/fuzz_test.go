package ror_test

import (
	"testing"

	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
	"github.com/relgraph/relgraph/graph/ingest/ror"
)

// FuzzMap maps arbitrary records; the seed corpus in testdata/fuzz/FuzzMap holds real v1 and v2
// records.
func FuzzMap(f *testing.F) {
	f.Add([]byte(`{"id": "https://ror.org/02bm5b678", "names": [{"value": "Missouri Soybeans", "types": ["label", "ror_display"], "lang": "en"}], "types": ["funder"], "status": "active", "locations": [{"geonames_details": {"country_code": "US", "country_name": "United States", "name": "Jefferson City", "lat": 38.5767, "lng": -92.17352}}], "external_ids": [{"type": "fundref", "preferred": "100016707", "all": ["100016707"]}], "relationships": [{"id": "https://ror.org/04m01e293", "label": "Parent", "type": "parent"}]}`))
	f.Add([]byte(`{"id": "https://ror.org/01jn0j059", "name": "Academy", "types": ["Education"], "country": {"country_code": "UA", "country_name": "Ukraine"}, "external_ids": {"GRID": {"preferred": "grid.1.a", "all": "grid.1.a"}, "ISNI": {"preferred": null, "all": ["0000 0001"]}}, "relationships": [{"id": "https://ror.org/02bm5b678", "label": "Child", "type": "Child"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ingesttest.FuzzMap(t, ror.Map, data)
	})
}
