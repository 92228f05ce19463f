package screen

import (
	"testing"

	"github.com/casescreen/casescreen/rules"
)

func TestSettleDateOrders(t *testing.T) {
	type col struct {
		order     rules.DateOrder
		unsettled bool
	}
	for _, c := range []struct {
		name    string
		tallies map[int]dateTally
		want    map[int]col
	}{
		{"one column month first settles the other",
			map[int]dateTally{3: {Ambiguous: 5}, 4: {MonthFirst: 1, Ambiguous: 2}},
			map[int]col{3: {rules.MDY, false}, 4: {rules.MDY, false}, 12: {rules.MDY, false}}},
		{"day first anywhere",
			map[int]dateTally{3: {DayFirst: 2}, 4: {Ambiguous: 1}, 9: {}},
			map[int]col{3: {rules.DMY, false}, 4: {rules.DMY, false}, 9: {rules.DMY, false}, 12: {rules.DMY, false}}},
		{"both kinds: per column, an ambiguous-only column unsettled",
			map[int]dateTally{3: {DayFirst: 1}, 4: {MonthFirst: 3}, 5: {Ambiguous: 4}},
			map[int]col{3: {rules.DMY, false}, 4: {rules.MDY, false}, 5: {rules.DMY, true}, 12: {rules.DMY, true}}},
		{"both kinds in one column: the commoner, unsettled",
			map[int]dateTally{3: {DayFirst: 1, MonthFirst: 4}, 4: {DayFirst: 2, MonthFirst: 2}},
			map[int]col{3: {rules.MDY, true}, 4: {rules.DMY, true}}},
		{"nothing settles",
			map[int]dateTally{3: {Ambiguous: 2}, 4: {Ambiguous: 1}},
			map[int]col{3: {rules.DMY, true}, 4: {rules.DMY, true}, -1: {rules.DMY, true}}},
	} {
		d := settleDateOrders(c.tallies)
		for i, w := range c.want {
			if o, u := d.of(i); o != w.order || u != w.unsettled {
				t.Errorf("%s: column %d = %v unsettled %v, want %v %v", c.name, i, o, u, w.order, w.unsettled)
			}
		}
	}
	if o, u := fixedOrders(rules.MDY).of(7); o != rules.MDY || u {
		t.Errorf("fixed mdy: %v %v", o, u)
	}
}
