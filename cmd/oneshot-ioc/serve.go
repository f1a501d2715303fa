package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/oneshot-ioc/oneshot-ioc/internal/ioc"
	"github.com/oneshot-ioc/oneshot-ioc/internal/web"
)

var serveCommand = command{
	name:    "serve",
	summary: "serve the paste-and-extract page on this machine",
	run:     runServe,
}

func runServe(ctx context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("serve", "[--addr 127.0.0.1:8080] [--offline] [--max-body 10MiB] [--allow-remote]")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; another than loopback needs --allow-remote")
	offline := fs.Bool("offline", false, "make no outbound connection at all: enrichment is off")
	maxBody := fs.String("max-body", "10MiB", "largest request body accepted, such as 10MiB, 512KiB or 1048576")
	allowRemote := fs.Bool("allow-remote", false, "allow a non-loopback --addr; every request must then carry the access token printed at start-up")
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(files) > 0 {
		c.errorf("serve takes no file arguments; paste text into the page")
		return exitUsage
	}
	limit, err := parseSize(*maxBody)
	if err != nil {
		c.errorf("--max-body: %v", err)
		return exitUsage
	}
	enricher, err := c.newEnricher(*offline)
	if err != nil {
		c.errorf("%v", err)
		return exitError
	}
	srv, err := web.New(web.Config{
		Addr:        *addr,
		Offline:     *offline,
		MaxBody:     limit,
		AllowRemote: *allowRemote,
		Extract:     extractText,
		Enricher:    enricher,
		Logger:      slog.New(slog.NewTextHandler(c.stderr, nil)),
	})
	if err != nil {
		// web.New checks only what the flags gave it: the address and the
		// remote-access rule.
		c.errorf("%v", err)
		return exitUsage
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", *addr)
	if err != nil {
		c.errorf("cannot listen on %s: %v", *addr, err)
		return exitError
	}
	// Serve closes ln when it returns.
	fmt.Fprintln(c.stdout, srv.StartupLine(ln.Addr().String()))
	if err := srv.Serve(ctx, ln); err != nil {
		c.errorf("%v", err)
		return exitError
	}
	return exitOK
}

// extractText is the page's extraction: every type, default options.
func extractText(text []byte) ([]ioc.Indicator, ioc.Stats) {
	return ioc.Extract(text, ioc.Options{})
}
