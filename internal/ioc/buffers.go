package ioc

import "sync"

// The window buffer and the refanged copy of a window take a megabyte or
// two each. Extractions tend to follow one another (a server handling
// pastes, a command reading several files), so Close hands both back for
// the next Extractor instead of leaving them to the collector, which
// would otherwise zero fresh ones and run more often.
var windowBufs, cleanBufs sync.Pool // of *[]byte

// minPooledBuf is the capacity below which a buffer is not worth keeping.
const minPooledBuf = 64 << 10

// getBuf returns an empty slice with room for at least n bytes, taken
// from pool when it holds one large enough.
func getBuf(pool *sync.Pool, n int) []byte {
	if p, ok := pool.Get().(*[]byte); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]byte, 0, n)
}

// putBuf gives b back to pool; the caller must not use it afterwards.
func putBuf(pool *sync.Pool, b []byte) {
	if cap(b) < minPooledBuf {
		return
	}
	b = b[:0]
	pool.Put(&b)
}
