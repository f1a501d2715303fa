package ioc

import (
	"bytes"
	"hash/maphash"
)

// Logs and reports repeat the same words (an address on every line, a
// hash in every table), and what a word holds depends only on its bytes
// and two facts about the word before it. The scanner therefore
// remembers what it found in a word and replays it when the word recurs.
// A word met for the first time is remembered only where it displaces
// nothing still being replayed, since most such words never recur; one
// met again is always remembered.

// wordCacheMaxLen bounds the words worth remembering.
const wordCacheMaxLen = 96

// wordSlots is the size of the direct-mapped cache: a word whose slot is
// taken by another replaces it, unless it is new and the other is in use.
const wordSlots = 1 << 14

// wordArenaCap bounds the bytes kept for remembered words; past it the
// cache starts over, so its memory stays flat whatever the input.
const wordArenaCap = 4 << 20

// seenBits is the size of the filter of words seen before, which tells a
// new word from one that recurs.
const seenBits = 1 << 16

// cachedMatch is a match relative to the start of its word.
type cachedMatch struct {
	typ      Type
	value    []byte
	display  string
	cs, ce   int
	defanged bool
	derived  bool
	rec      *record // the store's record, learnt on the first replay
}

type wordSlot struct {
	hash    uint64
	used    bool // replayed since a word seen once last spared it
	key     []byte
	matches []cachedMatch
}

type wordCache struct {
	seed    maphash.Seed
	seen    [seenBits / 64]uint64
	slots   []wordSlot // allocated on first use
	key     []byte     // scratch: context byte + word
	rec     []cachedMatch
	recOn   bool
	recBase int
	// Arenas for remembered keys, values and match lists, so remembering
	// a word costs no allocation of its own most of the time.
	bytesArena   []byte
	matchesArena []cachedMatch
	arenaUsed    int
}

func newWordCache() *wordCache {
	return &wordCache{seed: maphash.MakeSeed()}
}

// keep copies b into the byte arena.
func (wc *wordCache) keep(b []byte) []byte {
	if len(wc.bytesArena)+len(b) > cap(wc.bytesArena) {
		wc.bytesArena = make([]byte, 0, max(64<<10, len(b)))
		wc.arenaUsed += cap(wc.bytesArena)
	}
	n := len(wc.bytesArena)
	wc.bytesArena = append(wc.bytesArena, b...)
	return wc.bytesArena[n:len(wc.bytesArena):len(wc.bytesArena)]
}

// keepMatches copies ms into the match arena.
func (wc *wordCache) keepMatches(ms []cachedMatch) []cachedMatch {
	if len(wc.matchesArena)+len(ms) > cap(wc.matchesArena) {
		wc.matchesArena = make([]cachedMatch, 0, max(1024, len(ms)))
		wc.arenaUsed += 64 * cap(wc.matchesArena)
	}
	n := len(wc.matchesArena)
	wc.matchesArena = append(wc.matchesArena, ms...)
	return wc.matchesArena[n:len(wc.matchesArena):len(wc.matchesArena)]
}

// wordContext captures what, outside the word, changes its reading: a
// version word before a dotted number ("build 2.7.1.0") and "CVE " before
// "2019-0708". Only words starting with a digit depend on either.
func (s *scanner) wordContext(ws int) byte {
	t := s.t
	if !isDigit(t[ws]) {
		return 0
	}
	var c byte = 1
	if ws == 0 || t[ws-1] != ' ' {
		// Both facts need a space before the word.
		return c
	}
	if versionBefore(t, ws) {
		c |= 2
	}
	if ws >= 4 && lowerEq(t[ws-4:ws-1], "cve") && (ws == 4 || !isAlnum(t[ws-5])) {
		c |= 4
	}
	return c
}

// cachedWord processes a word through the cache. It reports false when
// the word must be processed normally.
func (s *scanner) cachedWord(ws, we int, f uint16) bool {
	wc := s.cache
	if wc == nil || we-ws > wordCacheMaxLen || s.rf.defangedAhead(ws, we) {
		// A defanged word reads differently from its clean bytes
		// (setup[.]py is a domain, setup.py a file name).
		return false
	}
	word := s.t[ws:we]
	ctx := s.wordContext(ws)
	h := maphash.Bytes(wc.seed, word)
	if ctx != 0 {
		h = (h ^ uint64(ctx)) * 0x9E3779B97F4A7C15
	}
	if wc.slots != nil {
		// A key is the context byte and the word.
		if slot := &wc.slots[h%wordSlots]; slot.hash == h && len(slot.key) == len(word)+1 && slot.key[0] == ctx && bytes.Equal(slot.key[1:], word) {
			slot.used = true
			for i := range slot.matches {
				s.replay(&slot.matches[i], ws)
			}
			return true
		}
	}
	bit := (h >> 32) % seenBits
	if wc.seen[bit/64]&(1<<(bit%64)) == 0 {
		wc.seen[bit/64] |= 1 << (bit % 64)
		if wc.slots == nil {
			// Until a word recurs, the text may be too short for a cache.
			return false
		}
		if slot := &wc.slots[h%wordSlots]; slot.used {
			// A word seen once does not displace one being replayed, but
			// takes the slot if that one is not replayed again before the
			// next such word comes.
			slot.used = false
			return false
		}
	}
	// Process the word while recording, and remember the result.
	wc.rec, wc.recOn, wc.recBase = wc.rec[:0], true, ws
	s.word(ws, we, f)
	wc.recOn = false
	if wc.slots == nil || wc.arenaUsed > wordArenaCap {
		wc.slots = make([]wordSlot, wordSlots)
		wc.bytesArena, wc.matchesArena, wc.arenaUsed = nil, nil, 0
	}
	slot := &wc.slots[h%wordSlots]
	wc.key = append(append(wc.key[:0], ctx), word...)
	slot.hash, slot.key, slot.matches, slot.used = h, wc.keep(wc.key), nil, false
	if len(wc.rec) > 0 {
		slot.matches = wc.keepMatches(wc.rec)
	}
	return true
}

// record keeps a copy of a match found while a word is being recorded.
func (wc *wordCache) record(m *match) {
	wc.rec = append(wc.rec, cachedMatch{
		typ: m.typ, value: wc.keep(m.value), display: m.display,
		cs: m.cs - wc.recBase, ce: m.ce - wc.recBase, defanged: m.defanged, derived: m.derived,
	})
}
