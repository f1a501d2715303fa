package main

import (
	"reflect"
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

func TestMerger(t *testing.T) {
	first := []ioc.Indicator{
		{Type: ioc.Domain, Value: "evil.com", Raw: []string{"evil[.]com"}, Defanged: true, Count: 2, Offsets: []int64{3, 40}, Tags: []string{ioc.TagDerived}},
		{Type: ioc.IPv4, Value: "10.0.0.1", Raw: []string{"10.0.0.1"}, Count: 1, Offsets: []int64{7}, Tags: []string{ioc.TagPrivate}},
	}
	second := []ioc.Indicator{
		{Type: ioc.URL, Value: "http://evil.com/", Raw: []string{"http://evil.com/"}, Count: 1, Offsets: []int64{0}, Tags: []string{}},
		{Type: ioc.Domain, Value: "evil.com", Raw: []string{"evil[.]com", "EVIL.com"}, Count: 1, Offsets: []int64{5}, Tags: []string{}},
		// The same value under another type is another indicator.
		{Type: ioc.Filename, Value: "10.0.0.1", Raw: []string{"10.0.0.1"}, Count: 1, Offsets: []int64{9}},
		{Type: ioc.IPv4, Value: "10.0.0.1", Raw: []string{"10.0.0.1"}, Count: 4, Offsets: []int64{20}, Tags: []string{ioc.TagPrivate}},
	}
	m := newMerger()
	m.add(first, ioc.Stats{Bytes: 100, Indicators: 2, Occurrences: 3}, 0)
	m.add(second, ioc.Stats{Bytes: 50, Indicators: 4, Occurrences: 7}, 100)
	inds, stats := m.result()

	want := []ioc.Indicator{
		// Seen plain in the second input, so no longer only derived.
		{Type: ioc.Domain, Value: "evil.com", Raw: []string{"evil[.]com", "EVIL.com"}, Defanged: true, Count: 3, Offsets: []int64{3, 40, 105}, Tags: nil},
		{Type: ioc.IPv4, Value: "10.0.0.1", Raw: []string{"10.0.0.1"}, Count: 5, Offsets: []int64{7, 120}, Tags: []string{ioc.TagPrivate}},
		{Type: ioc.URL, Value: "http://evil.com/", Raw: []string{"http://evil.com/"}, Count: 1, Offsets: []int64{100}, Tags: []string{}},
		{Type: ioc.Filename, Value: "10.0.0.1", Raw: []string{"10.0.0.1"}, Count: 1, Offsets: []int64{109}},
	}
	if !reflect.DeepEqual(inds, want) {
		t.Errorf("merged:\n%+v\nwant:\n%+v", inds, want)
	}
	wantStats := ioc.Stats{Bytes: 150, Indicators: 4, Occurrences: 10, ByType: map[ioc.Type]int{ioc.Domain: 1, ioc.IPv4: 1, ioc.URL: 1, ioc.Filename: 1}}
	if !reflect.DeepEqual(stats, wantStats) {
		t.Errorf("stats %+v, want %+v", stats, wantStats)
	}
}

func TestCombineKeepsDerivedOnlyWhenAlwaysDerived(t *testing.T) {
	a := ioc.Indicator{Type: ioc.Domain, Value: "x.com", Count: 1, Tags: []string{ioc.TagDerived, ioc.TagKnownBenign}}
	b := ioc.Indicator{Type: ioc.Domain, Value: "x.com", Count: 1, Tags: []string{ioc.TagDerived, ioc.TagKnownBenign}}
	got := combine(a, b)
	if want := []string{ioc.TagDerived, ioc.TagKnownBenign}; !reflect.DeepEqual(got.Tags, want) {
		t.Errorf("tags %q, want %q", got.Tags, want)
	}
}

func TestCombineCapsOffsets(t *testing.T) {
	a := ioc.Indicator{Count: maxOffsets - 1, Offsets: make([]int64, maxOffsets-1)}
	b := ioc.Indicator{Count: 5, Offsets: []int64{1, 2, 3, 4, 5}}
	got := combine(a, b)
	if len(got.Offsets) != maxOffsets || got.Offsets[maxOffsets-1] != 1 {
		t.Errorf("offsets %v, want %d ending in 1", got.Offsets, maxOffsets)
	}
	if got.Count != maxOffsets+4 {
		t.Errorf("count %d, want %d: the count stays exact", got.Count, maxOffsets+4)
	}
}
