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
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, processEnv())
	stop()
	os.Exit(code)
}
