package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	store "github.com/relgraph/relgraph/graph/neo4j"
)

// process is a server the benchmark started.
type process struct {
	name string
	url  string // the GraphQL endpoint
	cmd  *exec.Cmd
	log  *bytes.Buffer
}

func neo4jEnv(n store.Config) []string {
	return append(os.Environ(), "NEO4J_URI="+n.URI, "NEO4J_USER="+n.User, "NEO4J_PASSWORD="+n.Password, "NEO4J_DATABASE="+n.Database)
}

// startRelgraph serves relgraph from its binary on port, with or without its response cache.
func startRelgraph(ctx context.Context, bin string, n store.Config, port int, cacheMB int) (*process, error) {
	cmd := exec.Command(bin, "serve", "-addr", fmt.Sprintf("127.0.0.1:%d", port), "-response-cache-mb", strconv.Itoa(cacheMB),
		"-log-level", "warn", "-introspection=false")
	cmd.Env = neo4jEnv(n)
	name := "relgraph"
	if cacheMB > 0 {
		name = "relgraph, cached"
	}
	p := &process{name: name, url: fmt.Sprintf("http://127.0.0.1:%d/graphql", port), cmd: cmd, log: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return p, p.wait(ctx, fmt.Sprintf("http://127.0.0.1:%d/readyz", port))
}

// startNeo4jGraphQL installs (npm ci, once) and starts @neo4j/graphql on Apollo Server.
func startNeo4jGraphQL(ctx context.Context, root string, n store.Config, port int, log *slog.Logger) (*process, error) {
	dir := filepath.Join(root, "server", "bench", "neo4jgraphql")
	lock, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return nil, err
	}
	installed, _ := os.ReadFile(filepath.Join(dir, "node_modules", ".installed-lock"))
	if !bytes.Equal(lock, installed) {
		log.Info("installing @neo4j/graphql and Apollo Server from npm", "dir", dir)
		npm := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
		npm.Dir = dir
		if out, err := npm.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("npm ci in %s: %v\n%s", dir, err, out)
		}
		if err := os.WriteFile(filepath.Join(dir, "node_modules", ".installed-lock"), lock, 0o644); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command("node", "server.mjs")
	cmd.Dir = dir
	cmd.Env = append(neo4jEnv(n), "PORT="+strconv.Itoa(port), "NODE_ENV=production")
	p := &process{name: "@neo4j/graphql", url: fmt.Sprintf("http://127.0.0.1:%d/graphql", port), cmd: cmd, log: &bytes.Buffer{}}
	cmd.Stdout, cmd.Stderr = p.log, p.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return p, p.wait(ctx, fmt.Sprintf("http://127.0.0.1:%d/healthz", port))
}

func (p *process) wait(ctx context.Context, url string) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		if p.cmd.ProcessState != nil || time.Now().After(deadline) || ctx.Err() != nil {
			p.stop()
			return fmt.Errorf("%s did not start:\n%s", p.name, p.log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// peakRSS is the process's peak resident memory (VmHWM), in bytes.
func (p *process) peakRSS() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

func (p *process) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// post sends one GraphQL request and returns the decoded response.
func post(url, query string, vars map[string]any) (map[string]any, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, b)
	}
	if out["errors"] != nil {
		return out, fmt.Errorf("errors: %.500s", b)
	}
	return out, nil
}
