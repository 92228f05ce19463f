package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"strconv"

	"github.com/casescreen/casescreen/web"
)

// openBrowser opens the page's address; tests replace it.
var openBrowser = web.OpenBrowser

func serveCommand() *command {
	return &command{name: "serve", args: "[--addr 127.0.0.1:PORT] [--open] [--allow-remote]",
		summary: "the local web page: screen lists and look up titles in a browser",
		detail: "The page listens on 127.0.0.1 on a free port unless --addr says otherwise, and answers only\n" +
			"the address it prints (it carries a secret for this session). Uploads stay in a private temporary\n" +
			"folder, removed after download and when serve stops (Ctrl+C).",
		setup: func(fs *flag.FlagSet) runFunc {
			addr := fs.String("addr", "", "`HOST:PORT` to listen on (default 127.0.0.1 and a free port)")
			open := fs.Bool("open", false, "open the page in the browser")
			remote := fs.Bool("allow-remote", false, "allow an --addr other computers can reach (they still need the printed address)")
			logFormat := fs.String("log-format", "", "`FORMAT` console or json (default: console on a terminal, json otherwise)")
			workers := fs.Int("workers", 0, "`N` concurrent workers per run (default: number of CPUs)")
			return func(ctx context.Context, pos []string, e *env) (int, error) {
				if len(pos) > 0 {
					return 0, usageErr("serve takes no arguments (got %q)", pos[0])
				}
				return serve(ctx, e, *addr, *open, *remote, *logFormat, *workers)
			}
		}}
}

func serve(ctx context.Context, e *env, addr string, open, remote bool, logFormat string, workers int) (int, error) {
	log, err := newLogger(logFormat, false, e.stderr, isTerminal(e.stderr))
	if err != nil {
		return 0, err
	}
	ln, err := web.Listen(addr, remote)
	var re *web.RemoteError
	if errors.As(err, &re) {
		return 0, usageErr("%v", err)
	}
	if err != nil {
		return 0, fmt.Errorf("serve: %w", err)
	}
	srv, err := web.New(web.Options{Version: version, Log: &log, Workers: workers})
	if err != nil {
		ln.Close()
		return 0, err
	}
	defer srv.Close()
	// An address on every interface is reached from this computer on
	// loopback (Windows cannot connect to 0.0.0.0).
	host := ln.Addr().String()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	url := fmt.Sprintf("http://%s/?token=%s", host, srv.Token())
	fmt.Fprintf(e.stdout, "casescreen is serving the page at\n\n    %s\n\nOpen that address in a browser on this computer. Press Ctrl+C (or close this window) to stop;\nuploads and results are removed when it stops.\n", url)
	log.Info().Str("addr", ln.Addr().String()).Msg("serving")
	if open {
		if err := openBrowser(url); err != nil {
			log.Warn().Msg("could not open a browser: open the address above by hand")
		}
	}
	if err := srv.Serve(ctx, ln); err != nil {
		return 0, fmt.Errorf("serve: %w", err)
	}
	log.Info().Msg("stopped; the temporary folder is removed")
	return exitOK, nil
}
