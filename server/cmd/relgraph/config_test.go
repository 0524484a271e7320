package main

import (
	"flag"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCursorKeysConfig(t *testing.T) {
	parse := func(args ...string) (config, error) {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var c config
		c.Flags(fs)
		return c, fs.Parse(args)
	}
	t.Run("the environment gives the keys, first the one that signs", func(t *testing.T) {
		t.Setenv("RELGRAPH_CURSOR_KEYS", "a new key of 16 bytes, an old key of 16 bytes")
		c, err := parse()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([][]byte{[]byte("a new key of 16 bytes"), []byte("an old key of 16 bytes")}, c.Neo4j.CursorKeys); diff != "" {
			t.Errorf("keys (-want +got):\n%s", diff)
		}
	})
	t.Run("the flag overrides the environment", func(t *testing.T) {
		t.Setenv("RELGRAPH_CURSOR_KEYS", "a key from the environment")
		c, err := parse("-cursor-keys", "a key from the command line")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([][]byte{[]byte("a key from the command line")}, c.Neo4j.CursorKeys); diff != "" {
			t.Errorf("keys (-want +got):\n%s", diff)
		}
	})
	t.Run("none by default: the store makes a random one", func(t *testing.T) {
		t.Setenv("RELGRAPH_CURSOR_KEYS", "")
		c, err := parse()
		if err != nil || c.Neo4j.CursorKeys != nil {
			t.Errorf("keys %q, %v", c.Neo4j.CursorKeys, err)
		}
	})
	t.Run("a short key is refused", func(t *testing.T) {
		if _, err := parse("-cursor-keys", "a key of 16 bytes at least,short"); err == nil {
			t.Error("a 5-byte key was accepted")
		}
	})
}
