package synthetic

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/relgraph/relgraph/graph/ingest"
)

// LoadOrgs reads the organisation pool from a ROR schema v2 dump (JSON Lines or a JSON array,
// plain or gzip), such as ../shared/data/ror/ror-v2-latest.jsonl.gz, keeping active records in
// file order. Records it cannot read are skipped: the pool needs names and ids, not every record.
func LoadOrgs(path string) ([]Org, error) {
	in, err := ingest.File(path).Open()
	if err != nil {
		return nil, err
	}
	defer in.Close()
	var orgs []Org
	err = ingest.ReadJSON(in, ingest.JSONShape{}, func(jr ingest.JSONRecord) error {
		if jr.Err != nil {
			return nil
		}
		var rec struct {
			ID     string `json:"id"`
			Status string `json:"status"`
			Names  []struct {
				Types []string `json:"types"`
				Value string   `json:"value"`
			} `json:"names"`
			Locations []struct {
				Geonames struct {
					CountryCode string `json:"country_code"`
				} `json:"geonames_details"`
			} `json:"locations"`
			Types []string `json:"types"`
		}
		if json.Unmarshal(jr.Raw, &rec) != nil || rec.Status != "active" {
			return nil
		}
		o := Org{ROR: strings.TrimPrefix(rec.ID, "https://ror.org/")}
		for _, n := range rec.Names {
			for _, t := range n.Types {
				if t == "ror_display" {
					o.Name = n.Value
				}
			}
		}
		if len(rec.Locations) > 0 {
			o.Country = rec.Locations[0].Geonames.CountryCode
		}
		if len(rec.Types) > 0 {
			o.Type = strings.ToLower(rec.Types[0])
		}
		if o.Name != "" && len(o.ROR) == 9 {
			orgs = append(orgs, o)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(orgs) == 0 {
		return nil, fmt.Errorf("%s holds no active ROR v2 record", path)
	}
	return orgs, nil
}
