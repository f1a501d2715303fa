// Command oneshot-ioc finds indicators of compromise in pasted text, and on
// request looks them up at threat-intelligence providers.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal asks for a graceful stop; restoring the default
		// handling lets a second one end a read blocked on a terminal.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, processEnv())
	stop()
	os.Exit(code)
}
