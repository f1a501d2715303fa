package ioc

import "bytes"

// An edit records one place where the clean text differs from the input:
// the input bytes [orig, orig+origLen) became the clean bytes
// [clean, clean+cleanLen). Edits let every match in the clean text be
// mapped back to the exact bytes the analyst pasted.
type edit struct {
	clean, cleanLen int
	orig, origLen   int
	// defang is false for plain escapes such as JSON's "\/", which are
	// encoding rather than deliberate obfuscation.
	defang bool
}

// refanger rewrites defanged notation (example[.]com, user[at]host,
// http:\/\/…) into plain text once, so the scanner that follows only ever
// sees ordinary indicators. Its buffers are reused between windows.
type refanger struct {
	out    []byte
	edits  []edit
	cursor int // the edit found by the last offset query
	// ahead is the first edit that may still concern defangedAhead, and
	// aheadFrom the start of its last query.
	ahead, aheadFrom int
}

// refangBytes are the bytes at which a defanged form can begin.
var refangBytes = [...]byte{'[', '(', '{', '\\', '=', '&', 0xE3, 0xEF}

// indexByteFrom returns the index of the first c in src at or after i, or
// len(src).
func indexByteFrom(src []byte, i int, c byte) int {
	if i >= len(src) {
		return len(src)
	}
	if k := bytes.IndexByte(src[i:], c); k >= 0 {
		return i + k
	}
	return len(src)
}

// refangTable marks refangBytes, for scanning text dense with them.
var refangTable = func() (t [256]uint8) {
	for _, c := range refangBytes {
		t[c] = 1
	}
	return t
}()

// triggerFinder yields the positions of trigger bytes in order. Sparse
// triggers are found with IndexByte, one search per byte value, which
// covers many bytes per instruction; where they come close together a
// table scan is cheaper than restarting the searches, so the finder
// switches between the two by how far apart the last ones were.
type triggerFinder struct {
	src   []byte
	next  [len(refangBytes)]int // next occurrence of each byte (sparse)
	dense bool
	close int // consecutive triggers found close together
}

func (f *triggerFinder) reset(src []byte) {
	f.src, f.dense, f.close = src, false, 0
	for k := range f.next {
		f.next[k] = -1
	}
}

// find returns the first trigger position at or after i, or len(src).
func (f *triggerFinder) find(i int) int {
	if f.dense {
		j := indexTable(f.src, i, &refangTable)
		if j-i > 64 {
			f.dense = false
			for k := range f.next {
				f.next[k] = -1
			}
		}
		return j
	}
	j := len(f.src)
	for k := range f.next {
		if f.next[k] < i {
			f.next[k] = indexByteFrom(f.src, i, refangBytes[k])
		}
		j = min(j, f.next[k])
	}
	if j-i < 8 {
		f.close++
		if f.close >= 8 {
			f.dense, f.close = true, 0
		}
	} else {
		f.close = 0
	}
	return j
}

// run returns the clean form of src. When nothing needs rewriting it
// returns src itself, so ordinary text is never copied.
func (r *refanger) run(src []byte) []byte {
	r.out = r.out[:0]
	r.edits = r.edits[:0]
	r.cursor, r.ahead, r.aheadFrom = 0, 0, 0
	copied := 0 // src[:copied] has been handled
	var tf triggerFinder
	tf.reset(src)
	i := 0
	for {
		// Jump to the next byte that can start a defanged form.
		i = tf.find(i)
		if i >= len(src) {
			break
		}
		start, n, repl, defang := matchDefang(src, i, copied)
		if n == 0 {
			// In a run of one trigger byte ("\\\\", "((((") only the
			// first and the last can start a form; skip to the last.
			c := src[i]
			j := i + 1
			for j < len(src) && src[j] == c {
				j++
			}
			i = max(i+1, j-1)
			continue
		}
		if len(r.edits) == 0 {
			if cap(r.out) < len(src) {
				// One allocation for the window rather than doubling.
				r.out = getBuf(&cleanBufs, len(src)+len(src)/8)
			}
			r.out = append(r.out, src[:start]...)
		} else {
			r.out = append(r.out, src[copied:start]...)
		}
		if k := len(r.edits) - 1; k >= 0 && r.edits[k].orig+r.edits[k].origLen == start && r.edits[k].defang == defang {
			// Edits that touch ("\/\/" in JSON) become one, so text dense
			// with them keeps a short edit list.
			r.edits[k].cleanLen += len(repl)
			r.edits[k].origLen += n
		} else {
			r.edits = append(r.edits, edit{
				clean: len(r.out), cleanLen: len(repl),
				orig: start, origLen: n, defang: defang,
			})
		}
		r.out = append(r.out, repl...)
		copied = start + n
		i = copied
	}
	if len(r.edits) == 0 {
		return src
	}
	r.out = append(r.out, src[copied:]...)
	return r.out
}

