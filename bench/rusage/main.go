// Command rusage runs a program and writes its wall time, CPU time and
// peak RSS to a report file:
//
//	rusage REPORT PROG [ARG...]
//
// The benchmarks start the programs they measure through it because on
// Linux a child's ru_maxrss starts at the high-water mark of the address
// space it was started from (Go starts children with CLONE_VM, and exec
// records the shared address space's peak), so a child started straight
// from the benchmark process would report at least the benchmark's own
// peak. Started from this small process, it reports its own.
//
// The report has one "name value" pair a line: wall_ns, user_ns, sys_ns,
// maxrss_kb and exit. rusage exits with the program's exit code.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: rusage REPORT PROG [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "rusage:", err)
		os.Exit(127)
	}
	ps := cmd.ProcessState
	var maxrss int64
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		maxrss = ru.Maxrss
	}
	report := fmt.Sprintf("wall_ns %d\nuser_ns %d\nsys_ns %d\nmaxrss_kb %d\nexit %d\n",
		wall.Nanoseconds(), ps.UserTime().Nanoseconds(), ps.SystemTime().Nanoseconds(), maxrss, code)
	if err := os.WriteFile(os.Args[1], []byte(report), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "rusage:", err)
		os.Exit(127)
	}
	os.Exit(code)
}
