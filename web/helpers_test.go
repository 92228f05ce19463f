package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

const samplePath = "../samples/clients_long.csv"

// syncBuffer is a log that the test reads while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	*Server
	hs  *httptest.Server
	c   *http.Client // carries the cookie
	log *syncBuffer
}

// newTestServer starts a server on httptest with a logger, and a client
// that opened the token address once (so it has the cookie).
func newTestServer(t *testing.T, opt Options) *testServer {
	t.Helper()
	lb := &syncBuffer{}
	log := zerolog.New(lb).Level(zerolog.InfoLevel)
	opt.Log = &log
	if opt.TempDir == "" {
		opt.TempDir = t.TempDir()
	}
	if opt.Version == "" {
		opt.Version = "test"
	}
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		hs.Close()
		s.Close()
	})
	jar, _ := cookiejar.New(nil)
	ts := &testServer{Server: s, hs: hs, c: &http.Client{Jar: jar, Timeout: 30 * time.Second}, log: lb}
	resp, err := ts.c.Get(hs.URL + "/?token=" + s.Token())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("token address: %s", resp.Status)
	}
	return ts
}

// part is one part of an upload.
type part struct {
	field, filename string
	content         []byte
}

func fileOf(t *testing.T, field, path string) part {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return part{field: field, filename: filepath.Base(path), content: data}
}

func multipartBody(t *testing.T, parts ...part) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.filename == "" && p.field != "lists" && p.field != "overrides" {
			w, err = mw.CreateFormField(p.field)
		} else {
			w, err = mw.CreateFormFile(p.field, p.filename)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.content)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

// screen posts an upload and returns the response (after the redirect to
// the run's page, if any) with its body read.
func (ts *testServer) screen(t *testing.T, parts ...part) (*http.Response, string) {
	t.Helper()
	body, ctype := multipartBody(t, parts...)
	resp, err := ts.c.Post(ts.hs.URL+"/screen", ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func asOf(d string) part { return part{field: "as_of", content: []byte(d)} }

// runID is the run a response landed on (/runs/N), or 0.
func runID(resp *http.Response) int {
	var id int
	fmt.Sscanf(resp.Request.URL.Path, "/runs/%d", &id)
	return id
}

// wait polls a run's progress until it is done or failed.
func (ts *testServer) wait(t *testing.T, id int) progressJSON {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var p progressJSON
		ts.getJSON(t, fmt.Sprintf("/runs/%d/progress", id), &p)
		if p.State == stateDone || p.State == stateFailed {
			return p
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("run %d did not finish in 30s", id)
	return progressJSON{}
}

func (ts *testServer) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := ts.c.Get(ts.hs.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func (ts *testServer) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	resp, err := ts.c.Get(ts.hs.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// screenSample screens the bundled sample and waits for the result.
func (ts *testServer) screenSample(t *testing.T) int {
	t.Helper()
	resp, body := ts.screen(t, fileOf(t, "lists", samplePath), asOf("2026-11-01"))
	id := runID(resp)
	if resp.StatusCode != http.StatusOK || id == 0 {
		t.Fatalf("upload: %s at %s:\n%s", resp.Status, resp.Request.URL, body)
	}
	if p := ts.wait(t, id); p.State != stateDone {
		t.Fatalf("run %d: %+v", id, p)
	}
	return id
}

// runDirs lists the run folders left in the private folder.
func (ts *testServer) runDirs(t *testing.T) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(ts.Dir(), "run-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// text is a page's text without its tags, spaces collapsed.
func text(html string) string {
	return strings.Join(strings.Fields(tagRE.ReplaceAllString(html, " ")), " ")
}

// figure reads <dd id="fig-NAME">N</dd>.
func figure(t *testing.T, html, name string) int {
	t.Helper()
	m := regexp.MustCompile(`id="fig-` + name + `">([0-9,]+)<`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no figure %s on the page", name)
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	return n
}

// tableRows counts the body rows of the table with the id.
func tableRows(html, id string) int {
	i := strings.Index(html, `<table id="`+id+`"`)
	if i < 0 {
		return -1
	}
	rest := html[i:]
	rest = rest[strings.Index(rest, "<tbody>"):strings.Index(rest, "</tbody>")]
	return strings.Count(rest, "<tr")
}

// eventually calls f until it returns nothing, for at most a second, and
// returns its last answer.
func (ts *testServer) eventually(t *testing.T, f func() []string) []string {
	t.Helper()
	var got []string
	for range 100 {
		if got = f(); len(got) == 0 {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return got
}
