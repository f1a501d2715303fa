package intel

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// Endpoint is what every provider client holds to reach its API: the key,
// where the API lives, the client that carries the requests and the clock
// that dates a quota's reset. Printing one never shows the key, since
// Secret redacts itself even inside an unexported field.
type Endpoint struct {
	Key     Secret
	BaseURL string // without a trailing slash
	Client  *http.Client
	Now     func() time.Time
}

// NewEndpoint returns the Endpoint a provider's constructor needs. An empty
// baseURL means defaultBaseURL, and a nil client means NewHTTPClient(); a
// trailing slash is dropped so paths can be appended as they are.
func NewEndpoint(key Secret, baseURL, defaultBaseURL string, client *http.Client) Endpoint {
	if baseURL == "" {
		baseURL = defaultBaseURL
	}
	if client == nil {
		client = NewHTTPClient()
	}
	return Endpoint{Key: key, BaseURL: strings.TrimRight(baseURL, "/"), Client: client, Now: time.Now}
}

// Get asks for path under BaseURL, with the key in keyHeader ("" sends no
// key), and reads the answer within DefaultMaxBody.
func (e Endpoint) Get(ctx context.Context, path, keyHeader string) (*Response, error) {
	req, err := NewRequest(ctx, e.BaseURL+path, keyHeader, e.Key)
	if err != nil {
		return nil, err
	}
	return Fetch(ctx, e.Client, req, DefaultMaxBody)
}
