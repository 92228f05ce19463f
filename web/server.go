// Package web is casescreen's local web page (spec section 9): staff who
// never open a terminal drop client lists on a page, press Screen, watch a
// progress bar, read the summary, the applicants and the review items, and
// download the report and the annotated CSV. A second page looks up a job
// title or a NOC code.
//
// A screening from the page is the same screen.Job with the same
// report.Outputs as "casescreen run"; the page adds one sink of its own
// (display) that keeps a bounded part of the rows to show.
//
// The server is private to the person who started it: it listens on
// loopback unless told otherwise (Listen), every request needs the
// per-process token (guard), uploads and outputs live in a private folder
// (0700) that downloads and Close empty, and every asset is embedded.
package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/screen"
	"github.com/casescreen/casescreen/writers"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server. The zero value of each field is the
// documented default.
type Options struct {
	// Version is the tool's version, shown on the page and in the report.
	Version string
	// Log receives the server's log lines: run numbers, row numbers, counts
	// and reason codes; never file names or cell contents. Nil logs nothing.
	Log *zerolog.Logger
	// TempDir is where the private folder is made; "" is os.TempDir().
	TempDir string
	// MaxUpload bounds the body of one upload (all its files together);
	// default 256 MiB.
	MaxUpload int64
	// MaxFiles bounds the client lists of one upload; default 10.
	MaxFiles int
	// KeepRuns is how many runs the page remembers; an older run is
	// forgotten and its files removed. Default 8.
	KeepRuns int
	// Concurrent is how many runs screen at once; later ones wait. Default 1
	// (a run uses every CPU already).
	Concurrent int
	// Workers is passed to screen.Config.Workers (0: the number of CPUs).
	Workers int
	// MaxApplicants and MaxReview bound what the page shows of one run;
	// the downloads hold everything. Defaults 500 and 500.
	MaxApplicants, MaxReview int
	// Token is the secret every request must carry; "" draws a random one.
	Token string
	// Now is the clock for the default as-of date; nil is time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.MaxUpload <= 0 {
		o.MaxUpload = 256 << 20
	}
	if o.MaxFiles <= 0 {
		o.MaxFiles = 10
	}
	if o.KeepRuns <= 0 {
		o.KeepRuns = 8
	}
	if o.Concurrent <= 0 {
		o.Concurrent = 1
	}
	if o.MaxApplicants <= 0 {
		o.MaxApplicants = 500
	}
	if o.MaxReview <= 0 {
		o.MaxReview = 500
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// maxFormBody bounds the body of any request but an upload.
const maxFormBody = 64 << 10

// Server is the web page. New makes it; Handler serves it; Close ends the
// runs still going and removes the private folder.
type Server struct {
	opt    Options
	log    zerolog.Logger
	token  string
	cookie string // the cookie's name: one per process, so two servers on one host do not overwrite each other's
	dir    string // the private folder
	pages  map[string]*template.Template
	static http.Handler
	mux    *http.ServeMux

	ctx    context.Context // cancelled by Close: runs stop
	cancel context.CancelFunc
	slots  chan struct{} // Concurrent runs at once
	wg     sync.WaitGroup

	mu     sync.Mutex
	runs   []*run // oldest first, at most KeepRuns
	nextID int
	closed bool

	indexOnce sync.Once
	index     *noc.Index
	indexErr  error
}

// New makes a server and its private folder (mode 0700) under
// opt.TempDir. The caller must Close it.
func New(opt Options) (*Server, error) {
	opt = opt.withDefaults()
	s := &Server{opt: opt, log: zerolog.Nop(), token: opt.Token}
	if opt.Log != nil {
		s.log = *opt.Log
	}
	if s.token == "" {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("web: token: %w", err)
		}
		s.token = base64.RawURLEncoding.EncodeToString(b)
	}
	sum := sha256.Sum256([]byte(s.token))
	s.cookie = "casescreen_" + hex.EncodeToString(sum[:4])
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	s.static = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no folder listings
			return
		}
		files.ServeHTTP(w, r)
	})
	removeStaleFolders(opt.TempDir)
	dir, err := os.MkdirTemp(opt.TempDir, folderPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("web: private folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("web: private folder: %w", err)
	}
	s.dir = dir
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.slots = make(chan struct{}, opt.Concurrent)
	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		s.mux.HandleFunc(rt.pattern, rt.handler)
	}
	return s, nil
}

