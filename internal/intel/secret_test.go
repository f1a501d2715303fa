package intel

import (
	"fmt"
	"strings"
	"testing"
)

// TestSecretInUnexportedField prints a Secret kept where fmt cannot call its
// methods: in an unexported field of another type.
func TestSecretInUnexportedField(t *testing.T) {
	type holder struct{ key Secret }
	h := holder{key: NewSecret(fakeKey)}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, h); strings.Contains(got, fakeKey) {
			t.Errorf("%s printed the key: %s", verb, got)
		}
		if got := fmt.Sprintf(verb, &h); strings.Contains(got, fakeKey) {
			t.Errorf("%s of a pointer printed the key: %s", verb, got)
		}
	}
	if h.key.Reveal() != fakeKey {
		t.Errorf("Reveal() = %q, want the key", h.key.Reveal())
	}
	if !NewSecret("").Empty() || NewSecret("").Reveal() != "" {
		t.Error("an empty key is not Empty")
	}
}
