package server

import (
	"testing"
	"time"
)

func TestProblemLogRateLimitsPerClient(t *testing.T) {
	now := time.Unix(0, 0)
	p := newProblemLog(nil)
	p.now = func() time.Time { return now }
	for i := 0; i < problemBurst; i++ {
		if ok, _ := p.allow("a"); !ok {
			t.Fatalf("problem %d of a burst refused", i+1)
		}
	}
	for i := 0; i < 3; i++ {
		if ok, _ := p.allow("a"); ok {
			t.Fatal("a problem beyond the burst logged")
		}
	}
	if ok, _ := p.allow("b"); !ok {
		t.Error("another client's problem refused")
	}
	now = now.Add(problemEvery)
	ok, dropped := p.allow("a")
	if !ok || dropped != 3 {
		t.Errorf("after %s: logged %v, %d left out; want true, 3", problemEvery, ok, dropped)
	}
	if ok, _ := p.allow("a"); ok {
		t.Error("a second problem within the interval logged")
	}
}

func TestShortenMessage(t *testing.T) {
	long := make([]byte, 10000)
	for i := range long {
		long[i] = 'X'
	}
	for _, tc := range []struct{ in, want string }{
		{`unknown relation type "NOPE"`, `unknown relation type "NOPE"`},
		{`unknown relation type "` + string(long) + `"`, `unknown relation type "` + string(long[:maxQuoted]) + `…"`},
		{`a "quoted \" escape ` + string(long) + `" and "short"`, `a "quoted \" escape ` + string(long[:maxQuoted-len(`quoted \" escape `)]) + `…" and "short"`},
	} {
		if got := shortenMessage(tc.in); got != tc.want {
			t.Errorf("shortenMessage(%.60q…) = %.200q", tc.in, got)
		}
	}
	if got := shortenMessage(string(long)); len([]rune(got)) != maxMessage+1 {
		t.Errorf("an unquoted long message: %d characters", len([]rune(got)))
	}
}
