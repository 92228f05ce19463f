package noc

// concordance2016 maps NOC 2016 V1.3 codes to NOC 2021 V1.0 unit groups.
// Typed for casescreen; entries are added as they are verified against the
// official correspondence table (TestConcordanceMatchesStatCan).
var concordance2016 = map[string][]string{}

// From2016 returns the NOC 2021 codes a NOC 2016 code maps to: one for a
// one-to-one change, several when the 2016 unit group was split, none when
// the code is unknown.
func From2016(code string) []string { return concordance2016[code] }
