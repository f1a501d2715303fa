package ioc

import (
	"errors"
	"fmt"
	"strings"
)

// collector keeps every match of a single-value scan.
type collector struct {
	ms []collected
}

type collected struct {
	typ    Type
	value  string
	cs, ce int
}

func (c *collector) add(m *match) {
	c.ms = append(c.ms, collected{typ: m.typ, value: string(m.value), cs: m.cs, ce: m.ce})
}

// Normalize refangs, validates and normalizes one value given by a user
// (a search box, an enrichment request) as type t. Context rules that
// guard free text (file-extension suffixes, code-like names) do not apply:
// the user said what the value is.
func Normalize(t Type, s string) (string, error) {
	if !t.Known() {
		return "", fmt.Errorf("unknown indicator type %q", string(t))
	}
	s = strings.TrimSpace(s)
	if t == Domain {
		// A fully qualified name's root dot is not part of the value.
		s = strings.TrimSuffix(s, ".")
	}
	if s == "" {
		return "", errors.New("the value is empty")
	}
	if len(s) > maxURLLen {
		return "", fmt.Errorf("the value is longer than %d bytes", maxURLLen)
	}
	var rf refanger
	c := &collector{}
	sc := newScanner(c, &rf)
	sc.lenient = true
	clean := rf.run([]byte(s))
	sc.t = clean
	sc.scan(0, len(clean), true, false)
	whole := func(typ Type) func(start, end int, value string) {
		return func(start, end int, value string) {
			c.ms = append(c.ms, collected{typ: typ, value: value, cs: start, ce: end})
		}
	}
	scanRegistryKeys(clean, whole(RegistryKey))
	scanFilepaths(clean, whole(Filepath))
	for _, m := range c.ms {
		if m.typ == t && m.cs == 0 && m.ce == len(clean) {
			return m.value, nil
		}
	}
	return "", fmt.Errorf("the value is not a valid %s", t)
}

// Valid reports whether value is a normalized value of type t: it
// validates as t and normalizes to itself.
func Valid(t Type, value string) bool {
	n, err := Normalize(t, value)
	return err == nil && n == value
}

// Defang returns a safe-to-share form of a normalized value: hxxp, [.]
// and [@], which no mail client or chat turns into a link. The result
// extracts back to the same value.
func Defang(t Type, value string) string {
	switch t {
	case Domain, IPv4:
		return strings.ReplaceAll(value, ".", "[.]")
	case Email:
		at := strings.LastIndexByte(value, '@')
		if at < 0 {
			return value
		}
		return value[:at] + "[@]" + strings.ReplaceAll(value[at+1:], ".", "[.]")
	case URL:
		i := strings.Index(value, "://")
		if i < 0 {
			return value
		}
		scheme := value[:i]
		switch scheme {
		case "http":
			scheme = "hxxp"
		case "https":
			scheme = "hxxps"
		case "ftp":
			scheme = "fxp"
		}
		rest := value[i+3:]
		hostEnd := strings.IndexAny(rest, "/?#")
		if hostEnd < 0 {
			hostEnd = len(rest)
		}
		return scheme + "://" + strings.ReplaceAll(rest[:hostEnd], ".", "[.]") + rest[hostEnd:]
	}
	return value
}
