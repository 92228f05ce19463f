package noc

// Rewrites that need the index's vocabulary: words written together or
// apart ("housecleaner", "book keeper") and an activity named instead of the
// person doing it ("welding", "house cleaning"). They are tried after the
// title as typed has no exact match.

// agentNouns turns an activity at the head of a title into the person who
// does it: "WELDING" -> welder, "general cleaning" -> general cleaner.
// Typed for casescreen.
var agentNouns = map[string][]string{
	"cleaning": {"cleaner"}, "housekeeping": {"housekeeper"}, "housecleaning": {"housecleaner"},
	"welding": {"welder"}, "farming": {"farmer"}, "ranching": {"rancher"}, "bookkeeping": {"bookkeeper"},
	"nursing": {"nurse"}, "teaching": {"teacher"}, "tutoring": {"tutor"}, "accounting": {"accountant"},
	"plumbing": {"plumber"}, "roofing": {"roofer"}, "landscaping": {"landscaper"}, "painting": {"painter"},
	"trucking": {"truck", "driver"}, "driving": {"driver"}, "babysitting": {"babysitter"}, "cooking": {"cook"},
	"baking": {"baker"}, "carpentry": {"carpenter"}, "framing": {"framer"}, "drywalling": {"drywaller"},
	"consulting": {"consultant"}, "logging": {"logger"}, "fishing": {"fisherman"}, "mining": {"miner"},
	"hairdressing": {"hairdresser"}, "hairstyling": {"hairstylist"}, "machining": {"machinist"},
	"cashiering": {"cashier"}, "bartending": {"bartender"}, "waitressing": {"waiter"}, "serving": {"server"},
	"janitorial": {"janitor"}, "caretaking": {"caretaker"}, "gardening": {"gardener"}, "nannying": {"nanny"},
	"programming": {"programmer"}, "drafting": {"drafter"}, "surveying": {"surveyor"}, "editing": {"editor"},
	"translation": {"translator"}, "translating": {"translator"}, "interpreting": {"interpreter"},
	"photography": {"photographer"}, "counselling": {"counsellor"}, "counseling": {"counsellor"},
	"bricklaying": {"bricklayer"}, "masonry": {"mason"}, "upholstery": {"upholsterer"}, "tailoring": {"tailor"},
	"sewing": {"sewing", "machine", "operator"}, "dispatching": {"dispatcher"}, "receiving": {"receiver"},
	"shipping": {"shipper"}, "purchasing": {"purchaser"}, "auditing": {"auditor"}, "lifeguarding": {"lifeguard"},
	"coaching": {"coach"}, "trapping": {"trapper"}, "hunting": {"hunter"}, "butchering": {"butcher"},
	"housesitting": {"house", "sitter"}, "reception": {"receptionist"},
	"pharmacy": {"pharmacist"}, "dentistry": {"dentist"}, "physiotherapy": {"physiotherapist"},
	"homecare": {"home", "care", "worker"}, "childcare": {"child", "care", "worker"},
	"daycare": {"daycare", "worker"}, "esthetics": {"esthetician"}, "millwrighting": {"millwright"},
}

// ownerWords name the owner of a business.
var ownerWords = set("owner", "proprietor", "proprietress", "coowner", "operator_")

// rewrite returns toks with compounds split or joined and an activity head
// turned into its agent, or nil when nothing changes.
func (ix *Index) rewrite(toks []string) []string {
	out := make([]string, 0, len(toks)+2)
	changed := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && !ix.exactTitle(t) {
			// "book keeper", "fire fighter", "house keeping": written apart.
			if j := t + toks[i+1]; ix.inTitles(j) {
				out = append(out, j)
				i++
				changed = true
				continue
			}
		}
		if !ix.inTitles(t) {
			if a, b, ok := ix.splitCompound(t); ok {
				out = append(out, a, b)
				changed = true
				continue
			}
		}
		out = append(out, t)
	}
	if n := len(out); n >= 2 && out[n-2] == "self" && out[n-1] == "employed" {
		out = append(out[:n-2:n-2], "owner") // "self-employed": the owner of a business
		changed = true
	}
	if n := len(out); n > 0 && ownerWords[out[n-1]] {
		// NOC codes an owner who runs the business as its manager:
		// "restaurant owner" is a restaurant manager.
		out = append(out[:n-1:n-1], "manager")
		changed = true
	}
	if n := len(out); n > 0 {
		if agent, ok := agentNouns[out[n-1]]; ok {
			out = append(out[:n-1:n-1], agent...)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return out
}

// splitCompound splits a word unknown to the titles into two that are
// known, each at least three letters: "housecleaner" -> house cleaner. The
// split with the longer second part wins: the head is usually the end.
func (ix *Index) splitCompound(t string) (string, string, bool) {
	if len(t) > maxCompound {
		return "", "", false
	}
	for i := 3; i <= len(t)-3; i++ {
		if ix.inTitles(t[:i]) && ix.inTitles(t[i:]) {
			return t[:i], t[i:], true
		}
	}
	return "", "", false
}

// maxCompound is the longest word splitCompound tries: real compounds are
// short, and a long word would cost a lookup per letter.
const maxCompound = 32

// inTitles reports whether t occurs in some indexed title.
func (ix *Index) inTitles(t string) bool {
	id, ok := ix.vocab[t]
	return ok && len(ix.postings[id]) > 0
}

// exactTitle reports whether the single word t is an indexed title.
func (ix *Index) exactTitle(t string) bool { _, ok := ix.exact[t]; return ok }
