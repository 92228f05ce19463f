package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/casescreen/casescreen/noc"
	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/screen"
)

// newApplicantsTable starts the Applicants sheet: one row per applicant in
// the order the input first names them, with the carried columns and
// every column that describes the applicant, in words.
func (b *book) newApplicantsTable(name string, max int) (*table, error) {
	cols := []column{{"Applicant", 14}}
	for _, i := range b.lay.carry {
		cols = append(cols, column{b.job.Schema().Input[i], 20})
	}
	for _, k := range b.lay.applicant {
		c := b.job.Schema().Columns[k]
		w := 16.0
		switch {
		case c.Name == "explanation":
			w = 70
		case c.Type == pipeline.Text && len(c.Name) > 12:
			w = 30
		}
		cols = append(cols, column{screen.ColumnTitle(c.Name), w})
	}
	t, err := b.newTable(name, cols, max)
	if err != nil {
		return nil, err
	}
	t.cutNote = "the Rows sheet has every row."
	return t, nil
}

// applicantCells is r's applicant as a row of the Applicants sheet.
func (b *book) applicantCells(r *pipeline.Record) []any {
	cells := []any{excelize.Cell{Value: xlsxText(b.applicantName(r)), StyleID: b.st.text}}
	for _, i := range b.lay.carry {
		cells = append(cells, xlsxText(field(r, i)))
	}
	for _, k := range b.lay.applicant {
		c, v := b.job.Schema().Columns[k], r.Out[k]
		if c.Type != pipeline.Text || v.Blank() {
			cells = append(cells, b.value(c.Type, v))
			continue
		}
		cells = append(cells, excelize.Cell{Value: xlsxText(b.job.Words(c.Name, v.Text)), StyleID: b.statusStyle(k, v.Text)})
	}
	return cells
}

// statusStyle colours a per-applicant cell: green for what is met, amber
// for what needs a person.
func (b *book) statusStyle(k int, v string) int {
	switch {
	case k == b.lay.eligible || v == "eligible":
		return b.st.yes
	case k == b.lay.inReview || v == "review":
		return b.st.review
	}
	return b.st.wrap
}

// newReviewTable starts a Review sheet: the rows that need a person.
func (b *book) newReviewTable(name string, max int) (*table, error) {
	return b.newTable(name, []column{{"Applicant", 14}, {"File", 16}, {"Row", 7}, {"Job title", 30},
		{"What to check", 50}, {"Holds up", 30}, {"NOC code", 10}, {"NOC title", 34}, {"Score", 8}, {"Other candidates", 44}}, max)
}

// reviewCells is r as a row of the Review sheet.
func (b *book) reviewCells(r *pipeline.Record) []any {
	var titles []string
	for _, c := range b.lay.titleCols {
		if t := field(r, c); t != "" {
			titles = append(titles, t)
		}
	}
	return []any{
		excelize.Cell{Value: xlsxText(b.applicantName(r)), StyleID: b.st.text},
		xlsxText(r.Source), r.Row, xlsxText(strings.Join(titles, " | ")),
		excelize.Cell{Value: xlsxText(toCheck(r)), StyleID: b.st.wrap},
		excelize.Cell{Value: xlsxText(b.heldUp(r)), StyleID: b.st.wrap},
		excelize.Cell{Value: xlsxText(r.Out[b.lay.code].Text), StyleID: b.st.text},
		excelize.Cell{Value: xlsxText(r.Out[b.lay.title].Text), StyleID: b.st.wrap},
		b.value(pipeline.Float, r.Out[b.lay.score]),
		excelize.Cell{Value: xlsxText(alternatives(r.Out[b.lay.alts].Text)), StyleID: b.st.wrap},
	}
}

// toCheck says, one per line, what a person must look at on the row: its
// reasons that are more than notes.
func toCheck(r *pipeline.Record) string {
	var out []string
	seen := map[string]bool{}
	for _, p := range r.Problems {
		if p.Kind == pipeline.Note || seen[p.Code] {
			continue
		}
		seen[p.Code] = true
		out = append(out, screen.ReasonWords(p.Code))
	}
	return strings.Join(out, "\n")
}

// heldUp names what the row's doubts hold up: the applicant's categories
// and programs that are in review.
func (b *book) heldUp(r *pipeline.Record) string {
	var out []string
	if b.lay.inReview >= 0 {
		if v := r.Out[b.lay.inReview].Text; v != "" {
			out = append(out, b.job.Words("review_categories", v))
		}
	}
	for _, k := range b.lay.applicant {
		name := b.job.Schema().Columns[k].Name
		if id, ok := strings.CutSuffix(name, "_status"); ok && r.Out[k].Text == "review" {
			out = append(out, b.job.Name(id))
		}
	}
	return strings.Join(out, "; ")
}

// alternatives lists "code:score;..." as "code title (score)", one a line.
func alternatives(s string) string {
	if s == "" {
		return ""
	}
	cls := noc.Builtin()
	var out []string
	for item := range strings.SplitSeq(strings.ReplaceAll(s, " | ", ";"), ";") { // " | " joins the jobs of a wide row
		code, score, _ := strings.Cut(item, ":")
		line := code
		if u := cls.Unit(code); u != nil {
			line += " " + u.Title
		}
		if score != "" {
			line += " (" + score + ")"
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
