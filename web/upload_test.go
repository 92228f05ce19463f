package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// list makes a small client list whose applicant ids start with prefix.
func list(prefix string, n int) []byte {
	var b strings.Builder
	b.WriteString("Client ID,Full Name,Job Title,Country,Start Date,End Date,Hours/Week\n")
	for i := range n {
		fmt.Fprintf(&b, "%s-%04d,Person %s %d,Registered Nurse,Canada,2022-01-01,,37.5\n", prefix, i, prefix, i)
	}
	return []byte(b.String())
}

func TestUploadTooLarge(t *testing.T) {
	ts := newTestServer(t, Options{MaxUpload: 64 << 10})
	resp, body := ts.screen(t, part{field: "lists", filename: "big.csv", content: list("B", 4000)}, asOf("2026-11-01"))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("%s, want 413", resp.Status)
	}
	if msg := text(body); !strings.Contains(msg, "larger than 64 KB") || !strings.Contains(msg, "smaller groups") {
		t.Errorf("message: %s", msg)
	}
	if d := ts.runDirs(t); len(d) != 0 {
		t.Errorf("the refused upload left %v", d)
	}
	// The page states the limit, for the script to check before sending.
	if _, page := ts.get(t, "/"); !strings.Contains(page, `data-max-upload="65536"`) {
		t.Error("the form does not carry the size limit")
	}
}

func TestTooManyLists(t *testing.T) {
	ts := newTestServer(t, Options{MaxFiles: 2})
	parts := []part{asOf("2026-11-01")}
	for i := range 3 {
		parts = append(parts, part{field: "lists", filename: fmt.Sprintf("l%d.csv", i), content: list("L", 2)})
	}
	resp, body := ts.screen(t, parts...)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(text(body), "At most 2 client lists") {
		t.Errorf("%s: %s", resp.Status, text(body))
	}
	if d := ts.runDirs(t); len(d) != 0 {
		t.Errorf("the refused upload left %v", d)
	}
	// Two are fine, and are screened as one stream.
	resp, body = ts.screen(t, parts[:3]...)
	if id := runID(resp); id == 0 {
		t.Fatalf("two lists: %s: %s", resp.Status, text(body))
	} else if ts.wait(t, id); true {
		_, page := ts.get(t, fmt.Sprintf("/runs/%d", id))
		if n := figure(t, page, "rows"); n != 4 {
			t.Errorf("two lists of 2 rows: %d rows", n)
		}
	}
}

// TestBadUploadsLoseNothing: each bad upload gets a message saying what
// to do, keeps the as-of date typed, leaves no file behind, and leaves an
// earlier run's results as they were.
func TestBadUploadsLoseNothing(t *testing.T) {
	ts := newTestServer(t, Options{})
	good := ts.screenSample(t)
	sample := fileOf(t, "lists", samplePath)
	cases := []struct {
		name   string
		parts  []part
		status int
		want   string
	}{
		{"no list", []part{asOf("2026-11-01")}, 400, "Choose at least one client list"},
		{"a pdf", []part{asOf("2026-11-01"), {field: "lists", filename: "notes.pdf", content: []byte("%PDF-1.4")}}, 400, "“notes.pdf” is not a client list this page reads"},
		{"an empty file", []part{asOf("2026-11-01"), {field: "lists", filename: "empty.csv"}}, 400, "“empty.csv” is empty"},
		{"no title column", []part{asOf("2026-11-01"), {field: "lists", filename: "odd.csv", content: []byte("colour,size\nred,4\n")}}, 400, "The list could not be read"},
		{"a bad date", []part{asOf("01/11/2026"), sample}, 400, "The as-of date “01/11/2026” is not a date"},
		{"overrides not CSV", []part{asOf("2026-11-01"), sample, {field: "overrides", filename: "codes.xlsx", content: []byte("x")}}, 400, "must be a CSV file"},
		{"overrides unusable", []part{asOf("2026-11-01"), sample, {field: "overrides", filename: "codes.csv", content: []byte("what,ever\na,b\n")}}, 400, "The overrides file could not be used"},
		{"a good list after a bad one", []part{asOf("2026-11-01"), sample, {field: "lists", filename: "x.doc", content: []byte("x")}}, 400, "“x.doc” is not a client list"},
	}
	for _, c := range cases {
		resp, body := ts.screen(t, c.parts...)
		msg := text(body)
		if resp.StatusCode != c.status || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %s, %q; want %d and %q", c.name, resp.Status, msg, c.status, c.want)
		}
		if !strings.Contains(body, `role="alert"`) {
			t.Errorf("%s: the message is not announced (role=alert)", c.name)
		}
		if strings.Contains(body, ts.Dir()) {
			t.Errorf("%s: the message shows the private folder: %s", c.name, msg)
		}
		if c.name == "a bad date" && !strings.Contains(body, `value="01/11/2026"`) {
			t.Errorf("%s: the form lost the date typed", c.name)
		}
		if d := ts.runDirs(t); len(d) != 1 {
			t.Errorf("%s: run folders %v, want the good run's only", c.name, d)
		}
	}
	// A form that is not an upload at all.
	resp, err := ts.c.Post(ts.hs.URL+"/screen", "application/x-www-form-urlencoded", strings.NewReader("as_of=2026-11-01"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("urlencoded form: %s", resp.Status)
	}
	// The good run is intact, and every row of it is in its download.
	_, page := ts.get(t, fmt.Sprintf("/runs/%d", good))
	if n := figure(t, page, "rows"); n != 24 {
		t.Errorf("good run: %d rows, want 24", n)
	}
	resp, data := ts.get(t, fmt.Sprintf("/runs/%d/download/csv", good))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("good run download: %s", resp.Status)
	}
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 25 {
		t.Errorf("annotated CSV: %d lines, want the header and 24 rows", len(rows))
	}
}

