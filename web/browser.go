package web

import (
	"io"
	"os"
	"os/exec"
	"runtime"
)

// OpenBrowser opens url in the desktop's browser and does not wait for it.
func OpenBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it
	return nil
}

// StartedFromDesktop reports whether the program was started by a
// double-click rather than from a terminal: stdin is a file that is not a
// terminal (a desktop launcher gives /dev/null or a pipe) or, on Windows,
// the console window is the program's own (a double-clicked .exe gets a
// new console; one typed into cmd.exe shares it).
func StartedFromDesktop(stdin io.Reader) bool {
	f, ok := stdin.(*os.File)
	if !ok {
		return false
	}
	return !isTerminal(f) || ownConsole()
}
