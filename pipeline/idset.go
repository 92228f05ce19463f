package pipeline

// idSet is a set of 64-bit hashes with open addressing: the batcher adds
// one per applicant, and a Go map spent a tenth of a large run on it.
type idSet struct {
	slots []uint64 // 0 = empty; stored hashes have the low bit set
	n     int
}

// add inserts h and reports whether it was already present.
func (s *idSet) add(h uint64) bool {
	if s.n*4 >= len(s.slots)*3 {
		s.grow()
	}
	h |= 1
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return true
		case 0:
			s.slots[i] = h
			s.n++
			return false
		}
	}
}

func (s *idSet) grow() {
	old := s.slots
	size := max(1024, 2*len(old))
	s.slots, s.n = make([]uint64, size), 0
	for _, h := range old {
		if h != 0 {
			s.add(h)
		}
	}
}
