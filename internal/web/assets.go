package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file.
type asset struct {
	body        []byte
	contentType string
}

// assets maps the embedded static files to addresses that carry a hash of
// their content, so a browser may cache them forever and still never run a
// stale script after an upgrade.
type assets struct {
	urls   map[string]string // "app.js" → "/static/app.3f2a….js"
	byPath map[string]asset  // "app.3f2a….js" → the file
}

// loadAssets reads and hashes every embedded static file.
func loadAssets() (*assets, error) {
	a := &assets{urls: map[string]string{}, byPath: map[string]asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return fmt.Errorf("reading %s: %w", p, err)
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a.urls[name] = "/static/" + hashed
		a.byPath[hashed] = asset{body: body, contentType: ctype}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading static files: %w", err)
	}
	return a, nil
}

// url returns the hashed address of a static file; an unknown name is a
// programming error caught when the templates are first rendered in tests.
func (a *assets) url(name string) (string, error) {
	u, ok := a.urls[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// serve answers GET /static/{file}.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := a.byPath[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if _, err := w.Write(f.body); err != nil {
		return // the client went away; nothing left to tell it
	}
}
