package web

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestEveryRouteNeedsTheToken asks every route of the table, and a path
// that is none, without the token, with a wrong one and with a wrong
// cookie: each is refused with 403 and a page that says what to do, and
// nothing of the page itself.
func TestEveryRouteNeedsTheToken(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.screenSample(t) // so that the run routes have something to guard
	if id != 1 {
		t.Fatalf("first run is %d", id)
	}
	plain := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	paths := []struct{ method, path string }{{"GET", "/nowhere"}, {"POST", "/"}, {"GET", "/static/"}}
	for _, rt := range ts.routes() {
		method, _, _ := strings.Cut(rt.pattern, " ")
		paths = append(paths, struct{ method, path string }{method, rt.example})
	}
	for _, p := range paths {
		for _, how := range []string{"none", "wrong token", "wrong cookie", "token in a header"} {
			u := ts.hs.URL + p.path
			if how == "wrong token" {
				u += "?token=" + strings.Repeat("x", len(ts.Token()))
			}
			req, _ := http.NewRequest(p.method, u, strings.NewReader(""))
			switch how {
			case "wrong cookie":
				req.AddCookie(&http.Cookie{Name: ts.cookie, Value: ts.Token()[:10]})
			case "token in a header":
				req.Header.Set("Authorization", "Bearer "+ts.Token())
			}
			resp, err := plain.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s (%s): %s, want 403", p.method, p.path, how, resp.Status)
			}
			if !strings.Contains(string(body), "address casescreen printed") {
				t.Errorf("%s %s (%s): the refusal does not say what to do:\n%s", p.method, p.path, how, body)
			}
			for _, leak := range []string{"clients_long", "C-1001", "Screen client lists"} {
				if strings.Contains(string(body), leak) {
					t.Errorf("%s %s (%s): the refusal shows %q", p.method, p.path, how, leak)
				}
			}
			checkSecurityHeaders(t, p.method+" "+p.path+" refused", resp.Header)
		}
	}
	// The files are still there: the refusals changed nothing.
	if resp, _ := ts.get(t, "/runs/1/download/csv"); resp.StatusCode != http.StatusOK {
		t.Errorf("download after the refusals: %s", resp.Status)
	}
}

// TestTokenBecomesACookie: the printed address sets an HttpOnly,
// SameSite=Strict cookie and sends the browser on to the same address
// without the token; the cookie alone opens the page.
func TestTokenBecomesACookie(t *testing.T) {
	ts := newTestServer(t, Options{})
	plain := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := plain.Get(ts.hs.URL + "/lookup?title=nurse&token=" + ts.Token())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/lookup?title=nurse" {
		t.Fatalf("%s to %q, want 303 to /lookup?title=nurse", resp.Status, resp.Header.Get("Location"))
	}
	// Never on to another site, whatever the path.
	for _, path := range []string{"//evil.example/x", `/\evil.example/x`} {
		resp, err := plain.Get(ts.hs.URL + path + "?token=" + ts.Token())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("%s: sent on to %q, want /", path, loc)
		}
	}
	cs := resp.Cookies()
	if len(cs) != 1 {
		t.Fatalf("cookies %v", cs)
	}
	c := cs[0]
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Value != ts.Token() {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict, Path=/, the token", c)
	}
	req, _ := http.NewRequest("GET", ts.hs.URL+"/lookup?title=nurse", nil)
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	resp, err = plain.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("with the cookie: %s", resp.Status)
	}
	// Two servers on one host have cookies of different names.
	other := newTestServer(t, Options{})
	if other.cookie == ts.cookie || other.Token() == ts.Token() {
		t.Errorf("two servers share a cookie name %q or a token", ts.cookie)
	}
}

func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: Content-Security-Policy %q lacks %q", what, csp, want)
		}
	}
	if strings.Contains(csp, "http") || strings.Contains(csp, "*") || strings.Contains(csp, "unsafe") {
		t.Errorf("%s: Content-Security-Policy %q allows more than the page itself", what, csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("%s: no X-Content-Type-Options: nosniff", what)
	}
	if h.Get("Cache-Control") != "no-store" {
		t.Errorf("%s: Cache-Control %q, want no-store", what, h.Get("Cache-Control"))
	}
}

