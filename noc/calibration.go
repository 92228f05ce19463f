package noc

import "math"

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
	p := 1 / (1 + math.Exp(-z))
	if f.generic && !f.hasCtx || f.ambiguous {
		p = math.Min(p, genericCap)
	}
	return clamp01(p)
}
