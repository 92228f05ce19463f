//go:build windows

package web

import (
	"os"
	"syscall"
	"unsafe"

	"golang.org/x/term"
)

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// ownConsole reports whether this process is the only one attached to its
// console: Explorer made the console for the double-clicked program. From
// cmd.exe or PowerShell the shell is attached too.
func ownConsole() bool {
	if getConsoleProcessList.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
