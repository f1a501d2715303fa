package intel

import "log/slog"

// Secret holds an API key. It redacts itself wherever it is printed,
// marshalled or logged; only Reveal gives the key, for the one request header
// that needs it.
type Secret struct{ key string }

// NewSecret wraps key.
func NewSecret(key string) Secret { return Secret{key: key} }

const redacted = "[redacted]"

// Reveal returns the key itself.
func (s Secret) Reveal() string { return s.key }

// Empty reports whether no key is set.
func (s Secret) Empty() bool { return s.key == "" }

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
