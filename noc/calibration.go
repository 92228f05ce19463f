package noc

import (
	"cmp"
	"math"
	"slices"
)

// The score of a match is a calibrated probability: a logistic function of
// a few features of the match, each entering monotonically, fitted on one
// half of ../shared/eval/dev_titles.csv (split by a hash of the title) and
// reported on the other half (docs/matching.md). The weights are in
// calibration_fit.go, written by
//
//	NOC_CALIBRATE=1 go test ./noc -run TestFitCalibration
//
// The features say how the code was found, not which title or code it is.

// features are what the score of a match is computed from.
type features struct {
	kind      matchKind
	sim       float64 // similarity of the code's best title (1 for an exact title)
	margin    float64 // (code - runner-up) / code, of similarity or context agreement
	generic   bool    // the title says little alone (a generic head, a title of many unit groups)
	hasCtx    bool    // the row has an informative industry, employer or duties
	agree     float64 // how much of that context the code's description holds, 0..1
	qualOnly  bool    // one code has the title, only with a qualifier
	shared    bool    // several codes share the exact title
	ambiguous bool    // ... none has it plainly, and the context decides none
	roles     int     // roles named in the cell
	curated   bool    // the code is that of one of casescreen's curated titles (MethodAlias)
}

// featureNames name the entries of vector, in order.
var featureNames = [...]string{"bias", "exact", "reading", "partial", "context", "qualified", "shared", "ambiguous", "generic",
	"generic_no_context", "similarity", "margin", "has_context", "agreement", "no_agreement", "several_roles",
	"curated"}

const numFeatures = len(featureNames)

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// vector is the features as the calibration's inputs.
func (f features) vector() [numFeatures]float64 {
	return [numFeatures]float64{
		1,
		b2f(f.kind == kindExact),
		b2f(f.kind == kindReading),
		b2f(f.kind == kindPartial),
		b2f(f.kind == kindContext),
		b2f(f.qualOnly),
		b2f(f.shared),
		b2f(f.ambiguous),
		b2f(f.generic),
		b2f(f.generic && !f.hasCtx),
		f.sim,
		f.margin,
		b2f(f.hasCtx),
		f.agree,
		b2f(f.hasCtx && f.agree == 0),
		b2f(f.roles > 1),
		b2f(f.curated),
	}
}

// probability is the calibrated chance that the match is right.
func (f features) probability() float64 {
	if f.kind == kindNone {
		return 0
	}
	x := f.vector()
	z := 0.0
	for i, v := range x {
		z += calibration[i] * v
	}
	p := remap(1/(1+math.Exp(-z)), reliability)
	if f.generic && !f.hasCtx || f.ambiguous {
		p = math.Min(p, genericCap)
	}
	return clamp01(p)
}

// knot is a point of a monotone map of probabilities: the logistic's
// estimate from, read as to.
type knot struct{ from, to float64 }

// remap reads p through the piecewise-linear map through knots (sorted,
// both coordinates increasing): p itself when there are none, the first or
// last knot's value outside them.
func remap(p float64, knots []knot) float64 {
	n := len(knots)
	switch {
	case n == 0:
		return p
	case p <= knots[0].from:
		return knots[0].to
	case p >= knots[n-1].from:
		return knots[n-1].to
	}
	i, _ := slices.BinarySearchFunc(knots, p, func(k knot, p float64) int { return cmp.Compare(k.from, p) })
	a, b := knots[i-1], knots[i]
	return a.to + (b.to-a.to)*(p-a.from)/(b.from-a.from)
}
