package web

import (
	"fmt"
	"html/template"
	"strings"
)

// The chart's colours: dark enough for text beside them and told apart
// without colour too (the counts are written out on every bar).
const (
	colourEligible    = "#1a7f37"
	colourReview      = "#b35900"
	colourNotEligible = "#c9d1d9"
)

// stackedBars draws one horizontal bar per row, split into eligible,
// review and not eligible, as inline SVG: drawn here, so the page loads
// nothing and needs no script for it. The counts are written beside each
// bar and the same figures are in the table next to the chart.
func stackedBars(id, title string, rows []countView) template.HTML {
	const (
		labelW = 430
		barW   = 360
		countW = 180
		rowH   = 28
		top    = 40
	)
	width := labelW + barW + countW
	height := top + rowH*len(rows) + 8
	esc := template.HTMLEscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="%s" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %d" width="%d" height="%d">`,
		id, id, id, width, height, width, height)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`, id, esc(title))
	var desc []string
	for _, r := range rows {
		desc = append(desc, fmt.Sprintf("%s: %d eligible, %d review, %d not eligible", r.Name, r.Eligible, r.Review, r.NotEligible))
	}
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, esc(strings.Join(desc, "; ")))
	// Legend.
	x := labelW
	for _, l := range []struct{ name, colour string }{{"eligible", colourEligible}, {"review", colourReview}, {"not eligible", colourNotEligible}} {
		fmt.Fprintf(&b, `<rect x="%d" y="10" width="14" height="14" fill="%s"/><text x="%d" y="22" class="legend">%s</text>`, x, l.colour, x+20, l.name)
		x += 20 + 9*len(l.name) + 24
	}
	for i, r := range rows {
		y := top + i*rowH
		total := r.Eligible + r.Review + r.NotEligible
		name := r.Name
		if len([]rune(name)) > 64 {
			name = string([]rune(name)[:63]) + "…"
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="label" text-anchor="end"><title>%s</title>%s</text>`, labelW-10, y+18, esc(r.Name), esc(name))
		bx := float64(labelW)
		for _, part := range []struct {
			n      int
			colour string
		}{{r.Eligible, colourEligible}, {r.Review, colourReview}, {r.NotEligible, colourNotEligible}} {
			if part.n == 0 || total == 0 {
				continue
			}
			w := float64(barW) * float64(part.n) / float64(total)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>`, bx, y+4, w, rowH-8, part.colour)
			bx += w
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="count">%d eligible · %d review</text>`, labelW+barW+10, y+18, r.Eligible, r.Review)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
