package ioc

import (
	"bytes"
	"errors"
	"sort"
)

// Window sizes for streaming. A window is scanned with an overlap after
// it, so a word that starts in the window is always seen whole; the
// overlap exceeds the longest word the scanner looks into.
const (
	defaultWindow  = 1 << 20
	defaultOverlap = maxWordLen + 4<<10
)

// Options select what an extraction reports.
type Options struct {
	// Types limits the result to these types; nil means every type.
	Types []Type
	// MaxOffsets caps the offsets kept per indicator; 0 means 16.
	MaxOffsets int
}

// Extractor finds indicators in a stream of text fed through Write. Memory
// stays flat however long the stream: only the deduplicated indicators
// grow. An Extractor is not safe for concurrent use.
type Extractor struct {
	st  *store
	dec decoder
	rf  refanger
	sc  *scanner

	window, overlap int

	buf  []byte // decoded input not yet fully scanned
	base int64  // stream offset of buf[0]
	from int    // where scanning resumes in buf
	skip bool   // buf starts inside an over-long word: skip it
	// consumed is the end of the last indicator taken in an earlier
	// window; matches starting before it were already counted.
	consumed int64
	maxEnd   int64
	view     []byte // the input bytes of the window being scanned

	bytesIn int64
	closed  bool
}

// NewExtractor returns an Extractor ready for Write.
func NewExtractor(opts Options) *Extractor {
	e := &Extractor{st: newStore(opts), window: defaultWindow, overlap: defaultOverlap}
	e.sc = newScanner(e, &e.rf)
	e.sc.cache = newWordCache()
	return e
}

// errClosed is returned by Write after Close.
var errClosed = errors.New("extractor: write after close")

// Write feeds text. It accepts any amount, split anywhere, including in the
// middle of a character or an indicator.
func (e *Extractor) Write(p []byte) (int, error) {
	if e.closed {
		return 0, errClosed
	}
	n := len(p)
	e.bytesIn += int64(n)
	for len(p) > 0 {
		chunk := p
		if len(chunk) > e.window {
			chunk = chunk[:e.window]
		}
		p = p[len(chunk):]
		dec := e.dec.decode(chunk, false)
		if len(e.buf)+len(dec) > cap(e.buf) && len(e.buf)+len(dec) > 64<<10 {
			// Past small inputs, size the buffer for a full window once.
			grown := getBuf(&windowBufs, max(2*e.window+e.overlap, len(e.buf)+len(dec)))[:len(e.buf)]
			copy(grown, e.buf)
			e.buf = grown
		}
		e.buf = append(e.buf, dec...)
		for len(e.buf) >= e.window+e.overlap {
			e.process(false)
		}
	}
	return n, nil
}

// EndInput ends one input of several, such as one file among many: what
// remains of it is scanned, no indicator spans it and the next input, and
// the next Write starts over with detecting the encoding. Indicators stay
// deduplicated across inputs, and offsets go on counting from the start of
// the first input, as if the inputs were concatenated after decoding.
func (e *Extractor) EndInput() {
	if e.closed {
		return
	}
	e.buf = append(e.buf, e.dec.decode(nil, true)...)
	for len(e.buf) >= e.window+e.overlap {
		e.process(false)
	}
	e.process(true)
	e.base += int64(len(e.buf))
	e.buf = e.buf[:0]
	e.from = 0
	e.skip = false
	e.dec = decoder{}
}

// Close scans what remains. Indicators and Stats are complete afterwards.
func (e *Extractor) Close() error {
	if e.closed {
		return nil
	}
	e.EndInput()
	e.closed = true
	// Nothing kept refers to the window buffers: the store holds copies.
	putBuf(&windowBufs, e.buf)
	putBuf(&cleanBufs, e.rf.out)
	e.buf, e.rf.out, e.view, e.sc.t = nil, nil, nil, nil
	return nil
}

// Indicators returns the indicators found, in order of first appearance.
func (e *Extractor) Indicators() []Indicator {
	return e.st.indicators()
}

