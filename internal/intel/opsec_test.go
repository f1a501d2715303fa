package intel

import (
	"testing"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
)

func TestIsInternal(t *testing.T) {
	tests := []struct {
		typ   ioc.Type
		value string
		want  bool
	}{
		{ioc.IPv4, "8.8.8.8", false},
		{ioc.IPv4, "1.1.1.1", false},
		{ioc.IPv4, "10.0.0.1", true},
		{ioc.IPv4, "172.16.5.4", true},
		{ioc.IPv4, "172.32.0.1", false},
		{ioc.IPv4, "192.168.0.1", true},
		{ioc.IPv4, "127.0.0.1", true},
		{ioc.IPv4, "169.254.169.254", true},
		{ioc.IPv4, "100.64.0.1", true},
		{ioc.IPv4, "100.128.0.1", false},
		{ioc.IPv4, "192.0.2.10", true},
		{ioc.IPv4, "198.51.100.7", true},
		{ioc.IPv4, "203.0.113.200", true},
		{ioc.IPv4, "198.18.0.1", true},
		{ioc.IPv4, "224.0.0.251", true},
		{ioc.IPv4, "240.0.0.1", true},
		{ioc.IPv4, "255.255.255.255", true},
		{ioc.IPv4, "0.0.0.0", true},
		{ioc.IPv4, "not an address", true},
		{ioc.IPv6, "2001:4860:4860::8888", false},
		{ioc.IPv6, "::1", true},
		{ioc.IPv6, "::", true},
		{ioc.IPv6, "fe80::1", true},
		{ioc.IPv6, "fe80::1%eth0", true},
		{ioc.IPv6, "fd12:3456::1", true},
		{ioc.IPv6, "2001:db8::1", true},
		{ioc.IPv6, "3fff::1", true},
		{ioc.IPv6, "ff02::1", true},
		{ioc.IPv6, "::ffff:10.0.0.1", true},
		{ioc.IPv6, "::ffff:8.8.8.8", false},
		{ioc.IPv6, "2002:c0a8:0101::1", true}, // 6to4 of 192.168.1.1
		{ioc.IPv6, "2002:0808:0808::1", false},
		{ioc.Domain, "evil.com", false},
		{ioc.Domain, "EVIL.COM.", false},
		{ioc.Domain, "printer.local", true},
		{ioc.Domain, "db.corp.internal", true},
		{ioc.Domain, "nas.lan", true},
		{ioc.Domain, "app.localhost", true},
		{ioc.Domain, "router.home.arpa", true},
		{ioc.Domain, "intranet", true},
		{ioc.Domain, "locallan.com", false},
		{ioc.URL, "https://evil.com/x?y=1", false},
		{ioc.URL, "http://10.1.1.1:8080/admin", true},
		{ioc.URL, "http://[fe80::1]/", true},
		{ioc.URL, "http://[2001:4860:4860::8888]/", false},
		{ioc.URL, "https://wiki.corp.local/page", true},
		{ioc.URL, "http://user@192.168.0.1/", true},
		{ioc.URL, "http://3232235777/", true}, // 192.168.1.1 as one number
		{ioc.URL, "http://10.1/", true},
		{ioc.URL, "file:///etc/passwd", true},
		{ioc.URL, "http://%zz", true},
		{ioc.Email, "alice@evil.com", false},
		{ioc.Email, "bob@mail.internal", true},
		{ioc.Email, "root@[127.0.0.1]", true},
		{ioc.Email, "no-at-sign", true},
		{ioc.SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", false},
		{ioc.CVE, "CVE-2024-3094", false},
	}
	for _, tt := range tests {
		if got := isInternal(tt.typ, tt.value); got != tt.want {
			t.Errorf("isInternal(%s, %q) = %v, want %v", tt.typ, tt.value, got, tt.want)
		}
	}
}

// TestPrivateNeverReachesLookup runs internal values of every kind through
// Enrich and checks that the provider never saw one.
func TestPrivateNeverReachesLookup(t *testing.T) {
	p := &fakeProvider{name: "fake"}
	iocs := []Query{
		{Type: ioc.IPv4, Value: "192.168.10.10"},
		{Type: ioc.IPv6, Value: "fd00::5"},
		{Type: ioc.Domain, Value: "fileserver.local"},
		{Type: ioc.URL, Value: "https://10.10.10.10/login"},
		{Type: ioc.Email, Value: "admin@corp.internal"},
		{Type: ioc.IPv4, Value: "9.9.9.9"},
	}
	o := NewOrchestrator(fakeConfig(4, nil, "fake"), []Provider{p}, Options{})
	var rec recorder
	o.Enrich(t.Context(), Request{IOCs: iocs}, rec.emit)
	if got := p.queries(); len(got) != 1 || got[0].Value != "9.9.9.9" {
		t.Errorf("provider was asked %v, want only 9.9.9.9", got)
	}
	for _, r := range rec.results() {
		if r.IOC.Value != "9.9.9.9" && (r.Verdict != Skipped || r.Reason != "private address") {
			t.Errorf("%s: %s %q, want skipped: private address", r.IOC.Key(), r.Verdict, r.Reason)
		}
	}
}