// lastEditAtOrBefore returns the index of the last edit whose clean start
// is at most p, or -1.
func (r *refanger) lastEditAtOrBefore(p int) int {
	// Queries come in nearly increasing order, so walk from the last
	// answer when it is close, and search otherwise.
	lo := 0
	if k := r.cursor; k < len(r.edits) && r.edits[k].clean <= p {
		for steps := 0; steps < 4; steps++ {
			if k+1 == len(r.edits) || r.edits[k+1].clean > p {
				r.cursor = k
				return k
			}
			k++
		}
		lo = k
	}
	k := r.search(lo, p)
	if k >= 0 {
		r.cursor = k
	}
	return k
}

func (r *refanger) search(lo, p int) int {
	hi := len(r.edits)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.edits[m].clean <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo - 1
}

// toOrig maps a clean offset to an input offset. A position inside a
// replacement maps to the start of the replaced bytes, or to their end
// when end is set (for exclusive range ends).
func (r *refanger) toOrig(p int, end bool) int {
	if len(r.edits) == 0 {
		return p
	}
	return r.origAt(r.lastEditAtOrBefore(p), p, end)
}

// mapRange maps the clean range [cs, ce) of a match back to the input
// and reports whether a deliberate defang edit touches it, with one search.
func (r *refanger) mapRange(cs, ce int) (os, oe int, defanged bool) {
	if len(r.edits) == 0 {
		return cs, ce, false
	}
	k := r.lastEditAtOrBefore(cs)
	os = r.origAt(k, cs, false)
	j := k
	if j < 0 {
		j = 0
	}
	last := k
	for ; j < len(r.edits) && r.edits[j].clean <= ce; j++ {
		e := &r.edits[j]
		if e.clean < ce && e.clean+e.cleanLen > cs && e.defang {
			defanged = true
		}
		last = j
	}
	return os, r.origAt(last, ce, true), defanged
}

// origAt maps clean offset p given k, the last edit starting at or before
// p (or -1).
func (r *refanger) origAt(k, p int, end bool) int {
	if k < 0 {
		return p
	}
	e := &r.edits[k]
	if p < e.clean+e.cleanLen {
		if end && p > e.clean {
			return e.orig + e.origLen
		}
		return e.orig
	}
	return p - (e.clean + e.cleanLen) + (e.orig + e.origLen)
}

// defangedIn reports whether a deliberate defang edit touches the clean
// range [a, b).
func (r *refanger) defangedIn(a, b int) bool {
	if len(r.edits) == 0 {
		return false
	}
	k := r.lastEditAtOrBefore(a)
	if k < 0 {
		k = 0
	}
	for ; k < len(r.edits) && r.edits[k].clean < b; k++ {
		e := &r.edits[k]
		if e.defang && (e.clean+e.cleanLen > a || (e.cleanLen == 0 && e.clean >= a)) {
			return true
		}
	}
	return false
}

// defangedAhead is defangedIn for the scanner's walk over words, whose
// starts never go back: it steps over the edits that can no longer
// matter (plain escapes, and defang edits behind a) once, rather than
// searching for every word.
func (r *refanger) defangedAhead(a, b int) bool {
	if len(r.edits) == 0 {
		return false
	}
	if a < r.aheadFrom {
		return r.defangedIn(a, b)
	}
	r.aheadFrom = a
	k := r.ahead
	for ; k < len(r.edits); k++ {
		e := &r.edits[k]
		if e.defang && (e.clean+e.cleanLen > a || (e.cleanLen == 0 && e.clean >= a)) {
			break
		}
	}
	r.ahead = k
	// Edits are in clean order, so the first live defang edit decides.
	return k < len(r.edits) && r.edits[k].clean < b
}
