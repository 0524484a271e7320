// Package localneo4j runs the local Neo4j instances of scripts/neo4j.sh, for the benchmarks that
// start an instance of their own.
package localneo4j

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	store "github.com/relgraph/relgraph/graph/neo4j"
)

// Instance is one instance of scripts/neo4j.sh.
type Instance struct {
	Script string   // the path of scripts/neo4j.sh
	Name   string   // the instance, such as "bench"
	Env    []string // the script's environment
}

// New returns instance name of the repository at root, run with the process's environment and the
// assignments in env (NEO4J_BOLT_PORT=..., NEO4J_HEAP=...).
func New(root, name string, env ...string) Instance {
	return Instance{Script: filepath.Join(root, "scripts", "neo4j.sh"), Name: name, Env: append(os.Environ(), env...)}
}

// Run runs `scripts/neo4j.sh CMD NAME` and returns its standard output; on failure the error
// carries the end of what it printed.
func (i Instance) Run(cmd string) ([]byte, error) { return i.script(cmd, i.Name) }

// Admin runs neo4j-admin on the instance: `scripts/neo4j.sh admin NAME -- ARGS`.
func (i Instance) Admin(args ...string) ([]byte, error) {
	return i.script(append([]string{"admin", i.Name, "--"}, args...)...)
}

func (i Instance) script(args ...string) ([]byte, error) {
	cmd := exec.Command(i.Script, args...)
	cmd.Env = i.Env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := errb.String() + out.String()
		if len(msg) > 4000 {
			msg = msg[len(msg)-4000:]
		}
		return nil, fmt.Errorf("scripts/neo4j.sh %s %s: %v\n%s", args[0], i.Name, err, msg)
	}
	return out.Bytes(), nil
}

// Start starts the instance (a no-op when it runs) and returns how to connect to it.
func (i Instance) Start() (store.Config, error) {
	if _, err := i.Run("start"); err != nil {
		return store.Config{}, err
	}
	out, err := i.Run("env")
	if err != nil {
		return store.Config{}, err
	}
	var cfg store.Config
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		switch k {
		case "NEO4J_URI":
			cfg.URI = v
		case "NEO4J_USER":
			cfg.User = v
		case "NEO4J_PASSWORD":
			cfg.Password = v
		case "NEO4J_DATABASE":
			cfg.Database = v
		}
	}
	return cfg, nil
}

// Stop stops the instance and waits until it has exited.
func (i Instance) Stop() error {
	_, err := i.Run("stop")
	return err
}
