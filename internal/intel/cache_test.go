package intel

import (
	"testing"
	"time"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

func domainKey(v string) cacheKey { return cacheKey{"p", Query{Type: ioc.Domain, Value: v}} }

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(newFakeClock(), 2, time.Hour)
	c.put(domainKey("a"), Result{Verdict: Harmless})
	c.put(domainKey("b"), Result{Verdict: Harmless})
	if _, ok := c.get(domainKey("a")); !ok { // a is now the most recently used
		t.Fatal("a missing")
	}
	c.put(domainKey("c"), Result{Verdict: Harmless})
	for v, want := range map[string]bool{"a": true, "b": false, "c": true} {
		if _, ok := c.get(domainKey(v)); ok != want {
			t.Errorf("%s cached = %v, want %v", v, ok, want)
		}
	}
	if c.len() != 2 {
		t.Errorf("%d entries, want 2", c.len())
	}
}

func TestCacheExpiryAndWhatIsKept(t *testing.T) {
	clock := newFakeClock()
	c := newCache(clock, 10, time.Hour)
	for _, v := range []Verdict{Malicious, Suspicious, Harmless, Unknown, Error, Skipped} {
		c.put(domainKey(string(v)), Result{Verdict: v})
	}
	if c.len() != 4 {
		t.Errorf("%d entries, want 4: errors and skips are never kept", c.len())
	}
	stored := clock.Now()
	clock.Advance(time.Hour - time.Nanosecond)
	r, ok := c.get(domainKey("malicious"))
	if !ok || !r.Cached || r.CachedAt == nil || !r.CachedAt.Equal(stored) {
		t.Errorf("just before expiry: %+v %v, want a cached answer from %v", r, ok, stored)
	}
	clock.Advance(time.Nanosecond)
	if _, ok := c.get(domainKey("malicious")); ok {
		t.Errorf("an hour-old answer is still served")
	}
	if c.len() != 3 {
		t.Errorf("the expired entry was not dropped")
	}

	// A cached answer stored again (as after a refresh) is stored fresh.
	c.put(domainKey("harmless"), r)
	if got, _ := c.get(domainKey("harmless")); !got.CachedAt.Equal(clock.Now()) {
		t.Errorf("re-stored answer dated %v, want %v", got.CachedAt, clock.Now())
	}
	off := newCache(clock, 0, time.Hour)
	off.put(domainKey("x"), Result{Verdict: Harmless})
	if off.len() != 0 {
		t.Errorf("a cache of size 0 kept an answer")
	}
}