// TestSecurityHeadersEverywhere: pages, assets, answers to the page's
// script, downloads and error pages carry the policy.
func TestSecurityHeadersEverywhere(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.screenSample(t)
	_ = id
	for _, p := range []string{"/", "/runs/1", "/runs/1/progress", "/lookup?code=31301", "/lookup?code=99999", "/static/app.css",
		"/static/app.js", "/runs/1/download/report", "/runs/1/download/report", "/runs/9"} {
		resp, _ := ts.get(t, p)
		checkSecurityHeaders(t, p, resp.Header)
	}
	resp, _ := ts.get(t, "/static/app.js")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("app.js served as %q", ct)
	}
}

// TestNothingFromElsewhere: the embedded templates and assets name no
// address outside the page, and the pages as served load only their own
// paths.
func TestNothingFromElsewhere(t *testing.T) {
	external := regexp.MustCompile(`(?i)(src|href|action|url)\s*[=(]\s*["']?\s*(https?:|//|ftp:)`)
	for _, fsys := range []fs.FS{templateFS, staticFS} {
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, _ := fs.ReadFile(fsys, p)
			if m := external.Find(data); m != nil {
				t.Errorf("%s refers to another site: %s", p, m)
			}
			if strings.Contains(string(data), "@import") {
				t.Errorf("%s imports a style sheet", p)
			}
			return nil
		})
	}
	ts := newTestServer(t, Options{})
	ts.screenSample(t)
	attr := regexp.MustCompile(`(?i)\b(src|href|action)="([^"]*)"`)
	for _, p := range []string{"/", "/runs/1", "/lookup?title=nurse&code=31301"} {
		_, body := ts.get(t, p)
		for _, m := range attr.FindAllStringSubmatch(body, -1) {
			if v := m[2]; !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "#") && v != "data:," {
				t.Errorf("%s: %s=%q leaves the page", p, m[1], v)
			}
		}
	}
}

func TestListenLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"", "127.0.0.1:0", "localhost:0"} {
		ln, err := Listen(addr, false)
		if err != nil {
			t.Errorf("Listen(%q): %v", addr, err)
			continue
		}
		host, _, _ := net.SplitHostPort(ln.Addr().String())
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			t.Errorf("Listen(%q) is on %s, not loopback", addr, ln.Addr())
		}
		ln.Close()
	}
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "example.com:0"} {
		_, err := Listen(addr, false)
		var re *RemoteError
		if !errors.As(err, &re) {
			t.Errorf("Listen(%q) without allowRemote: %v, want a RemoteError", addr, err)
		} else if !strings.Contains(err.Error(), "--allow-remote") {
			t.Errorf("Listen(%q): %q does not say how to mean it", addr, err)
		}
	}
	ln, err := Listen("0.0.0.0:0", true)
	if err != nil {
		t.Fatalf("Listen(0.0.0.0:0, allowRemote): %v", err)
	}
	ln.Close()
	for _, addr := range []string{"127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000"} {
		if _, err := Listen(addr, false); err == nil {
			t.Errorf("Listen(%q) accepted", addr)
		}
	}
}

func TestPrivateFolder(t *testing.T) {
	ts := newTestServer(t, Options{})
	st, err := os.Stat(ts.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Errorf("private folder mode %v, want 0700", st.Mode().Perm())
	}
	ts.screenSample(t)
	for _, d := range append(ts.runDirs(t), ts.runDirs(t)[0]+"/out") {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, want 0700", d, st.Mode().Perm())
		}
	}
	// The upload went when the run ended; the outputs wait for download.
	if _, err := os.Stat(ts.runDirs(t)[0] + "/in"); !os.IsNotExist(err) {
		t.Errorf("the uploaded list outlived its run: %v", err)
	}
	dir := ts.Dir()
	if err := ts.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Close left the private folder: %v", err)
	}
	resp, _ := ts.screen(t, fileOf(t, "lists", samplePath))
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("upload after Close: %s, want 503", resp.Status)
	}
}

func TestStartedFromDesktop(t *testing.T) {
	if StartedFromDesktop(strings.NewReader("")) {
		t.Error("a reader that is not a file counts as a desktop start")
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if !StartedFromDesktop(null) {
		t.Error("stdin from the null device (a desktop launcher) does not count as a desktop start")
	}
}

// TestHandlerPanicIsContained: a failing handler gives an error page, and
// the log names the route only.
func TestHandlerPanicIsContained(t *testing.T) {
	ts := newTestServer(t, Options{})
	h := ts.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("Priya Raman") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/runs/1?q=Priya", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status %d", rec.Code)
	}
	if strings.Contains(ts.log.String(), "Priya") || !strings.Contains(ts.log.String(), `"route":"/runs"`) {
		t.Errorf("log: %s", ts.log)
	}
}
