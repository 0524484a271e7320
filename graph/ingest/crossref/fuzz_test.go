package crossref_test

import (
	"testing"

	"github.com/relgraph/relgraph/graph/ingest/crossref"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

// FuzzMap maps arbitrary works; the seed corpus in testdata/fuzz/FuzzMap holds the works of the
// hand-written fixtures.
func FuzzMap(f *testing.F) {
	f.Add([]byte(`{"DOI": "10.1234/a", "title": ["T"], "author": [{"given": "A", "family": "B", "ORCID": "http://orcid.org/0000-0002-1825-0097"}, {"name": "C"}], "ISSN": ["1369-183X"], "issn-type": [{"value": "1469-9451", "type": "print"}], "container-title": ["J"], "issued": {"date-parts": [[2019, 2]]}, "reference": [{"DOI": "10.1234/b"}, {"DOI": "bad"}], "funder": [{"DOI": "10.13039/501100000780", "name": "EC", "award": ["1", "2"]}, {"name": "Other"}, {"DOI": "10.13039/501100000780", "award": ["3"]}]}`))
	f.Add([]byte(`{"DOI": "10.1234/a", "title": [], "issued": {"date-parts": [[null]]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ingesttest.FuzzMap(t, crossref.Map, data)
	})
}
