package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects a command's stderr while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs "casescreen serve args..." through run, as the binary
// does, and returns the address it printed, its stderr, and a stop that
// ends it like Ctrl+C and returns its exit code.
func startServe(t *testing.T, stdin io.Reader, args ...string) (url string, stderr *lockedBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		code := run(ctx, args, stdin, pw, stderr)
		pw.Close()
		done <- code
	}()
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "http://") {
			url = line
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" {
		cancel()
		t.Fatalf("serve printed no address; exit %d; stderr:\n%s", <-done, stderr)
	}
	var once sync.Once
	code := -1
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(20 * time.Second):
				t.Error("serve did not stop within 20s of its context ending")
			}
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return url, stderr, stop
}

func TestServeRefusesRemoteAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		code, out, errOut := runArgs(t, "serve", "--addr", addr)
		if code != exitUsage || !strings.Contains(errOut, "--allow-remote") || out != "" {
			t.Errorf("serve --addr %s: exit %d, stdout %q, stderr %q; want exit 2 naming --allow-remote", addr, code, out, errOut)
		}
	}
	if code, _, errOut := runArgs(t, "serve", "extra"); code != exitUsage {
		t.Errorf("serve extra: exit %d: %s", code, errOut)
	}
	code, out, _ := runArgs(t, "serve", "-h")
	if code != exitOK || !strings.Contains(out, "--allow-remote") || !strings.Contains(out, "--open") {
		t.Errorf("serve -h: exit %d:\n%s", code, out)
	}
}

// TestServeAllowRemote: with --allow-remote the page listens on every
// interface and still wants the token.
func TestServeAllowRemote(t *testing.T) {
	url, _, stop := startServe(t, strings.NewReader(""), "serve", "--addr", "0.0.0.0:0", "--allow-remote", "--log-format", "json")
	if got := statusOf(t, http.DefaultClient, url[:strings.Index(url, "?")]); got != http.StatusForbidden {
		t.Errorf("without the token: %d", got)
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit %d", code)
	}
}

// statusOf is the status of a GET.
func statusOf(t *testing.T, c *http.Client, url string) int {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestDesktopStartServesAndOpens: no arguments with stdin not a terminal
// (a double-click) runs "serve --open": the page is served and the
// browser is asked to open the printed address.
func TestDesktopStartServesAndOpens(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var mu sync.Mutex
	var opened []string
	old := openBrowser
	openBrowser = func(u string) error {
		mu.Lock()
		defer mu.Unlock()
		opened = append(opened, u)
		return nil
	}
	defer func() { openBrowser = old }()
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	url, _, stop := startServe(t, null)
	jar, _ := cookiejar.New(nil)
	if got := statusOf(t, &http.Client{Jar: jar}, url); got != http.StatusOK {
		t.Errorf("the printed address: %d", got)
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit %d", code)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(opened) != 1 || opened[0] != url {
		t.Errorf("opened %q, want the printed %s", opened, url)
	}
	// From a terminal-less reader that is not a file (a test, a pipe in
	// code), no arguments stay a usage error.
	if code, _, _ := runArgs(t); code != exitUsage {
		t.Errorf("no arguments from a reader: exit %d, want 2", code)
	}
}

func TestMemoryLimitIsForRunOnly(t *testing.T) {
	for _, c := range []struct {
		args []string
		page bool
	}{{nil, true}, {[]string{"serve"}, true}, {[]string{"serve", "--open"}, true},
		{[]string{"run", "x.csv", "-o", "y.csv"}, false}, {[]string{"noc", "match", "serve"}, false}} {
		if got := servesPage(c.args); got != c.page {
			t.Errorf("servesPage(%q) = %v", c.args, got)
		}
	}
}
