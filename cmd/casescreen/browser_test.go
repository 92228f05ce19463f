package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/screen"
)

// chromiumPath is Debian's chromium package (.ci/run installs it).
const chromiumPath = "/usr/bin/chromium"

// artifactsDir is where the browser test leaves its screenshots:
// $CASESCREEN_ARTIFACTS, or a new temporary folder that outlives the test.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CASESCREEN_ARTIFACTS")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "casescreen-artifacts-"); err != nil {
			t.Fatal(err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// newBrowser starts headless Chromium with a new empty profile and the
// flags that keep it off the network.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	profile, err := os.MkdirTemp("", "casescreen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.Env("LANG=en_US.UTF-8", "LANGUAGE=en_US"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelB()
		cancelA()
		os.RemoveAll(profile)
	})
	if err := chromedp.Do(ctx); err != nil { // start the browser on this context, without a timeout
		t.Fatalf("chromium did not start: %v", err)
	}
	return ctx
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// waitFor polls a JavaScript condition until it holds on a page that has
// finished loading. A page that is navigating answers with an error;
// polling goes on.
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	cond = `document.readyState === "complete" && (` + cond + `)`
	deadline := time.Now().Add(30 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: not within 30s (last error: %v)", what, last)
}

// tabTo presses Tab, as a keyboard user does, until the element sel has
// the focus.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	check := fmt.Sprintf("document.activeElement !== null && document.activeElement.matches(%q)", sel)
	for range 40 {
		do(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		if evalJS[bool](t, ctx, check) {
			return
		}
	}
	t.Fatalf("40 presses of Tab did not reach %s", sel)
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkAccessible checks that every control of the page has an
// accessible name (a label, an aria-label or its text), read from the
// browser's own accessibility tree, and that the page has a language and
// one h1.
func checkAccessible(t *testing.T, ctx context.Context, pageName string) {
	t.Helper()
	unlabelled := evalJS[[]string](t, ctx, `Array.from(document.querySelectorAll("input, select, textarea, button"))
		.filter(e => e.type !== "hidden")
		.filter(e => !((e.labels && Array.from(e.labels).some(l => l.textContent.trim() !== "")) || e.getAttribute("aria-label") ||
			(e.getAttribute("aria-labelledby") || "").split(" ").some(id => id && document.getElementById(id)) ||
			(e.tagName === "BUTTON" && e.textContent.trim() !== "")))
		.map(e => e.outerHTML)`)
	if len(unlabelled) > 0 {
		t.Errorf("%s: controls without a label: %q", pageName, unlabelled)
	}
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("%s: accessibility tree: %v", pageName, err)
	}
	controls := map[string]bool{"button": true, "textbox": true, "searchbox": true, "combobox": true, "checkbox": true,
		"radio": true, "link": true, "spinbutton": true, "slider": true, "listbox": true, "date": true, "datetime": true,
		"inputtime": true, "image": true, "img": true,
		"region": true, "progressbar": true, "table": true}
	seen := 0
	for _, n := range tree.Nodes {
		if n.Ignored || n.Role == nil {
			continue
		}
		var role, name string
		json.Unmarshal(n.Role.Value, &role)
		role = strings.ToLower(role)
		if n.Name != nil {
			json.Unmarshal(n.Name.Value, &name)
		}
		if !controls[role] {
			continue
		}
		seen++
		if strings.TrimSpace(name) == "" {
			t.Errorf("%s: a %s without an accessible name (DOM node %d)", pageName, role, n.BackendDOMNodeID)
		}
	}
	if seen == 0 {
		t.Errorf("%s: the accessibility tree has no controls", pageName)
	}
	if lang := evalJS[string](t, ctx, `document.documentElement.lang`); lang == "" {
		t.Errorf("%s: no lang on <html>", pageName)
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll("h1").length`); n != 1 {
		t.Errorf("%s: %d h1 headings, want 1", pageName, n)
	}
}

// TestServeInBrowser drives the page in headless Chromium, with the
// keyboard only: it uploads the bundled sample, waits for the result,
// checks the figures against "casescreen run" on the same file, downloads
// the report and the annotated CSV and compares them with run's, looks up
// a title and a code, checks the page's accessibility, and checks that
// the page loaded nothing from elsewhere and that stopping removes the
// private folder.
func TestServeInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test skipped: %s is absent (Debian: apt-get install -y chromium)", chromiumPath)
	}
	began := time.Now()
	shots := artifactsDir(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the server's private folder goes here
	sample, err := filepath.Abs("../../samples/clients_long.csv")
	if err != nil {
		t.Fatal(err)
	}

	// The reference: "casescreen run" on the same file and date.
	ref := filepath.Join(tmp, "ref")
	if err := os.Mkdir(ref, 0o755); err != nil {
		t.Fatal(err)
	}
	refXLSX, refCSV, refSum := filepath.Join(ref, "clients_long.report.xlsx"), filepath.Join(ref, "clients_long.annotated.csv"), filepath.Join(ref, "summary.json")
	refPA := filepath.Join(ref, "per-applicant")
	if code, _, e := runArgs(t, "run", sample, "-o", refXLSX, "-o", refCSV, "--summary", refSum, "--per-applicant", refPA,
		"--as-of", "2026-11-01", "--quiet"); code != exitRowErrors {
		t.Fatalf("run: exit %d: %s", code, e)
	}
	var want screen.Summary
	if data, err := os.ReadFile(refSum); err != nil {
		t.Fatal(err)
	} else if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}

	url, serveLog, stop := startServe(t, strings.NewReader(""), "serve", "--addr", "127.0.0.1:0", "--log-format", "json")
	base := url[:strings.Index(url, "/?token=")]
	ctx := newBrowser(t)
	tctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	ctx = tctx

	// Everything the page asks for, and every complaint of the browser.
	var mu sync.Mutex
	var requests, complaints []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *cdpruntime.EventExceptionThrown:
			complaints = append(complaints, "exception: "+ev.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
				complaints = append(complaints, string(ev.Entry.Source)+": "+ev.Entry.Text)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	for _, enable := range []func() error{
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err },
		func() error { _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); return err },
	} {
		if err := enable(); err != nil {
			t.Fatal(err)
		}
	}

	// The page: the token in the address, then a cookie.
	do(t, ctx, "open the printed address", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("#screen-form")))
	if loc := evalJS[string](t, ctx, "location.href"); strings.Contains(loc, "token") {
		t.Errorf("the token stays in the address bar: %s", loc)
	}
	checkAccessible(t, ctx, "Screen page")

	// A file dropped on the drop zone becomes the chosen list.
	dropped := evalJS[string](t, ctx, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(["Client ID,Job Title\nD-1,Nurse\n"], "dropped.csv", {type: "text/csv"}));
		document.querySelector("#dropzone").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		const input = document.querySelector("#lists");
		return input.files.length + ":" + input.files[0].name + ":" + document.querySelector("#chosen").textContent;
	})()`)
	if dropped != "1:dropped.csv:dropped.csv" {
		t.Errorf("dropping a file: %q, want it chosen and listed", dropped)
	}

	// The upload, by keyboard: Tab to the file input, Space opens the file
	// chooser (intercepted: the test stands in for the person choosing).
	choosers := chromedp.Events(ctx, page.FileChooserOpened)
	if _, err := chromedp.Call(ctx, page.SetInterceptFileChooserDialog, page.SetInterceptFileChooserDialogParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	tabTo(t, ctx, "#lists")
	do(t, ctx, "press Space on the file input", chromedp.KeyEvent(" "))
	for ev, err := range choosers {
		if err != nil {
			t.Fatalf("file chooser: %v", err)
		}
		if _, err := chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{sample}, BackendNodeID: ev.BackendNodeID}); err != nil {
			t.Fatal(err)
		}
		break
	}
	waitFor(t, ctx, "the chosen file listed", `document.querySelector("#chosen").textContent.includes("clients_long.csv")`)
	tabTo(t, ctx, "#as_of")
	do(t, ctx, "type the as-of date", chromedp.KeyEvent("11012026")) // month, day, year in an en-US date field
	if v := evalJS[string](t, ctx, `document.querySelector("#as_of").value`); v != "2026-11-01" {
		t.Fatalf("as-of date typed as %q, want 2026-11-01", v)
	}
	tabTo(t, ctx, "#per_applicant")
	do(t, ctx, "tick the per-applicant box", chromedp.KeyEvent(" "))
	if !evalJS[bool](t, ctx, `document.querySelector("#per_applicant").checked`) {
		t.Fatal("Space did not tick the per-applicant box")
	}
	screenshot(t, ctx, shots, "1-screen.png")
	tabTo(t, ctx, "#screen-button")
	do(t, ctx, "press Enter on Screen", chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "the results", `document.querySelector("#results") !== null`)
	screenshot(t, ctx, shots, "2-results.png")
	checkAccessible(t, ctx, "Results page")

	// The figures shown are run's.
	type shown struct {
		Applicants, Rows, Review, Errors, Pool string
		Categories, Programs                   [][]string
		ApplicantRows, ReviewRows              int
	}
	got := evalJS[shown](t, ctx, `({
		Applicants: document.querySelector("#fig-applicants").textContent,
		Rows: document.querySelector("#fig-rows").textContent,
		Review: document.querySelector("#fig-review").textContent,
		Errors: document.querySelector("#fig-errors").textContent,
		Pool: document.querySelector("#fig-pool").textContent,
		Categories: Array.from(document.querySelectorAll("#categories tbody tr")).map(tr =>
			[tr.dataset.id, tr.querySelector("th").textContent].concat(Array.from(tr.querySelectorAll("td")).map(td => td.textContent))),
		Programs: Array.from(document.querySelectorAll("#programs tbody tr")).map(tr =>
			[tr.dataset.id, tr.querySelector("th").textContent].concat(Array.from(tr.querySelectorAll("td")).map(td => td.textContent))),
		ApplicantRows: document.querySelectorAll("#applicants tbody tr").length,
		ReviewRows: document.querySelectorAll("#review tbody tr").length,
	})`)
	for _, c := range []struct {
		name string
		got  string
		want int
	}{{"applicants", got.Applicants, want.Applicants}, {"rows", got.Rows, want.RowsWritten},
		{"rows needing review", got.Review, want.RowsNeedReview}, {"rows with input errors", got.Errors, want.RowsInputErrors},
		{"applicants in the pool", got.Pool, want.InPool}} {
		if c.got != strconv.Itoa(c.want) {
			t.Errorf("%s: page shows %q, run says %d", c.name, c.got, c.want)
		}
	}
	for _, table := range []struct {
		name string
		got  [][]string
		want []screen.CategoryCount
	}{{"categories", got.Categories, want.Categories}, {"programs", got.Programs, want.Programs}} {
		if len(table.got) != len(table.want) || len(table.want) == 0 {
			t.Fatalf("page shows %d %s, run %d", len(table.got), table.name, len(table.want))
		}
		for i, c := range table.want {
			w := []string{c.ID, c.Name, strconv.Itoa(c.Eligible), strconv.Itoa(c.Review), strconv.Itoa(c.NotEligible)}
			if strings.Join(table.got[i], "|") != strings.Join(w, "|") {
				t.Errorf("%s row %d: page %q, run %q", table.name, i, table.got[i], w)
			}
		}
	}
	if got.ApplicantRows != want.Applicants || got.ReviewRows != want.RowsNeedReview {
		t.Errorf("tables: %d applicants and %d review rows, want %d and %d", got.ApplicantRows, got.ReviewRows, want.Applicants, want.RowsNeedReview)
	}
	if words := evalJS[string](t, ctx, `document.querySelector("#review").textContent`); !strings.Contains(words, "part-time without hours") {
		t.Errorf("review items are not in words: %q", words)
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll("svg.chart rect").length`); n == 0 {
		t.Error("no chart drawn")
	}

	// The filter, by keyboard.
	tabTo(t, ctx, "#q")
	do(t, ctx, "type a filter", chromedp.KeyEvent("C-1008"+kb.Enter))
	waitFor(t, ctx, "the filtered table", `document.querySelectorAll("#applicants tbody tr").length === 1`)
	if row := evalJS[string](t, ctx, `document.querySelector("#applicants tbody tr").textContent`); !strings.Contains(row, "C-1008") || !strings.Contains(row, "Physicians") {
		t.Errorf("filtered row %q: want C-1008, a physician", row)
	}

	// The downloads, by keyboard, from the top of the results page.
	do(t, ctx, "open the results again", chromedp.Navigate(base+"/runs/1"), chromedp.WaitVisible(chromedp.CSS("#results")))
	dl := filepath.Join(tmp, "downloads")
	if err := os.Mkdir(dl, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dl, EventsEnabled: new(true)}); err != nil {
		t.Fatal(err)
	}
	download := func(sel string) []byte {
		t.Helper()
		progress := chromedp.Events(ctx, browser.DownloadProgress)
		tabTo(t, ctx, sel)
		do(t, ctx, "press Enter on "+sel, chromedp.KeyEvent(kb.Enter))
		for ev, err := range progress {
			if err != nil {
				t.Fatalf("download %s: %v", sel, err)
			}
			switch ev.State {
			case browser.DownloadProgressStateCanceled:
				t.Fatalf("download %s canceled", sel)
			case browser.DownloadProgressStateCompleted:
				data, err := os.ReadFile(filepath.Join(dl, ev.GUID))
				if err != nil {
					t.Fatal(err)
				}
				return data
			}
		}
		t.Fatalf("download %s: no completion", sel)
		return nil
	}
	gotXLSX := download("#download-report")
	gotCSV := download("#download-csv")
	gotZip := download("#download-per-applicant")
	zr, err := zip.NewReader(bytes.NewReader(gotZip), int64(len(gotZip)))
	if err != nil {
		t.Fatalf("the per-applicant zip: %v", err)
	}
	var zipped []string
	for _, f := range zr.File {
		zipped = append(zipped, f.Name)
	}
	var made []string
	if es, err := os.ReadDir(refPA); err == nil {
		for _, e := range es {
			made = append(made, e.Name())
		}
	}
	if strings.Join(zipped, ",") != strings.Join(made, ",") || len(made) == 0 {
		t.Errorf("the per-applicant zip holds %q; run --per-applicant made %q", zipped, made)
	}
	if wantCSV, _ := os.ReadFile(refCSV); !bytes.Equal(gotCSV, wantCSV) {
		t.Errorf("the annotated CSV downloaded (%d bytes) differs from run's (%d bytes)", len(gotCSV), len(wantCSV))
	}
	gx, err := excelize.OpenReader(bytes.NewReader(gotXLSX))
	if err != nil {
		t.Fatalf("the downloaded report does not open: %v", err)
	}
	defer gx.Close()
	wx, err := excelize.OpenFile(refXLSX)
	if err != nil {
		t.Fatal(err)
	}
	defer wx.Close()
	if g, w := dumpWorkbook(t, gx), dumpWorkbook(t, wx); g != w {
		t.Errorf("the downloaded report's cells differ from run's:\n--- page\n%s\n--- run\n%s", g, w)
	}
	if v, _ := gx.GetCellValue("Summary", "B5"); !strings.HasPrefix(v, want.RuleSet) {
		t.Errorf("report Summary!B5 = %q, want the rule set %s", v, want.RuleSet)
	}
	// Downloaded files are gone from the private folder; the page says so.
	do(t, ctx, "reload", chromedp.Reload())
	waitFor(t, ctx, "the downloads marked", `["report", "csv", "per-applicant"].every(k => document.querySelector("#download-" + k + "-gone") !== null)`)
	if runs, _ := filepath.Glob(filepath.Join(tmp, "casescreen-serve-*", "run-*")); len(runs) != 0 {
		t.Errorf("after both downloads the run's folder is still there: %v", runs)
	}

	// The lookup page, by keyboard from the navigation.
	tabTo(t, ctx, `a[href="/lookup"]`)
	do(t, ctx, "open the lookup page", chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "the lookup page", `document.querySelector("#title") !== null`)
	checkAccessible(t, ctx, "Lookup page")
	tabTo(t, ctx, "#title")
	do(t, ctx, "type a title", chromedp.KeyEvent("Staff RN"))
	tabTo(t, ctx, "#industry")
	do(t, ctx, "type an industry", chromedp.KeyEvent("Hospital"+kb.Enter))
	waitFor(t, ctx, "the candidates", `document.querySelector("#candidates") !== null`)
	_, nocOut, _ := runArgs(t, "noc", "match", "Staff RN", "--industry", "Hospital")
	first := strings.Fields(strings.Split(nocOut, "\n")[1]) // "31301  0.90  alias ..."
	cand := evalJS[[]string](t, ctx, `Array.from(document.querySelectorAll("#candidates tbody tr:first-child td")).map(td => td.textContent)`)
	if len(cand) < 4 || cand[0] != first[0] || cand[3] != first[1] {
		t.Errorf("first candidate %q, noc match says %q", cand, first[:2])
	}
	screenshot(t, ctx, shots, "3-lookup-title.png")
	tabTo(t, ctx, "#code")
	do(t, ctx, "type a code", chromedp.KeyEvent("31301"+kb.Enter))
	waitFor(t, ctx, "the unit group", `document.querySelector("#unit") !== null`)
	years := evalJS[string](t, ctx, `document.querySelector("#years tr[data-rule-set='2026']").textContent`)
	if !strings.Contains(years, "Healthcare") {
		t.Errorf("31301 in the 2026 rule set: %q, want a healthcare category", years)
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll("#examples li").length`); n == 0 {
		t.Error("no example titles for 31301")
	}
	screenshot(t, ctx, shots, "4-lookup-code.png")
	checkAccessible(t, ctx, "Lookup page with a code")

	mu.Lock()
	for _, u := range requests {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page asked for %s: only its own address is allowed", u)
		}
	}
	for _, c := range complaints {
		if !strings.Contains(c, "favicon") {
			t.Errorf("the browser complained: %s", c)
		}
	}
	mu.Unlock()

	// Stopping removes the private folder; the log named no client data.
	if code := stop(); code != exitOK {
		t.Errorf("serve exited %d, want 0", code)
	}
	if left, _ := filepath.Glob(filepath.Join(tmp, "casescreen-serve-*")); len(left) != 0 {
		t.Errorf("the private folder outlived serve: %v", left)
	}
	logText := serveLog.String()
	for _, secret := range []string{"clients_long", "Priya", "Staff RN", "priya.raman@example.com", "Sunnybrook"} {
		if strings.Contains(logText, secret) {
			t.Errorf("the log holds %q:\n%s", secret, logText)
		}
	}
	t.Logf("browser test took %s", time.Since(began).Round(time.Millisecond))
}
