package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; when
// empty, the module version the go command stamped into the binary is used.
var version string

var versionCommand = command{
	name:    "version",
	summary: "print the version and the Go toolchain it was built with",
	run:     runVersion,
}

func runVersion(_ context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("version", "")
	files, code, ok := parse(fs, args)
	if !ok {
		return code
	}
	if len(files) > 0 {
		c.errorf("version takes no arguments")
		return exitUsage
	}
	fmt.Fprintf(c.stdout, "%s %s %s %s/%s\n", program, buildVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// buildVersion is the program's version: the -ldflags one, else the module's
// ("(devel)" for a build from a source tree without a version tag).
func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
