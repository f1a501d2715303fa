package providertest

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/intel"
)

// ExpectResult looks want.IOC up with p and fails the test unless the
// lookup gives exactly want and keeps the key out of it and of p.
func ExpectResult(t *testing.T, p intel.Provider, want intel.Result) {
	t.Helper()
	got, err := p.Lookup(context.Background(), want.IOC)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
	AssertNoKey(t, got, p)
}

// ExpectRateLimit fails the test unless err is a 429's rate limit that
// waits wait and says message.
func ExpectRateLimit(t *testing.T, err error, wait time.Duration, message string) {
	t.Helper()
	var e *intel.LookupError
	if !errors.As(err, &e) || e.Kind != intel.ErrRateLimited || e.Status != http.StatusTooManyRequests {
		t.Fatalf("err = %#v, want a 429 rate limit", err)
	}
	if e.RetryAfter != wait || e.Message != message {
		t.Errorf("RetryAfter %s, message %q; want %s, %q", e.RetryAfter, e.Message, wait, message)
	}
}
