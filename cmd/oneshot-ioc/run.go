package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// The exit codes.
const (
	exitOK    = 0 // success, also when nothing was found
	exitError = 1 // the work failed: an unreadable file, a failed write
	exitUsage = 2 // the command line was wrong
)

const program = "oneshot-ioc"

// environment is what the program reads from its surroundings besides its
// arguments and standard streams, so tests can set it without touching the
// process.
type environment struct {
	getenv func(string) string // os.Getenv in the program
	dotenv string              // path of an optional .env file
}

// processEnv is the environment of the running process.
func processEnv() environment {
	return environment{getenv: os.Getenv, dotenv: ".env"}
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, c *cli, args []string) int
}

// cli carries the standard streams and the environment to a subcommand.
type cli struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	env    environment
}

// run is the whole program: it dispatches args to a subcommand and returns
// the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env environment) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, env: env}
	if len(args) == 0 {
		c.usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		c.usage(stdout)
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.run(ctx, c, args[1:])
		}
	}
	c.errorf("unknown command %q; run %q for the list", args[0], program+" help")
	return exitUsage
}

// usage prints the list of subcommands.
func (c *cli) usage(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s <command> [flags] [FILE|-]...\n\nCommands:\n", program)
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "\nRun %q for a command's flags.\n", program+" <command> -h")
}

// errorf prints one sentence on stderr, prefixed with the program's name.
func (c *cli) errorf(format string, args ...any) {
	fmt.Fprintf(c.stderr, program+": "+format+"\n", args...)
}

// newFlagSet returns a flag set for a subcommand that reports errors instead
// of exiting, and prints its usage on stderr.
func (c *cli) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(program+" "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s %s %s\n\nFlags:\n", program, name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args into fs, allowing flags after file names
// ("extract report.txt --format csv"); "--" ends the flags. It returns the
// file names. When ok is false the caller returns code: 0 after -h, 2 after a
// bad flag (the flag package has printed the reason and the usage).
func parse(fs *flag.FlagSet, args []string) (files []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(files, rest...), exitOK, true
		}
		if len(rest) == 0 {
			return files, exitOK, true
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// commands lists the subcommands in the order the usage shows them.
func commands() []command {
	return []command{extractCommand, enrichCommand, serveCommand, versionCommand}
}
