package ioc

import (
	"reflect"
	"slices"
	"testing"
)

// TestEndInput feeds several inputs through one Extractor: each decodes
// from its own start, nothing is stitched across the end of one and the
// start of the next, and offsets count as if the decoded inputs were
// concatenated.
func TestEndInput(t *testing.T) {
	first := "mail from user@evil.com via 10.1.2.3\n"
	// bad.example.org is only derived in the second input and plain in
	// the third, so it is not derived overall.
	second := "again 10.1.2.3 and hxxp://bad[.]example.org/p"
	// A word cut by the end of an input must not join the next one.
	cut := "bad.example.org 1.2.3"

	e := NewExtractor(Options{})
	for _, in := range [][]byte{[]byte(first), encodeUTF16(second, false), []byte(cut), []byte(".4 x")} {
		if _, err := e.Write(in); err != nil {
			t.Fatal(err)
		}
		e.EndInput()
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}

	got := map[string]Indicator{}
	for _, ind := range e.Indicators() {
		got[string(ind.Type)+":"+ind.Value] = ind
	}
	ip, ok := got["ipv4:10.1.2.3"]
	if !ok {
		t.Fatalf("10.1.2.3 not found; got %s", summary(e.Indicators()))
	}
	secondStart := int64(len(first))
	wantOffsets := []int64{int64(len(first) - len("10.1.2.3\n")), secondStart + int64(len("again "))}
	if ip.Count != 2 || !reflect.DeepEqual(ip.Offsets, wantOffsets) {
		t.Errorf("10.1.2.3: count %d offsets %v, want 2 and %v", ip.Count, ip.Offsets, wantOffsets)
	}
	if _, ok := got["url:http://bad.example.org/p"]; !ok {
		t.Errorf("the UTF-16 input's URL was not found; got %s", summary(e.Indicators()))
	}
	if d := got["domain:bad.example.org"]; d.Count != 2 || slices.Contains(d.Tags, TagDerived) {
		t.Errorf("bad.example.org: count %d tags %q, want 2 and not derived", d.Count, d.Tags)
	}
	if _, ok := got["ipv4:1.2.3.4"]; ok {
		t.Error("an address was stitched across two inputs")
	}
	if e.Stats().Bytes != int64(len(first)+len(encodeUTF16(second, false))+len(cut)+len(".4 x")) {
		t.Errorf("Stats.Bytes = %d, want the raw bytes of every input", e.Stats().Bytes)
	}
}
