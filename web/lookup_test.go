package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
)

func TestLookupTitle(t *testing.T) {
	ts := newTestServer(t, Options{})
	ix, err := screen.LoadIndex("")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []noc.Query{{Title: "PSW nights", Industry: "long-term care"}, {Title: "Staff RN"}, {Title: "Account mgr", Industry: "Banking"}} {
		want := noc.NewMatcher(ix).Match(q, "")
		_, page := ts.get(t, "/lookup?title="+urlQuery(q.Title)+"&industry="+urlQuery(q.Industry))
		row := `<tr data-code="` + want.Code + `" class="chosen-row">`
		if !strings.Contains(page, row) {
			t.Errorf("%+v: the page does not put %s first", q, want.Code)
		}
		if !strings.Contains(page, "<td>"+pipeline.FloatValue(want.Score).Text+"</td>") || !strings.Contains(page, want.Title) {
			t.Errorf("%+v: score %.2f or title %q missing", q, want.Score, want.Title)
		}
		if n := tableRows(page, "candidates"); n != 1+len(want.Alts) {
			t.Errorf("%+v: %d candidates, want %d", q, n, 1+len(want.Alts))
		}
	}
	_, page := ts.get(t, "/lookup?title=zzzzqqqq")
	if !strings.Contains(page, "No NOC 2021 unit group matches") {
		t.Errorf("no match: %s", text(page))
	}
	// A long field is cut, not refused.
	if resp, _ := ts.get(t, "/lookup?title="+strings.Repeat("nurse+", 400)); resp.StatusCode != http.StatusOK {
		t.Errorf("long title: %s", resp.Status)
	}
}

func TestLookupCode(t *testing.T) {
	ts := newTestServer(t, Options{})
	_, page := ts.get(t, "/lookup?code=31301")
	msg := text(page)
	for _, want := range []string{"31301 Registered nurses and registered psychiatric nurses", "TEER 1", "31 Professional occupations in health",
		"2026 2026-02-18 to (in force) Healthcare and social services occupations", "2023 2023-05-31 to 2023-12-31 Healthcare occupations", "critical care nurse"} {
		if !strings.Contains(msg, want) {
			t.Errorf("31301: %q missing from %s", want, msg)
		}
	}
	_, page = ts.get(t, "/lookup?code=21232")
	if !strings.Contains(text(page), "STEM") {
		t.Errorf("21232 is in a STEM category: %s", text(page))
	}
	_, page = ts.get(t, "/lookup?code=2174")
	if !strings.Contains(text(page), "NOC 2016 2174 is now") || !strings.Contains(page, `href="/lookup?code=21232"`) {
		t.Errorf("2174: %s", text(page))
	}
	resp, page := ts.get(t, "/lookup?code=99999")
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(text(page), "“99999” is not a NOC 2021 unit group") {
		t.Errorf("99999: %s %s", resp.Status, text(page))
	}
}

func urlQuery(s string) string { return strings.ReplaceAll(s, " ", "+") }
