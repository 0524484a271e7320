package csvlinks_test

import (
	"bytes"
	"testing"

	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/csvlinks"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

// FuzzRead reads arbitrary CSV; the seed corpus in testdata/fuzz/FuzzRead holds the test file and
// header variants. Every row must be mapped to valid inputs or rejected with a line and a reason.
func FuzzRead(f *testing.F) {
	f.Add([]byte("source,relation,target,note,source_url\n10.1068/d1509,CITES,10.1111/j.1747-7379.2007.00088.x,\"a, b\",https://example.org\n"))
	f.Add([]byte("target,relation,source\nGB,case_country,doi:10.1068/d1509\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := csvlinks.Read(bytes.NewReader(data), "f.csv", func(line int, rec ingest.Record, err error) error {
			if line < 1 {
				t.Errorf("line %d", line)
			}
			if err != nil {
				if err.Error() == "" {
					t.Error("a rejection without a reason")
				}
				return nil
			}
			ingesttest.CheckRecord(t, rec)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
