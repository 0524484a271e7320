package countries_test

import (
	"testing"

	"github.com/relgraph/relgraph/graph/ingest/countries"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

// FuzzMap maps arbitrary records; the seed corpus in testdata/fuzz/FuzzMap holds real records of
// both data sets.
func FuzzMap(f *testing.F) {
	f.Add([]byte(`{"name": {"common": "Aruba", "official": "Aruba"}, "cca2": "AW", "cca3": "ABW", "ccn3": "533", "region": "Americas", "subregion": "Caribbean", "latlng": [12.5, -69.96666666], "landlocked": false, "borders": [], "area": 180}`))
	f.Add([]byte(`{"name": "South Sudan", "alpha-2": "SS", "alpha-3": "SSD", "country-code": "728", "region": "Africa", "sub-region": "Sub-Saharan Africa", "intermediate-region": "Eastern Africa"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ingesttest.FuzzMap(t, countries.Map, data)
	})
}
