package intel

import (
	"errors"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"os"
	"strings"
)

// Config is the enrichment configuration, read from the environment and an
// optional .env file. Printing, logging or marshalling it never shows a key.
type Config struct {
	// Offline forbids every outbound connection; the command line sets it.
	Offline bool
	// Providers holds one entry per known provider, by name.
	Providers map[string]ProviderConfig
}

// ProviderConfig is the configuration of one provider.
type ProviderConfig struct {
	Name    string // "virustotal"
	Key     Secret // empty for keyless providers or when unset
	BaseURL string // "" = the provider's default
	Rates   []Rate // from *_RATE_LIMIT or the free-tier default
	// Concurrency bounds the lookups in flight at once; 0 = the provider's
	// default from KnownProviders.
	Concurrency int
}

// maxKeyFileSize bounds what a *_FILE variable may make us read: an API key
// is a few dozen bytes, so anything larger is a wrong path.
const maxKeyFileSize = 4 << 10

// LoadConfig reads the configuration of every known provider. Variables come
// from getenv first and from the .env file at dotenvPath second; a missing
// file, or an empty path, is no error. For a provider with prefix VT it reads
// VT_API_KEY (or VT_API_KEY_FILE, a file holding the key), VT_BASE_URL (https,
// or http to a loopback address) and VT_RATE_LIMIT ("4/m,500/d").
// Errors are one sentence and never contain a key.
func LoadConfig(getenv func(string) string, dotenvPath string) (Config, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	dotenv, err := readDotenvFile(dotenvPath)
	if err != nil {
		return Config{}, err
	}
	lookup := func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return dotenv[name]
	}
	cfg := Config{Providers: make(map[string]ProviderConfig, len(knownProviders))}
	for _, info := range knownProviders {
		pc, err := loadProviderConfig(info, lookup)
		if err != nil {
			return Config{}, err
		}
		cfg.Providers[info.Name] = pc
	}
	return cfg, nil
}

// loadProviderConfig reads the variables of one provider.
func loadProviderConfig(info ProviderInfo, lookup func(string) string) (ProviderConfig, error) {
	pc := ProviderConfig{Name: info.Name, Rates: append([]Rate(nil), info.DefaultRates...)}
	if info.KeyEnv != "" {
		key, err := readKey(info.KeyEnv, lookup)
		if err != nil {
			return ProviderConfig{}, err
		}
		pc.Key = key
	}
	if raw := lookup(info.EnvPrefix + "_BASE_URL"); raw != "" {
		base, err := checkBaseURL(raw)
		if err != nil {
			return ProviderConfig{}, fmt.Errorf("%s_BASE_URL: %w", info.EnvPrefix, err)
		}
		pc.BaseURL = base
	}
	if raw := lookup(info.EnvPrefix + "_RATE_LIMIT"); raw != "" {
		rates, err := ParseRates(raw)
		if err != nil {
			return ProviderConfig{}, fmt.Errorf("%s_RATE_LIMIT: %w", info.EnvPrefix, err)
		}
		pc.Rates = rates
	}
	return pc, nil
}

// readKey reads the key from the variable env or from the file named by
// env_FILE. Its errors never quote the key or the file's content.
func readKey(env string, lookup func(string) string) (Secret, error) {
	direct, path := lookup(env), lookup(env+"_FILE")
	if direct != "" && path != "" {
		return Secret{}, fmt.Errorf("both %s and %s_FILE are set; keep only one", env, env)
	}
	key := strings.TrimSpace(direct)
	source := env
	if path != "" {
		var err error
		key, err = readKeyFile(path)
		if err != nil {
			return Secret{}, fmt.Errorf("%s_FILE: %w", env, err)
		}
		source = env + "_FILE"
	}
	if key == "" {
		return Secret{}, nil
	}
	for _, c := range key {
		// A key goes into an HTTP header, so anything but visible ASCII is
		// a copy-and-paste accident or the wrong file.
		if c <= ' ' || c > '~' {
			return Secret{}, fmt.Errorf("%s holds a character no API key has (a space, a line break or a non-ASCII letter)", source)
		}
	}
	return NewSecret(key), nil
}

// readKeyFile returns the trimmed content of a small key file.
func readKeyFile(path string) (string, error) {
	f, err := os.Open(path) // #nosec G304 -- the path is the operator's own configuration
	if err != nil {
		return "", fmt.Errorf("cannot read the key file: %w", pathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return "", fmt.Errorf("cannot read the key file: %w", pathError(err))
	}
	if len(data) > maxKeyFileSize {
		return "", fmt.Errorf("the key file is larger than %d bytes, so it is not a key file", maxKeyFileSize)
	}
	return strings.TrimSpace(string(data)), nil
}

// pathError drops the operation from an *os.PathError so the sentence reads
// "open /run/secrets/vt: no such file or directory" without repetition.
func pathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// checkBaseURL accepts https URLs, and http only to a loopback address so
// that a test server is allowed but a key never travels in clear text. It
// returns the URL without a trailing slash.
func checkBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", errors.New("not a valid URL")
	}
	if u.User != nil {
		return "", errors.New("must not contain a user name or password")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", errors.New("must not contain a query or a fragment")
	}
	if u.Host == "" {
		return "", errors.New("needs a host, as in https://api.example.com")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		addr, err := netip.ParseAddr(u.Hostname())
		if err != nil || !addr.Unmap().IsLoopback() {
			return "", errors.New("must use https, or http to a loopback address such as 127.0.0.1")
		}
	default:
		return "", errors.New("must use https, or http to a loopback address such as 127.0.0.1")
	}
	return strings.TrimRight(u.String(), "/"), nil
}
