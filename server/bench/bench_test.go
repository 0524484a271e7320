package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServerBinary(t *testing.T) {
	with, without := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(with, "relgraph"), nil, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Run("-binary names the server", func(t *testing.T) {
		c := Config{Binary: "/somewhere/relgraph"}
		got, err := c.server(filepath.Join(without, "relgraph-bench"))
		if err != nil || got != "/somewhere/relgraph" {
			t.Fatalf("got %q, %v", got, err)
		}
	})
	t.Run("otherwise it is relgraph beside the running binary", func(t *testing.T) {
		got, err := (&Config{}).server(filepath.Join(with, "relgraph-bench"))
		if want := filepath.Join(with, "relgraph"); err != nil || got != want {
			t.Fatalf("got %q, %v; want %q", got, err, want)
		}
	})
	t.Run("without one there, the error says where it looked and what to do", func(t *testing.T) {
		_, err := (&Config{}).server(filepath.Join(without, "relgraph-bench"))
		if err == nil || !strings.Contains(err.Error(), filepath.Join(without, "relgraph")) || !strings.Contains(err.Error(), "-binary") {
			t.Fatalf("got %v, want an error naming %s and -binary", err, filepath.Join(without, "relgraph"))
		}
	})
}
