package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Proof of funds (FSW and FST): dated tables by family size
// (data/funds.json, errata 5).

//go:embed data/funds.json
var fundsJSON []byte

// FundsTable is the settlement funds required in one period.
type FundsTable struct {
	EffectiveFrom Date    `json:"effective_from"`
	EffectiveTo   *Date   `json:"effective_to"`
	Amounts       []int   `json:"amounts"` // family size 1, 2, ...
	EachExtra     int     `json:"each_extra"`
	period        [2]Date // from, to (to zero: open)
}

// Required is the amount for a family of size n (n >= 1).
func (t *FundsTable) Required(n int) int {
	if n <= len(t.Amounts) {
		return t.Amounts[n-1]
	}
	return t.Amounts[len(t.Amounts)-1] + (n-len(t.Amounts))*t.EachExtra
}

var (
	fundsOnce   sync.Once
	fundsTables []FundsTable
	fundsErr    error
)

func parseFunds(data []byte) ([]FundsTable, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f struct {
		Format string       `json:"format"`
		Note   string       `json:"note"`
		Tables []FundsTable `json:"tables"`
	}
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	for i := range f.Tables {
		t := &f.Tables[i]
		if len(t.Amounts) == 0 || t.EachExtra <= 0 || t.EffectiveFrom.IsZero() {
			return nil, fmt.Errorf("funds table %d: amounts, each_extra and effective_from are needed", i+1)
		}
		for k := 1; k < len(t.Amounts); k++ {
			if t.Amounts[k] <= t.Amounts[k-1] {
				return nil, fmt.Errorf("funds table %d: amounts must grow with the family", i+1)
			}
		}
		t.period[0] = t.EffectiveFrom
		if t.EffectiveTo != nil {
			t.period[1] = *t.EffectiveTo
		}
	}
	return f.Tables, nil
}

// FundsAt returns the table in force on day, or nil.
func FundsAt(day Date) *FundsTable {
	fundsOnce.Do(func() { fundsTables, fundsErr = parseFunds(fundsJSON) })
	if fundsErr != nil {
		panic("built-in funds table: " + fundsErr.Error())
	}
	for i := range fundsTables {
		t := &fundsTables[i]
		if !day.Before(t.period[0]) && (t.period[1].IsZero() || !t.period[1].Before(day)) {
			return t
		}
	}
	return nil
}

// FamilySize is the proof-of-funds family size: the family_size column,
// else the applicant, a spouse or partner (accompanying or not) and the
// dependent children (errata 5). ok is false when it cannot be known.
func (p *Profile) FamilySizeOf() (n int, ok bool) {
	if p.FamilySize != Unknown {
		return p.FamilySize, true
	}
	if p.FamilyUnreadable {
		return 0, false
	}
	n = 1 + max(p.DependentChildren, 0)
	if p.Marital.HasPartner() {
		n++
	}
	return n, true
}

// fundsCheck applies the proof of funds: "" when met or waived, else a
// code; review tells whether the code is a doubt (review) rather than a
// failure.
func fundsCheck(p *Profile, asOf Date) (code string, review bool) {
	if p.JobOffer.Yes() && p.AuthorizedToWork.Yes() {
		return "", false
	}
	t := FundsAt(asOf)
	if t == nil {
		return ReasonFundsRequirementUnknown, true
	}
	n, ok := p.FamilySizeOf()
	if !ok {
		return ReasonFamilySizeUnknown, true
	}
	if p.SettlementFunds == Unknown {
		return ReasonSettlementFundsUnknown, true
	}
	if p.SettlementFunds < float64(t.Required(n)) {
		return ReasonFundsBelowRequired, false
	}
	return "", false
}
