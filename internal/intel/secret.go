package intel

import "log/slog"

// Secret holds an API key. It redacts itself wherever it is printed,
// marshalled or logged; only Reveal gives the key, for the one request header
// that needs it.
//
// The key is held by a closure: fmt cannot call String on a Secret kept in
// another type's unexported field and prints such a field's contents
// instead, but of a func it prints only the address.
type Secret struct{ key func() string }

// NewSecret wraps key.
func NewSecret(key string) Secret {
	if key == "" {
		return Secret{}
	}
	return Secret{key: func() string { return key }}
}

const redacted = "[redacted]"

// Reveal returns the key itself.
func (s Secret) Reveal() string {
	if s.key == nil {
		return ""
	}
	return s.key()
}

// Empty reports whether no key is set.
func (s Secret) Empty() bool { return s.key == nil }

// String implements fmt.Stringer.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer, for %#v.
func (s Secret) GoString() string { return redacted }

// MarshalJSON implements json.Marshaler.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText implements encoding.TextMarshaler.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }
