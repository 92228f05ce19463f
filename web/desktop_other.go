//go:build !windows

package web

import (
	"os"

	"golang.org/x/term"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// ownConsole is Windows' test; elsewhere a terminal is always someone's.
func ownConsole() bool { return false }
