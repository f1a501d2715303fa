package ioc

import (
	"crypto/sha3"
	"encoding/base32"
	"slices"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		typ      Type
		value    string
		tags     []string
		internal bool
	}{
		{IPv4, "10.1.2.3", []string{TagPrivate}, true},
		{IPv4, "172.16.0.1", []string{TagPrivate}, true},
		{IPv4, "192.168.1.1", []string{TagPrivate}, true},
		{IPv4, "127.0.0.1", []string{TagLoopback}, true},
		{IPv4, "169.254.169.254", []string{TagLinkLocal}, true},
		{IPv4, "100.64.1.1", []string{TagCGNAT}, true},
		{IPv4, "192.0.2.7", []string{TagDocumentation}, true},
		{IPv4, "198.51.100.7", []string{TagDocumentation}, true},
		{IPv4, "203.0.113.7", []string{TagDocumentation}, true},
		{IPv4, "224.1.2.3", []string{TagMulticast}, true},
		{IPv4, "0.1.2.3", []string{TagReserved}, true},
		{IPv4, "240.0.0.1", []string{TagReserved}, true},
		{IPv4, "255.255.255.255", []string{TagReserved}, true},
		{IPv4, "8.8.8.8", nil, false},
		{IPv6, "::1", []string{TagLoopback}, true},
		{IPv6, "fd00::1", []string{TagPrivate}, true},
		{IPv6, "fe80::1", []string{TagLinkLocal}, true},
		{IPv6, "2001:db8::1", []string{TagDocumentation}, true},
		{IPv6, "ff05::2", []string{TagMulticast}, true},
		{IPv6, "2606:4700::1111", nil, false},
		{Domain, "printer.local", []string{TagInternalName}, true},
		{Domain, "db.corp.internal", []string{TagInternalName}, true},
		{Domain, "nas.home.arpa", []string{TagInternalName}, true},
		{Domain, "example.com", []string{TagDocumentation}, true},
		{Domain, "github.com", []string{TagKnownBenign}, false},
		{Domain, "evil.com", nil, false},
		{URL, "http://10.0.0.1/x", []string{TagPrivate}, true},
		{URL, "http://localhost:8080/", nil, true},
		{URL, "https://evil.com/a", nil, false},
		{Email, "bob@printer.local", []string{TagInternalName}, true},
		{MD5, "d41d8cd98f00b204e9800998ecf8427e", nil, false},
	}
	for _, tc := range tests {
		if got := Classify(tc.typ, tc.value); !slices.Equal(got, tc.tags) {
			t.Errorf("Classify(%s, %s) = %v, want %v", tc.typ, tc.value, got, tc.tags)
		}
		if got := Internal(tc.typ, tc.value); got != tc.internal {
			t.Errorf("Internal(%s, %s) = %v, want %v", tc.typ, tc.value, got, tc.internal)
		}
	}
}

// onionName builds a v3 onion name for a public key, checksum included.
func onionName(pub [32]byte) string {
	msg := append([]byte(".onion checksum"), pub[:]...)
	msg = append(msg, 3)
	sum := sha3.Sum256(msg)
	raw := append(pub[:], sum[0], sum[1], 3)
	return strings.ToLower(base32.StdEncoding.EncodeToString(raw)) + ".onion"
}

func TestOnion(t *testing.T) {
	var pub [32]byte
	for i := range pub {
		pub[i] = byte(i * 7)
	}
	good := onionName(pub)
	bad := good[:10] + "a" + good[11:] // one changed character breaks the checksum
	if bad == good {
		bad = good[:10] + "b" + good[11:]
	}
	inds := mustExtract(t, "mirror at http://"+good+"/x and "+strings.ToUpper(good)+" but not "+bad)
	d, ok := find(inds, Domain, good)
	if !ok || !slices.Contains(d.Tags, TagOnion) || d.Count != 2 {
		t.Errorf("onion domain: %s", summary(inds))
	}
	if _, ok := find(inds, Domain, bad); ok {
		t.Errorf("onion name with a broken checksum was accepted")
	}
}

func TestNormalizeAndValid(t *testing.T) {
	tests := []struct {
		typ  Type
		in   string
		want string // "" means an error
	}{
		{Domain, " Example[.]COM. ", "example.com"},
		{Domain, "setup.py", "setup.py"},
		{Domain, "gооgle.com", "xn--ggle-55da.com"},
		{Domain, "not a domain", ""},
		{IPv4, "1[.]2[.]3[.]4", "1.2.3.4"},
		{IPv4, "1.2.3.4.5", ""},
		{IPv6, "2001:0DB8:0000::1", "2001:db8::1"},
		{IPv6, "fe80::1%eth0", "fe80::1"},
		{URL, "hXXps://EVIL[.]com/Path?Q=1", "https://evil.com/Path?Q=1"},
		{Email, "Bob[at]Example[dot]org", "bob@example.org"},
		{MD5, "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"},
		{SHA1, "D41D8CD98F00B204E9800998ECF8427E", ""},
		{CVE, "cve-2021-44228", "CVE-2021-44228"},
		{Filename, "invoice.pdf.exe", "invoice.pdf.exe"},
		{Type("nope"), "x", ""},
		{Domain, "", ""},
	}
	for _, tc := range tests {
		got, err := Normalize(tc.typ, tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("Normalize(%s, %q) = %q, want an error", tc.typ, tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Normalize(%s, %q) = %q, %v; want %q", tc.typ, tc.in, got, err, tc.want)
		}
		if !Valid(tc.typ, tc.want) {
			t.Errorf("Valid(%s, %q) = false", tc.typ, tc.want)
		}
	}
	if Valid(Domain, "Example.com") {
		t.Error("a value that is not normalized is valid")
	}
}

func TestDefangRoundTrip(t *testing.T) {
	tests := []struct {
		typ   Type
		value string
		want  string
	}{
		{URL, "https://evil.com/a.b?c=d", "hxxps://evil[.]com/a.b?c=d"},
		{URL, "ftp://1.2.3.4/x", "fxp://1[.]2[.]3[.]4/x"},
		{Domain, "evil.co.uk", "evil[.]co[.]uk"},
		{IPv4, "1.2.3.4", "1[.]2[.]3[.]4"},
		{Email, "a.b@evil.com", "a.b[@]evil[.]com"},
		{MD5, "d41d8cd98f00b204e9800998ecf8427e", "d41d8cd98f00b204e9800998ecf8427e"},
	}
	for _, tc := range tests {
		got := Defang(tc.typ, tc.value)
		if got != tc.want {
			t.Errorf("Defang(%s, %s) = %s, want %s", tc.typ, tc.value, got, tc.want)
		}
		if back, err := Normalize(tc.typ, got); err != nil || back != tc.value {
			t.Errorf("Normalize(Defang(%s)) = %q, %v", tc.value, back, err)
		}
	}
}
