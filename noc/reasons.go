package noc

// Reason codes a Result can carry (Result.Reasons). The screening stage
// keeps their wordings and kinds in its catalogue; the kind each code
// should have is said here.
const (
	// ReasonMultipleRoles notes that the cell named several roles; the one
	// chosen is the code, the others are alternatives. Note.
	ReasonMultipleRoles = "multiple_roles"
	// ReasonNotAnOccupation: the cell names no paid job ("student",
	// "retired"); no code is given. Review.
	ReasonNotAnOccupation = "not_an_occupation"
	// ReasonCodeInvalid: the row's NOC code is neither a NOC 2021 nor a
	// NOC 2016 unit group; the title was matched instead. Input error.
	ReasonCodeInvalid = "noc_code_invalid"
	// ReasonNOC2016OneToMany: the row's NOC 2016 code was split in NOC
	// 2021 and the title decides none of the codes it became; the code is
	// the one the 2016 group continues as, the others are alternatives.
	// Review.
	ReasonNOC2016OneToMany = "noc2016_one_to_many"
	// ReasonQualifierAmbiguous: the title is an official title of several
	// unit groups, told apart only by qualifiers ("personal support
	// worker - nursing care" 33102, "- home support" 44101), and the row's
	// industry, employer and duties decide none of them; the code is the
	// default reading, the others are alternatives. Review.
	ReasonQualifierAmbiguous = "noc_qualifier_ambiguous"
)