// folderPrefix starts the name of every server's private folder:
// "casescreen-serve-PID-RANDOM". The process id tells a later server which
// folders a server left when it was killed (a closed terminal window, a
// shut-down laptop): Close removes the folder, a hard kill cannot.
const folderPrefix = "casescreen-serve-"

// removeStaleFolders removes the private folders in dir (os.TempDir when
// "") of servers whose process is gone, uploads and results with them, and
// reports how many it removed.
func removeStaleFolders(dir string) int {
	if dir == "" {
		dir = os.TempDir()
	}
	return writers.RemoveLeftovers(dir, func(name string) (int, bool) {
		rest, ok := strings.CutPrefix(name, folderPrefix)
		if !ok {
			return 0, false
		}
		digits, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(digits)
		return pid, ok && err == nil && pid > 0
	})
}

// route is one entry of the server's table of routes; the tests walk it to
// check that every route needs the token.
type route struct {
	pattern string
	handler http.HandlerFunc
	// example is a path that reaches the route, for the tests.
	example string
}

func (s *Server) routes() []route {
	return []route{
		{"GET /{$}", s.handleIndex, "/"},
		{"POST /screen", s.handleScreen, "/screen"},
		{"GET /runs/{id}", s.handleRun, "/runs/1"},
		{"GET /runs/{id}/progress", s.handleProgress, "/runs/1/progress"},
		{"GET /runs/{id}/download/{file}", s.handleDownload, "/runs/1/download/report"},
		{"POST /runs/{id}/forget", s.handleForget, "/runs/1/forget"},
		{"GET /lookup", s.handleLookup, "/lookup"},
		{"GET /static/", s.static.ServeHTTP, "/static/app.css"},
	}
}

// Token is the secret the printed address carries.
func (s *Server) Token() string { return s.token }

// Dir is the private folder (for tests and the log of a developer).
func (s *Server) Dir() string { return s.dir }

// Handler serves the page: every request passes the guard first.
func (s *Server) Handler() http.Handler { return s.guard(s.recoverer(s.mux)) }

// Close stops the runs still going, waits for them and removes the private
// folder with every upload and output in it. The handler answers later
// requests with an error.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
	return os.RemoveAll(s.dir)
}

// Serve serves on ln until ctx is done, then shuts the HTTP server down
// (requests in flight get a few seconds). It does not Close s.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		// The standard library's own messages (a broken connection, a bad
		// request line) name addresses, never what was uploaded.
		ErrorLog: log.New(zerologWriter{s.log}, "", 0),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	s.cancel() // runs in flight stop, so their requests end
	if err := hs.Shutdown(shut); err != nil {
		hs.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// zerologWriter puts the http.Server's error lines into the log.
type zerologWriter struct{ log zerolog.Logger }

func (w zerologWriter) Write(p []byte) (int, error) {
	w.log.Warn().Msg(string(trimNewline(p)))
	return len(p), nil
}

func trimNewline(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}

// Listen opens the server's socket. addr "" is 127.0.0.1 on a random free
// port. An address that is not loopback (another interface, all of them,
// a host name other than localhost) is refused unless allowRemote: the page
// holds client files, and the token alone should not be all that stands
// between them and the office network. A refusal is a *RemoteError.
func Listen(addr string, allowRemote bool) (net.Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q: want HOST:PORT, such as 127.0.0.1:8080", addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return nil, fmt.Errorf("--addr %q: port %q is not a number from 0 to 65535", addr, port)
	}
	if !allowRemote && !isLoopback(host) {
		return nil, &RemoteError{Addr: addr}
	}
	return net.Listen("tcp", addr)
}

// RemoteError is a non-loopback address given without allowRemote.
type RemoteError struct{ Addr string }

func (e *RemoteError) Error() string {
	return fmt.Sprintf("--addr %s is not a loopback address: other computers could reach the page; give --allow-remote as well to mean it", e.Addr)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loadIndex is the title index of the lookup page and of every run, built
// once.
func (s *Server) loadIndex() (*noc.Index, error) {
	s.indexOnce.Do(func() { s.index, s.indexErr = screen.LoadIndex("") })
	return s.index, s.indexErr
}
