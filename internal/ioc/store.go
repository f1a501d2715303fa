package ioc

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
)

// maxRawForms caps the distinct raw spellings kept per indicator.
const maxRawForms = 8

// defaultMaxOffsets is how many occurrence offsets an indicator keeps
// when Options.MaxOffsets is zero.
const defaultMaxOffsets = 16

type record struct {
	ind Indicator
	// Room for the first offset and raw form, so a new indicator costs
	// one allocation for its record rather than three.
	firstOffsets [1]int64
	firstRaw     [1]string
	// standalone is set once the indicator appears on its own, not only
	// as the host of a URL or the domain of an e-mail address.
	standalone bool
	rawPlain   bool // the value itself is one of the raw forms
}

// store deduplicates occurrences into indicators, in order of first
// appearance. It is the only state that grows with the input, and it
// grows with the number of distinct indicators, not with the input size.
type store struct {
	byType      map[Type]map[string]*record
	lastType    Type // the map of lastType, to skip a lookup on runs of one type
	lastMap     map[string]*record
	order       []*record
	maxOffsets  int
	want        map[Type]bool // nil: every type
	occurrences int
	slab        []record
	offSlab     []int64 // room for the offsets of records past their first
	// recent is a direct-mapped cache in front of the maps: indicators
	// recur, and a hit costs a hash of a few words and one comparison.
	// It grows with the distinct indicators, so a short text pays for a
	// small table and a long one keeps most of its indicators at hand.
	recent     []*record
	recentBits uint
}

// The recent table starts at 1<<minRecentBits slots and grows fourfold
// whenever the indicators outnumber half its slots, up to 1<<maxRecentBits.
const (
	minRecentBits = 10
	maxRecentBits = 15
)

// offSlabRecords is how many records share one allocation of offsets.
const offSlabRecords = 64

// recentSlot hashes a value's length, type and first and last eight
// bytes into bits bits; a collision only costs a map lookup.
func recentSlot(typ Type, v []byte, bits uint) uint64 {
	h := uint64(len(v))<<8 | uint64(len(typ))<<3 | uint64(typ[0]&7)
	if len(v) >= 8 {
		h ^= binary.LittleEndian.Uint64(v) * 0x9E3779B97F4A7C15
		h ^= binary.LittleEndian.Uint64(v[len(v)-8:]) * 0xff51afd7ed558ccd
	} else {
		for _, c := range v {
			h = h*131 + uint64(c)
		}
	}
	h *= 0x9E3779B97F4A7C15
	return h >> (64 - bits)
}

func newStore(opts Options) *store {
	st := &store{byType: map[Type]map[string]*record{}, maxOffsets: opts.MaxOffsets,
		recent: make([]*record, 1<<minRecentBits), recentBits: minRecentBits}
	if st.maxOffsets <= 0 {
		st.maxOffsets = defaultMaxOffsets
	}
	if opts.Types != nil {
		st.want = map[Type]bool{}
		for _, t := range opts.Types {
			st.want[t] = true
		}
	}
	return st
}

// newRecord hands out records from slabs, amortizing allocations.
func (st *store) newRecord() *record {
	if len(st.slab) == 0 {
		st.slab = make([]record, 64)
	}
	r := &st.slab[0]
	st.slab = st.slab[1:]
	return r
}

// add counts one occurrence of (typ, value) and returns its record, or
// nil when the type is not wanted.
func (st *store) add(typ Type, value []byte, display string, raw []byte, off int64, defanged, derived bool) *record {
	if st.want != nil && !st.want[typ] {
		return nil
	}
	slot := recentSlot(typ, value, st.recentBits)
	r := st.recent[slot]
	if r == nil || r.ind.Type != typ || r.ind.Value != string(value) {
		r = st.lookup(typ, value, display)
		if r == nil {
			return nil
		}
		st.recent[slot] = r
	}
	st.record(r, raw, off, defanged, derived)
	return r
}

// lookup finds or creates the record of (typ, value).
func (st *store) lookup(typ Type, value []byte, display string) *record {
	m := st.lastMap
	if typ != st.lastType || m == nil {
		m = st.byType[typ]
		if m == nil {
			m = map[string]*record{}
			st.byType[typ] = m
		}
		st.lastType, st.lastMap = typ, m
	}
	r := m[string(value)]
	if r == nil {
		if !refangStable(typ, value) {
			return nil
		}
		v := string(value)
		r = st.newRecord()
		r.ind = Indicator{Type: typ, Value: v, Display: display, Offsets: r.firstOffsets[:0:1], Raw: r.firstRaw[:0:1]}
		m[v] = r
		st.order = append(st.order, r)
		if len(st.order) > len(st.recent)/2 && st.recentBits < maxRecentBits {
			st.recentBits += 2
			st.recent = make([]*record, 1<<st.recentBits)
		}
	}
	return r
}

