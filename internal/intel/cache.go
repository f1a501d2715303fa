package intel

import (
	"container/list"
	"sync"
	"time"
)

// cache keeps providers' answers in memory, bounded in entries (the least
// recently used goes first) and in age. It is safe for concurrent use.
type cache struct {
	mu      sync.Mutex
	clock   Clock
	ttl     time.Duration
	max     int
	entries map[cacheKey]*list.Element
	order   *list.List // of *cacheEntry, most recently used at the front
}

// cacheKey names one answer: a provider's verdict on one indicator.
type cacheKey struct {
	provider string
	query    Query
}

type cacheEntry struct {
	key       cacheKey
	result    Result
	fetchedAt time.Time
}

func newCache(clock Clock, size int, ttl time.Duration) *cache {
	return &cache{clock: clock, ttl: ttl, max: size, entries: make(map[cacheKey]*list.Element), order: list.New()}
}

// get returns a fresh answer marked as cached, if there is one.
func (c *cache) get(k cacheKey) (Result, bool) {
	now := c.clock.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		return Result{}, false
	}
	e := el.Value.(*cacheEntry)
	if now.Sub(e.fetchedAt) >= c.ttl {
		c.order.Remove(el)
		delete(c.entries, k)
		return Result{}, false
	}
	c.order.MoveToFront(el)
	r := e.result
	r.Cached = true
	at := e.fetchedAt
	r.CachedAt = &at
	return r, true
}

// put stores an answer. Failures and skips are never stored: the next
// question must try again.
func (c *cache) put(k cacheKey, r Result) {
	if !cacheable(r.Verdict) || c.max <= 0 {
		return
	}
	r.Cached, r.CachedAt = false, nil
	now := c.clock.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		e := el.Value.(*cacheEntry)
		e.result, e.fetchedAt = r, now
		c.order.MoveToFront(el)
		return
	}
	c.entries[k] = c.order.PushFront(&cacheEntry{key: k, result: r, fetchedAt: now})
	for c.order.Len() > c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*cacheEntry).key)
	}
}

// len returns the number of entries, fresh or not.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// cacheable reports whether an answer with verdict v may be reused.
func cacheable(v Verdict) bool {
	switch v {
	case Malicious, Suspicious, Harmless, Unknown:
		return true
	}
	return false
}
