package screen

import "testing"

func TestInspectCandidates(t *testing.T) {
	tests := []struct {
		header  []string
		field   string
		want    string // the candidate, "" for none
		missing bool   // whether the field is reported missing at all
	}{
		{[]string{"Client", "Position held", "Start"}, "job_title", "Position held", true},
		{[]string{"Client", "Occupation", "Start"}, "job_title", "", false},
		{[]string{"Client", "Title", "Start", "Finished"}, "end_date", "Finished", true},
		{[]string{"Client", "Title", "Start", "Ends"}, "end_date", "", true},
		{[]string{"Client", "Title", "Start", "To", "Weekly hrs worked"}, "hours_per_week", "", true}, // "hrs" is too short a spelling to guess from
		{[]string{"Title", "Start", "Client name"}, "applicant_id", "Client name", true},
	}
	for _, tt := range tests {
		in := &Inspection{Header: tt.header}
		inspect(in, nil)
		var found *MissingField
		for i := range in.Missing {
			if in.Missing[i].Field == tt.field {
				found = &in.Missing[i]
			}
		}
		if (found != nil) != tt.missing {
			t.Errorf("%q: %s missing = %v, want %v (%+v)", tt.header, tt.field, found != nil, tt.missing, in.Missing)
			continue
		}
		if found != nil && found.Candidate != tt.want {
			t.Errorf("%q: %s candidate %q, want %q", tt.header, tt.field, found.Candidate, tt.want)
		}
	}
}
