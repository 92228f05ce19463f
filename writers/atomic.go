package writers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// atomicFile is a temporary file beside the target, renamed over it on
// Commit. A run killed before Commit leaves the target untouched. The
// temporary name carries the process id, so two runs writing the same
// target at once never remove each other's files; a later run removes the
// leftovers of processes that are gone (see RemoveStale).
type atomicFile struct {
	*os.File
	final string
}

// tempPrefix is the start of every temporary name this process makes for
// path: ".NAME.casescreen-PID-".
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + ".casescreen-" + strconv.Itoa(os.Getpid()) + "-"
}

// CreateAtomic creates the temporary file for path; Commit renames it into
// place, Abort removes it. Leftovers of earlier runs that were killed are
// removed first.
func CreateAtomic(path string) (Output, error) {
	dir := filepath.Dir(path)
	RemoveStale(dir)
	f, err := os.CreateTemp(dir, tempPrefix(path)+"*.tmp")
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	return &atomicFile{File: f, final: path}, nil
}

// TempDir creates a private folder beside path for the spill files of the
// writer of path (the workbook's streamed sheets); the caller removes it.
// A run killed before it could leaves it for RemoveStale.
func TempDir(path string) (string, error) {
	dir := filepath.Dir(path)
	d, err := os.MkdirTemp(dir, tempPrefix(path)+"*.spool")
	if err != nil {
		return "", fmt.Errorf("output %s: %w", path, err)
	}
	return d, nil
}

// RemoveStale removes the temporary files and folders in dir that runs of
// casescreen left when they were killed: those whose process is gone. It
// reports how many it removed; errors are ignored (another run may be
// removing the same leftovers).
func RemoveStale(dir string) int { return RemoveLeftovers(dir, leftoverPID) }

// RemoveLeftovers removes the entries of dir whose name pidOf reads a
// process id from (false: not a leftover) when that process is gone, and
// reports how many it removed. Errors are ignored: another process may be
// removing the same leftovers.
func RemoveLeftovers(dir string, pidOf func(name string) (int, bool)) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		pid, ok := pidOf(e.Name())
		if !ok || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		if os.RemoveAll(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}

// leftoverPID reads the process id from a temporary name
// ".NAME.casescreen-PID-RANDOM.tmp" (or .spool).
func leftoverPID(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") || !(strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".spool")) {
		return 0, false
	}
	i := strings.LastIndex(name, ".casescreen-")
	if i < 0 {
		return 0, false
	}
	rest := name[i+len(".casescreen-"):]
	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}

// Commit flushes the file to disk and renames it over the target.
func (a *atomicFile) Commit() error {
	if err := a.Sync(); err != nil {
		a.Abort()
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	if err := a.Close(); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	if err := os.Chmod(a.Name(), 0o644); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	if err := os.Rename(a.Name(), a.final); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("output %s: %w", a.final, err)
	}
	return nil
}

// Abort discards the temporary file.
func (a *atomicFile) Abort() error {
	a.Close()
	err := os.Remove(a.Name())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// TargetError is an output path that cannot be used: the same as an input
// or as another output, or a folder. It is a mistake in the command line,
// found before any work.
type TargetError struct {
	Path   string
	Reason string
}

func (e *TargetError) Error() string { return "output " + e.Path + ": " + e.Reason }

// CheckTargets refuses output paths that would destroy an input, collide
// with each other or are folders, before anything is read or written.
// "-" (stdout) may appear once; inputs named "-" are stdin.
func CheckTargets(inputs, outputs []string) error {
	type file struct {
		path string
		abs  string
		info os.FileInfo
	}
	stat := func(p string) file {
		f := file{path: p}
		f.abs, _ = filepath.Abs(p)
		f.info, _ = os.Stat(p)
		return f
	}
	same := func(a, b file) bool {
		if a.info != nil && b.info != nil {
			return os.SameFile(a.info, b.info)
		}
		return a.abs == b.abs
	}
	var ins, outs []file
	for _, p := range inputs {
		if p != "-" {
			ins = append(ins, stat(p))
		}
	}
	stdout := false
	for _, p := range outputs {
		if p == "-" {
			if stdout {
				return &TargetError{Path: "-", Reason: "stdout given twice"}
			}
			stdout = true
			continue
		}
		o := stat(p)
		if o.info != nil && o.info.IsDir() {
			return &TargetError{Path: p, Reason: "is a folder; name a file"}
		}
		for _, in := range ins {
			if same(o, in) {
				return &TargetError{Path: p, Reason: "is also an input; the input would be overwritten"}
			}
		}
		for _, prev := range outs {
			if same(o, prev) {
				return &TargetError{Path: p, Reason: "given twice"}
			}
		}
		outs = append(outs, o)
	}
	return nil
}
