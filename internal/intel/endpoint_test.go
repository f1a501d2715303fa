package intel

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestNewEndpoint(t *testing.T) {
	own := &http.Client{}
	tests := []struct {
		name    string
		baseURL string
		client  *http.Client
		wantURL string
	}{
		{"defaults", "", nil, "https://api.example.test/v1"},
		{"own base URL, trailing slashes dropped", "http://127.0.0.1:8080/api//", own, "http://127.0.0.1:8080/api"},
		{"own base URL, default client", "http://127.0.0.1:8080", nil, "http://127.0.0.1:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEndpoint(NewSecret(fakeKey), tt.baseURL, "https://api.example.test/v1/", tt.client)
			if e.BaseURL != tt.wantURL {
				t.Errorf("BaseURL = %q, want %q", e.BaseURL, tt.wantURL)
			}
			if tt.client != nil && e.Client != tt.client {
				t.Error("the given client was replaced")
			}
			if e.Client == nil || e.Now == nil {
				t.Errorf("Client %v, Now set %v: want both set", e.Client, e.Now != nil)
			}
			if e.Key.Reveal() != fakeKey {
				t.Errorf("Key.Reveal() = %q, want the key", e.Key.Reveal())
			}
			for _, verb := range []string{"%v", "%+v", "%#v"} {
				if got := fmt.Sprintf(verb, e); strings.Contains(got, fakeKey) {
					t.Errorf("%s printed the key: %s", verb, got)
				}
			}
		})
	}
}

func TestEndpointGet(t *testing.T) {
	tests := []struct {
		name      string
		keyHeader string
		wantKey   string
	}{
		{"key in its header", "x-apikey", fakeKey},
		{"no header, no key sent", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotPath, gotKey string
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				gotPath, gotKey = r.URL.EscapedPath(), r.Header.Get("x-apikey")
				_, _ = w.Write([]byte(`{}`))
			})
			e := NewEndpoint(NewSecret(fakeKey), srv.URL+"/api/", "", nil)
			resp, err := e.Get(context.Background(), "/items/a%2Fb", tt.keyHeader)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if resp.Status != http.StatusOK || string(resp.Body) != `{}` {
				t.Errorf("answer %d %q, want 200 {}", resp.Status, resp.Body)
			}
			if gotPath != "/api/items/a%2Fb" {
				t.Errorf("path %q, want /api/items/a%%2Fb", gotPath)
			}
			if gotKey != tt.wantKey {
				t.Errorf("x-apikey %q, want %q", gotKey, tt.wantKey)
			}
		})
	}
}

func TestEndpointGetBadBaseURL(t *testing.T) {
	e := NewEndpoint(Secret{}, "http://[::1", "", nil)
	_, err := e.Get(context.Background(), "/x", "")
	wantKind(t, err, ErrBadRequest)
}