// Stats summarizes the extraction so far.
func (e *Extractor) Stats() Stats {
	return e.st.stats(e.bytesIn)
}

// Extract finds every indicator in text.
func Extract(text []byte, opts Options) ([]Indicator, Stats) {
	e := NewExtractor(opts)
	// Write never fails before Close.
	_, _ = e.Write(text)
	_ = e.Close()
	return e.Indicators(), e.Stats()
}

// process scans one window of buf. A non-final window ends at a cut
// chosen at a line break or space, so no indicator starts at an
// artificial boundary; words crossing the cut are scanned whole here and
// skipped by the next window.
func (e *Extractor) process(final bool) {
	l := len(e.buf)
	if !final {
		l = e.window + e.overlap
	}
	view := e.buf[:l]
	cut := l
	if !final {
		cut = findCut(view, e.window)
	}
	clean := e.rf.run(view)
	e.view = view
	e.sc.t = clean
	from := e.rf.toClean(e.from)
	limit := len(clean)
	if !final {
		limit = e.rf.toClean(cut)
	}
	next, dropped := e.sc.scan(from, limit, final, e.skip)
	e.wholeText(clean, from, limit, final)
	if final {
		return
	}
	nextOrig := e.rf.toOrig(next, true)
	e.consumed = e.maxEnd
	e.from = nextOrig - cut
	if e.from < 0 {
		e.from = 0
	}
	e.skip = dropped
	n := copy(e.buf, e.buf[cut:])
	e.buf = e.buf[:n]
	e.base += int64(cut)
}

// wholeText runs the scanners for types that may contain spaces
// (registry keys, file paths) over the window.
func (e *Extractor) wholeText(clean []byte, from, limit int, final bool) {
	emit := func(typ Type) func(start, end int, value string) {
		return func(start, end int, value string) {
			cs, ce := from+start, from+end
			if cs >= limit || (!final && ce >= len(clean)) {
				return
			}
			e.sc.m = match{typ: typ, value: append(e.sc.val[:0], value...), cs: cs, ce: ce}
			e.add(&e.sc.m)
		}
	}
	scanRegistryKeys(clean[from:], emit(RegistryKey))
	scanFilepaths(clean[from:], emit(Filepath))
}

// add takes a match from the scanner: it maps the match back to the input
// bytes and records it.
func (e *Extractor) add(m *match) {
	os, oe, edited := e.rf.mapRange(m.cs, m.ce)
	abs := e.base + int64(os)
	if abs < e.consumed {
		return
	}
	if end := e.base + int64(oe); end > e.maxEnd {
		e.maxEnd = end
	}
	defanged := m.defanged || edited
	if m.rec != nil {
		// A remembered word already knows its record.
		e.st.record(m.rec, e.view[os:oe], abs, defanged, m.derived)
		return
	}
	m.rec = e.st.add(m.typ, m.value, m.display, e.view[os:oe], abs, defanged, m.derived)
}

// findCut picks where a window ends: the last line break before size,
// else the last space, else any delimiter, else size itself.
func findCut(view []byte, size int) int {
	lo := size - size/4
	if i := bytes.LastIndexByte(view[lo:size], '\n'); i >= 0 {
		return lo + i
	}
	if i := bytes.LastIndexAny(view[lo:size], " \t\r"); i >= 0 {
		return lo + i
	}
	for i := size - 1; i >= lo; i-- {
		if byteClass[view[i]]&cDelim != 0 {
			return i
		}
	}
	return size
}

// toClean maps an input offset to a clean offset.
func (r *refanger) toClean(p int) int {
	k := sort.Search(len(r.edits), func(j int) bool { return r.edits[j].orig > p }) - 1
	if k < 0 {
		return p
	}
	e := r.edits[k]
	if p < e.orig+e.origLen {
		return e.clean
	}
	return p - (e.orig + e.origLen) + (e.clean + e.cleanLen)
}