// refangStable reports whether value, standing alone, reads as itself. A
// value that would refang again ("[0].0" left by refanging "[0][.]0",
// "h00p__0.0.ac") reads as another indicator once written out, so it is
// not reported at all. Checked once per distinct value.
func refangStable(typ Type, value []byte) bool {
	switch typ {
	case Domain, URL, Email:
		// Re-reading is costly, so only values holding something a
		// defanged form is made of are read again.
		if !defangMaterial(typ, value) {
			return true
		}
		return Valid(typ, string(value))
	}
	return true
}

// defangMaterial reports whether value holds what a defanged form is made
// of: brackets, backslashes, stars, or a scheme's separator left in a path.
func defangMaterial(typ Type, value []byte) bool {
	if typ != URL {
		return bytes.ContainsAny(value, "[](){}\\*_:")
	}
	rest := value[bytes.Index(value, []byte("://"))+3:]
	return bytes.ContainsAny(rest, "[](){}\\*") || bytes.Contains(rest, []byte("__")) ||
		bytes.Contains(rest, []byte("//")) || bytes.Contains(rest, []byte(":/"))
}

// moreOffsets returns room for maxOffsets offsets holding offs. Records
// that recur share slabs, as most records of a long text do.
func (st *store) moreOffsets(offs []int64) []int64 {
	if st.maxOffsets > defaultMaxOffsets*4 {
		grown := make([]int64, len(offs), st.maxOffsets)
		copy(grown, offs)
		return grown
	}
	if len(st.offSlab) < st.maxOffsets {
		st.offSlab = make([]int64, st.maxOffsets*offSlabRecords)
	}
	grown := st.offSlab[:len(offs):st.maxOffsets]
	st.offSlab = st.offSlab[st.maxOffsets:]
	copy(grown, offs)
	return grown
}

// record counts one occurrence.
func (st *store) record(r *record, raw []byte, off int64, defanged, derived bool) {
	st.occurrences++
	r.ind.Count++
	if n := len(r.ind.Offsets); n < st.maxOffsets {
		if n == cap(r.ind.Offsets) {
			// Grow once to the cap instead of doubling four times.
			r.ind.Offsets = st.moreOffsets(r.ind.Offsets)
		}
		r.ind.Offsets = append(r.ind.Offsets, off)
	}
	if defanged {
		r.ind.Defanged = true
	}
	if !derived {
		r.standalone = true
	}
	if len(r.ind.Raw) < maxRawForms {
		if r.rawPlain && string(raw) == r.ind.Value {
			return
		}
		for _, f := range r.ind.Raw {
			if f == string(raw) {
				return
			}
		}
		if string(raw) == r.ind.Value {
			// Most occurrences are written plainly: share the value.
			r.ind.Raw = append(r.ind.Raw, r.ind.Value)
			r.rawPlain = true
		} else {
			r.ind.Raw = append(r.ind.Raw, string(raw))
		}
	}
}

// indicators returns a copy of every indicator with its tags, in order
// of first appearance. Records are created in scan order, which differs
// for the whole-text scanners, so they are sorted by first offset.
func (st *store) indicators() []Indicator {
	out := make([]Indicator, 0, len(st.order))
	order := slices.Clone(st.order)
	slices.SortStableFunc(order, func(a, b *record) int { return cmp.Compare(a.ind.Offsets[0], b.ind.Offsets[0]) })
	for _, r := range order {
		ind := r.ind
		ind.Raw = append([]string(nil), r.ind.Raw...)
		ind.Offsets = append([]int64(nil), r.ind.Offsets...)
		ind.Tags = Classify(ind.Type, ind.Value)
		if !r.standalone {
			ind.Tags = append(ind.Tags, TagDerived)
		}
		if ind.Tags == nil {
			ind.Tags = []string{}
		}
		out = append(out, ind)
	}
	return out
}

func (st *store) stats(bytes int64) Stats {
	s := Stats{Bytes: bytes, Indicators: len(st.order), Occurrences: st.occurrences, ByType: map[Type]int{}}
	for _, r := range st.order {
		s.ByType[r.ind.Type]++
	}
	return s
}
