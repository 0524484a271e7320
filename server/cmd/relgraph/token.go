package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/relgraph/relgraph/graph"
)

// tokenFlags are the flags of the token subcommands.
type tokenFlags struct {
	role, name, expires string
}

func (t *tokenFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&t.role, "role", "", "token create: reader, curator or admin")
	fs.StringVar(&t.name, "name", "", "token create: who holds the token, as history will show it")
	fs.StringVar(&t.expires, "expires", "720h", "token create: how long the token is valid, such as 720h or 30d")
}

// tokenStore is what the token subcommands need of the store.
type tokenStore interface {
	graph.Authenticator
}

// run runs a token subcommand: the new token goes alone to stdout, so that scripts can capture
// it; everything said to people goes to stderr.
func (t *tokenFlags) run(ctx context.Context, sub string, args []string, store tokenStore, stdout, stderr io.Writer) error {
	switch sub {
	case "create":
		if len(args) > 0 {
			return fmt.Errorf("unexpected arguments %q (flags go before them)", args)
		}
		ttl, err := parseExpiry(t.expires)
		if err != nil {
			return err
		}
		if t.role == "" || t.name == "" {
			return errors.New("token create needs -role and -name")
		}
		tok, secret, err := store.CreateToken(ctx, t.name, graph.Role(strings.ToLower(t.role)), ttl, operator())
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, secret)
		fmt.Fprintf(stderr, "created token %s for %s (%s), expires %s.\nIt is shown only this once: only its hash is stored.\n",
			tok.ID, tok.Name, tok.Role, tok.ExpiresAt.Format(time.RFC3339))
		return nil
	case "list":
		ts, err := store.Tokens(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tROLE\tCREATED\tEXPIRES\tSTATE")
		now := time.Now()
		for _, tk := range ts {
			state := "active"
			switch {
			case !tk.RevokedAt.IsZero():
				state = "revoked " + tk.RevokedAt.Format(time.RFC3339)
			case !now.Before(tk.ExpiresAt):
				state = "expired"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", tk.ID, tk.Name, tk.Role, tk.CreatedAt.Format(time.RFC3339),
				tk.ExpiresAt.Format(time.RFC3339), state)
		}
		return w.Flush()
	case "revoke":
		if len(args) != 1 {
			return errors.New("token revoke needs one token id (see token list)")
		}
		tk, err := store.RevokeToken(ctx, args[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "revoked token %s of %s (%s) at %s; its sessions are over.\n", tk.ID, tk.Name, tk.Role,
			tk.RevokedAt.Format(time.RFC3339))
		return nil
	}
	return fmt.Errorf("unknown token subcommand %q (create, list or revoke)", sub)
}

// parseExpiry reads a lifetime as a Go duration, or as a number of days ("30d").
func parseExpiry(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("bad -expires %q: want a duration such as 720h or 30d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	ttl, err := time.ParseDuration(s)
	if err != nil || ttl <= 0 {
		return 0, fmt.Errorf("bad -expires %q: want a duration such as 720h or 30d", s)
	}
	return ttl, nil
}

// operator names who ran the command, for the token's record.
func operator() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}
