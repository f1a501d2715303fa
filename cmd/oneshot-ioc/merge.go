package main

import (
	"slices"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

// The engine's default caps on the offsets and raw forms one indicator
// keeps, so merged results look like single-input ones.
const (
	maxOffsets  = 16
	maxRawForms = 8
)

// merger combines the results of several inputs, each extracted on its own
// so that a UTF-16 or BOM-prefixed file decodes from its own start and no
// indicator is stitched across the end of one file and the start of the next.
// Offsets are shifted so they count from the start of the first input, as if
// the inputs were concatenated.
type merger struct {
	inds  []ioc.Indicator
	index map[ioc.Type]map[string]int // position in inds
	stats ioc.Stats
}

func newMerger() *merger {
	return &merger{index: map[ioc.Type]map[string]int{}}
}

// add folds in one input's results. base is the number of bytes of the
// inputs before it.
func (m *merger) add(inds []ioc.Indicator, stats ioc.Stats, base int64) {
	m.stats.Bytes += stats.Bytes
	m.stats.Occurrences += stats.Occurrences
	for _, ind := range inds {
		offsets := make([]int64, 0, len(ind.Offsets))
		for _, off := range ind.Offsets {
			offsets = append(offsets, base+off)
		}
		ind.Offsets = offsets
		byValue := m.index[ind.Type]
		if byValue == nil {
			byValue = map[string]int{}
			m.index[ind.Type] = byValue
		}
		i, seen := byValue[ind.Value]
		if !seen {
			byValue[ind.Value] = len(m.inds)
			m.inds = append(m.inds, ind)
			continue
		}
		m.inds[i] = combine(m.inds[i], ind)
	}
}

// combine merges two records of the same indicator, earlier one first.
func combine(a, b ioc.Indicator) ioc.Indicator {
	for _, r := range b.Raw {
		if len(a.Raw) >= maxRawForms {
			break
		}
		if !slices.Contains(a.Raw, r) {
			a.Raw = append(a.Raw, r)
		}
	}
	a.Defanged = a.Defanged || b.Defanged
	a.Count += b.Count
	if room := maxOffsets - len(a.Offsets); room > 0 {
		a.Offsets = append(a.Offsets, b.Offsets[:min(room, len(b.Offsets))]...)
	}
	if a.Display == "" {
		a.Display = b.Display
	}
	// "derived" means the domain was only ever seen inside a URL or e-mail:
	// it holds for the merge only if it held in every input.
	derived := slices.Contains(a.Tags, ioc.TagDerived) && slices.Contains(b.Tags, ioc.TagDerived)
	var tags []string
	for _, t := range slices.Concat(a.Tags, b.Tags) {
		if (t != ioc.TagDerived || derived) && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	a.Tags = tags
	return a
}

// result returns the merged indicators in order of first appearance and
// their statistics.
func (m *merger) result() ([]ioc.Indicator, ioc.Stats) {
	stats := m.stats
	stats.Indicators = len(m.inds)
	stats.ByType = map[ioc.Type]int{}
	for _, ind := range m.inds {
		stats.ByType[ind.Type]++
	}
	return m.inds, stats
}