// TestConcurrentUploadsDoNotMix: lists uploaded at the same time each get
// their own run, and each run's download holds its list's rows only.
func TestConcurrentUploadsDoNotMix(t *testing.T) {
	ts := newTestServer(t, Options{Concurrent: 2})
	const n = 6
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prefix := fmt.Sprintf("P%d", i)
			rows := 50 + 37*i
			body, ctype := multipartBody(t, asOf("2026-11-01"), part{field: "lists", filename: "same-name.csv", content: list(prefix, rows)})
			resp, err := ts.c.Post(ts.hs.URL+"/screen", ctype, body)
			if err != nil {
				errs <- err
				return
			}
			resp.Body.Close()
			id := runID(resp)
			if id == 0 {
				errs <- fmt.Errorf("%s: %s", prefix, resp.Status)
				return
			}
			for {
				var p progressJSON
				ts.getJSON(t, fmt.Sprintf("/runs/%d/progress", id), &p)
				if p.State == stateDone || p.State == stateFailed {
					break
				}
			}
			resp, err = ts.c.Get(fmt.Sprintf("%s/runs/%d/download/csv", ts.hs.URL, id))
			if err != nil {
				errs <- err
				return
			}
			recs, err := csv.NewReader(resp.Body).ReadAll()
			resp.Body.Close()
			if err != nil {
				errs <- err
				return
			}
			if len(recs) != rows+1 {
				errs <- fmt.Errorf("%s: %d rows back, want %d", prefix, len(recs)-1, rows)
			}
			for _, r := range recs[1:] {
				if !strings.HasPrefix(r[0], prefix+"-") {
					errs <- fmt.Errorf("%s: run %d holds %s", prefix, id, r[0])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestDownloadOnceThenGone: a download removes its file; the second asks
// gets a page saying so; once every file is downloaded the run's folder
// is gone.
func TestDownloadOnceThenGone(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.screenSample(t)
	resp, data := ts.get(t, fmt.Sprintf("/runs/%d/download/report", id))
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(data, "PK") {
		t.Fatalf("report: %s", resp.Status)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, `attachment; filename="clients_long.report.xlsx"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	resp, body := ts.get(t, fmt.Sprintf("/runs/%d/download/report", id))
	if resp.StatusCode != http.StatusGone || !strings.Contains(body, "Already downloaded") {
		t.Errorf("second download: %s %s", resp.Status, text(body))
	}
	if len(ts.runDirs(t)) != 1 {
		t.Error("the run's folder went before every file was downloaded")
	}
	ts.get(t, fmt.Sprintf("/runs/%d/download/csv", id))
	// The handler removes the folder after the last byte went out: the
	// client may have read it a moment before.
	if d := ts.eventually(t, func() []string { return ts.runDirs(t) }); len(d) != 0 {
		t.Errorf("after every download: %v", d)
	}
	_, page := ts.get(t, fmt.Sprintf("/runs/%d", id))
	if !strings.Contains(page, `id="download-report-gone"`) || !strings.Contains(page, `id="download-csv-gone"`) {
		t.Error("the page does not say the files were downloaded and removed")
	}
	if resp, _ := ts.get(t, fmt.Sprintf("/runs/%d/download/secrets", id)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown file: %s", resp.Status)
	}
}

// TestForgetRemovesNow: "Remove these results now" removes the run's
// files and the page forgets it.
func TestForgetRemovesNow(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.screenSample(t)
	resp, err := ts.c.Post(fmt.Sprintf("%s/runs/%d/forget", ts.hs.URL, id), "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if d := ts.runDirs(t); len(d) != 0 {
		t.Errorf("after forget: %v", d)
	}
	if resp, _ := ts.get(t, fmt.Sprintf("/runs/%d", id)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("forgotten run: %s", resp.Status)
	}
}

// TestOldRunsAreForgotten: only KeepRuns runs are kept; an older one's
// files are removed.
func TestOldRunsAreForgotten(t *testing.T) {
	ts := newTestServer(t, Options{KeepRuns: 2})
	for range 4 {
		ts.screenSample(t)
	}
	if d := ts.runDirs(t); len(d) != 2 {
		t.Errorf("run folders %v, want the last 2", d)
	}
	if resp, body := ts.get(t, "/runs/1/download/report"); resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "no longer kept") {
		t.Errorf("forgotten run's download: %s", resp.Status)
	}
}

// TestLogsNoClientData: a run's log has run and row numbers and reason
// codes, and neither the file's name nor any cell.
func TestLogsNoClientData(t *testing.T) {
	ts := newTestServer(t, Options{})
	data, _ := os.ReadFile(samplePath)
	resp, _ := ts.screen(t, asOf("2026-11-01"), part{field: "lists", filename: "Dupont Immigration - clients.csv", content: data})
	ts.wait(t, runID(resp))
	ts.screen(t, asOf("2026-11-01"), part{field: "lists", filename: "Tremblay private.pdf", content: data})
	// A workbook whose sheets are named after clients.
	wb := excelize.NewFile()
	wb.SetSheetName("Sheet1", "Cover Nguyen")
	wb.NewSheet("Okafor family")
	wb.SetSheetRow("Okafor family", "A1", &[]string{"Client ID", "Job Title", "Start Date", "Hours/Week"})
	wb.SetSheetRow("Okafor family", "A2", &[]string{"X-1", "Pharmacist", "2022-01-01", "40"})
	var buf bytes.Buffer
	wb.WriteTo(&buf)
	resp, body := ts.screen(t, asOf("2026-11-01"), part{field: "lists", filename: "Okafor.xlsx", content: buf.Bytes()})
	if id := runID(resp); id == 0 {
		t.Fatalf("workbook: %s", text(body))
	} else {
		ts.wait(t, id)
	}
	log := ts.log.String()
	for _, secret := range []string{"Dupont", "Tremblay", "clients", "Priya", "Raman", "example.com", "Staff RN", "Sunnybrook", "C-1001",
		"Okafor", "Nguyen", "Pharmacist", "X-1"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
	for _, want := range []string{`"row":13`, `"start_date_unreadable"`, `"run":1`, `"problem":"list_type"`, `"rows_with_input_errors":4`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s:\n%s", want, log)
		}
	}
}

// TestDisplayIsBounded: the page keeps a bounded part of a list and says
// so; the downloads hold everything.
func TestDisplayIsBounded(t *testing.T) {
	ts := newTestServer(t, Options{MaxApplicants: 3, MaxReview: 2})
	id := ts.screenSample(t)
	_, page := ts.get(t, fmt.Sprintf("/runs/%d", id))
	msg := text(page)
	if !strings.Contains(msg, "shows the first 3 of 20 applicants") || !strings.Contains(msg, "The downloads hold all of them") {
		t.Errorf("no word of the applicants left off: %s", msg)
	}
	if !strings.Contains(msg, "shows the first 2 of 11 rows that need review") {
		t.Errorf("no word of the review rows left off: %s", msg)
	}
	if n := tableRows(page, "applicants"); n != 3 {
		t.Errorf("%d applicant rows, want 3", n)
	}
	if n := tableRows(page, "review"); n != 2 {
		t.Errorf("%d review rows, want 2", n)
	}
	// Under the limits nothing is said.
	ts2 := newTestServer(t, Options{})
	_, page = ts2.get(t, fmt.Sprintf("/runs/%d", ts2.screenSample(t)))
	if strings.Contains(page, "applicants-cut") || strings.Contains(page, "review-cut") {
		t.Error("a note of rows left off when none were")
	}
}

// TestApplicantsFilter: text and status filters over the applicants.
func TestApplicantsFilter(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.screenSample(t)
	for _, c := range []struct {
		query string
		rows  int
		has   string
	}{
		{"", 20, ""},
		{"q=c-1008", 1, "Physicians with Canadian work experience"},
		{"q=trade", 4, "Trade occupations"},
		{"show=review", 11, ""},
		{"show=eligible", 12, ""},
		{"show=neither", 2, ""},
		{"q=nobody-at-all", 0, "No applicant matches the filter"},
	} {
		_, page := ts.get(t, fmt.Sprintf("/runs/%d?%s", id, c.query))
		n := tableRows(page, "applicants")
		if c.rows == 0 {
			n-- // the row that says none match
		}
		if n != c.rows || !strings.Contains(text(page), c.has) {
			t.Errorf("%q: %d rows, want %d with %q", c.query, n, c.rows, c.has)
		}
	}
}

// TestPerApplicantZip: the report's per-applicant workbooks (one per
// applicant, named by the id) come as a third download, a zip; each
// workbook holds its applicant only.
func TestPerApplicantZip(t *testing.T) {
	ts := newTestServer(t, Options{})
	resp, body := ts.screen(t, fileOf(t, "lists", samplePath), asOf("2026-11-01"), part{field: "per_applicant", content: []byte("1")})
	id := runID(resp)
	if id == 0 {
		t.Fatalf("upload: %s: %s", resp.Status, text(body))
	}
	if p := ts.wait(t, id); p.State != stateDone {
		t.Fatalf("run: %+v", p)
	}
	_, page := ts.get(t, fmt.Sprintf("/runs/%d", id))
	if !strings.Contains(page, `id="download-per-applicant"`) {
		t.Fatal("no per-applicant download on the page")
	}
	resp, data := ts.get(t, fmt.Sprintf("/runs/%d/download/per-applicant", id))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("zip: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(bytes.NewReader([]byte(data)), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		if f.Name != "C-1008.xlsx" {
			continue
		}
		rc, _ := f.Open()
		x, err := excelize.OpenReader(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("C-1008.xlsx: %v", err)
		}
		var cells []string
		for _, sh := range x.GetSheetList() {
			rows, _ := x.GetRows(sh)
			for _, r := range rows {
				cells = append(cells, r...)
			}
		}
		x.Close()
		all := strings.Join(cells, "|")
		if !strings.Contains(all, "C-1008") || strings.Contains(all, "C-1001") || strings.Contains(all, "Priya") {
			t.Errorf("C-1008.xlsx holds another client, or not its own: %.300s", all)
		}
	}
	// One workbook per applicant id of the sample (C-1001 .. C-1020).
	for i := 1001; i <= 1020; i++ {
		if !names[fmt.Sprintf("C-%d.xlsx", i)] {
			t.Errorf("no workbook for C-%d in %v", i, names)
		}
	}
	if _, err := os.Stat(filepath.Join(ts.runDirs(t)[0], "per-applicant")); !os.IsNotExist(err) {
		t.Error("the per-applicant folder outlived its zip")
	}
	// Not asked for: no zip, no folder.
	id = ts.screenSample(t)
	if _, page := ts.get(t, fmt.Sprintf("/runs/%d", id)); strings.Contains(page, "download-per-applicant") {
		t.Error("a per-applicant download nobody asked for")
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"clients.csv":                     "clients.csv",
		`C:\Users\me\Desktop\list.xlsx`:   "list.xlsx",
		"../../etc/passwd.csv":            "passwd.csv",
		"a\nb\x00c.csv":                   "a_b_c.csv",
		"what?.csv":                       "what_.csv",
		"...":                             "list",
		".csv":                            "list.csv",
		"r\u202egnp.csv":                  "r_gnp.csv",
		strings.Repeat("x", 300) + ".csv": strings.Repeat("x", 100) + ".csv",
	} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
	taken := map[string]bool{}
	if a, b, c := unique("a.csv", taken), unique("A.csv", taken), unique("a.csv", taken); a != "a.csv" || b != "A (2).csv" || c != "a (3).csv" {
		t.Errorf("unique: %q %q %q", a, b, c)
	}
}

// TestProgressAndStop: while a long list screens, its page shows the
// progress bar and the progress answers with rows and a phase; a list sent
// meanwhile waits its turn; Close stops both and removes every file.
func TestProgressAndStop(t *testing.T) {
	ts := newTestServer(t, Options{})
	resp, body := ts.screen(t, asOf("2026-11-01"), part{field: "lists", filename: "long.csv", content: list("L", 60000)})
	long := runID(resp)
	if long == 0 {
		t.Fatalf("long list: %s %s", resp.Status, text(body))
	}
	resp, _ = ts.screen(t, asOf("2026-11-01"), fileOf(t, "lists", samplePath))
	short := runID(resp)
	var p progressJSON
	ts.getJSON(t, fmt.Sprintf("/runs/%d/progress", short), &p)
	if p.State != stateWaiting || !strings.Contains(p.Text, "Waiting") {
		t.Errorf("the second list: %+v, want waiting", p)
	}
	_, page := ts.get(t, fmt.Sprintf("/runs/%d", long))
	if !strings.Contains(page, `<progress id="progress"`) || !strings.Contains(page, `data-progress-url="/runs/1/progress"`) {
		t.Errorf("the running list's page has no progress bar")
	}
	if !strings.Contains(page, `http-equiv="refresh"`) {
		t.Error("without script the running page would not refresh itself")
	}
	seen := false
	for range 400 {
		ts.getJSON(t, fmt.Sprintf("/runs/%d/progress", long), &p)
		if p.State == stateRunning && p.Rows > 0 && p.Phase != "" {
			seen = true
			break
		}
		if p.State == stateDone {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	if !seen {
		t.Errorf("no progress with rows seen while the long list ran: %+v", p)
	}
	dir := ts.Dir()
	if err := ts.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Close with runs going left the private folder: %v", err)
	}
	for _, id := range []int{long, short} {
		ts.getJSON(t, fmt.Sprintf("/runs/%d/progress", id), &p)
		if p.State != stateDone && p.State != stateFailed {
			t.Errorf("run %d after Close: %+v", id, p)
		}
	}
}

// A list without a column the run needs says so once, above the figures.
func TestFieldsNotFoundShown(t *testing.T) {
	ts := newTestServer(t, Options{})
	noStart := []byte("Client ID,Job Title,Country,Hours/Week\nA-1,Registered Nurse,Canada,37.5\n")
	resp, body := ts.screen(t, part{field: "lists", filename: "nostart.csv", content: noStart}, asOf("2026-11-01"))
	id := runID(resp)
	if id == 0 {
		t.Fatalf("upload: %s:\n%s", resp.Status, body)
	}
	if p := ts.wait(t, id); p.State != stateDone {
		t.Fatalf("run: %+v", p)
	}
	_, page := ts.get(t, fmt.Sprintf("/runs/%d", id))
	i := strings.Index(page, `id="fields-not-found"`)
	if i < 0 {
		t.Fatalf("no notice of the fields not found:\n%s", text(page))
	}
	got := text(page[i:])
	for _, want := range []string{"No column of the list holds: start date , end date .", "marked for review"} {
		if !strings.Contains(got, want) {
			t.Errorf("notice lacks %q:\n%.300s", want, got)
		}
	}
	// The sample has every field: no notice.
	_, page = ts.get(t, fmt.Sprintf("/runs/%d", ts.screenSample(t)))
	if strings.Contains(page, "fields-not-found") {
		t.Error("the sample's page says a field is missing")
	}
}
