package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// listExtensions are the client-list formats the readers open.
var listExtensions = map[string]bool{".csv": true, ".tsv": true, ".txt": true, ".xlsx": true, ".parquet": true}

// userError is a problem the person at the page can fix: its message is
// shown on the page (it may name their file) and never logged; kind is a
// short code for the log.
type userError struct {
	status int
	kind   string
	msg    string
}

func (e *userError) Error() string { return e.msg }

func userErr(status int, kind, format string, a ...any) *userError {
	return &userError{status: status, kind: kind, msg: fmt.Sprintf(format, a...)}
}

// upload is what one Screen press sent, saved in the run's folder.
type upload struct {
	asOf         string
	lists        []saved
	overrides    *saved
	perApplicant bool // one workbook per applicant, asked for
}

// saved is an uploaded file: where it is and the name it had.
type saved struct {
	path string
	name string
}

// receive reads the upload as a stream, part by part, writing each file
// straight into dir (lists) or dir/config (the overrides file): memory
// stays small whatever the size of the files. The request body is bounded
// by the guard; the number of lists here. A failure is a *userError,
// returned with what was read so far (the form shows the date again); the
// caller removes dir.
func (s *Server) receive(r *http.Request, dir string) (*upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, userErr(http.StatusBadRequest, "not_multipart", "The form did not arrive as an upload. Choose the files on the Screen page and press Screen.")
	}
	up := &upload{}
	taken := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return up, s.bodyError(err)
		}
		switch part.FormName() {
		case "as_of":
			b, err := io.ReadAll(io.LimitReader(part, 65))
			if err != nil {
				return up, s.bodyError(err)
			}
			if len(b) > 64 {
				return up, userErr(http.StatusBadRequest, "as_of_too_long", "The as-of date is not a date: use the form YYYY-MM-DD.")
			}
			up.asOf = strings.TrimSpace(string(b))
		case "per_applicant":
			b, err := io.ReadAll(io.LimitReader(part, 16))
			if err != nil {
				return up, s.bodyError(err)
			}
			up.perApplicant = strings.TrimSpace(string(b)) != ""
		case "lists":
			if part.FileName() == "" {
				continue // the file input sent with nothing chosen
			}
			name := safeName(part.FileName())
			if !listExtensions[strings.ToLower(filepath.Ext(name))] {
				return up, userErr(http.StatusBadRequest, "list_type", "“%s” is not a client list this page reads: choose CSV, XLSX or Parquet files.", name)
			}
			if len(up.lists) == s.opt.MaxFiles {
				return up, userErr(http.StatusRequestEntityTooLarge, "too_many_lists",
					"At most %d client lists can be screened at once. Screen the others in a second round.", s.opt.MaxFiles)
			}
			f, err := s.save(part, dir, unique(name, taken))
			if err != nil {
				return up, err
			}
			up.lists = append(up.lists, saved{path: f, name: name})
		case "overrides":
			if part.FileName() == "" {
				continue
			}
			if up.overrides != nil {
				return up, userErr(http.StatusBadRequest, "two_overrides", "Choose one overrides file at most.")
			}
			name := safeName(part.FileName())
			if strings.ToLower(filepath.Ext(name)) != ".csv" {
				return up, userErr(http.StatusBadRequest, "overrides_type",
					"The overrides file “%s” must be a CSV file with the columns job_title, noc_code and, optionally, industry.", name)
			}
			cfg := filepath.Join(dir, "config")
			if err := os.Mkdir(cfg, 0o700); err != nil {
				return up, err
			}
			f, err := s.save(part, cfg, name)
			if err != nil {
				return up, err
			}
			up.overrides = &saved{path: f, name: name}
		default:
			// Unknown fields are read past (the body limit bounds them).
			if _, err := io.Copy(io.Discard, part); err != nil {
				return up, s.bodyError(err)
			}
		}
	}
	if len(up.lists) == 0 {
		return up, userErr(http.StatusBadRequest, "no_list", "Choose at least one client list (CSV, XLSX or Parquet), then press Screen.")
	}
	return up, nil
}

// save copies one uploaded file into dir under name (mode 0600). An empty
// file is refused: a list still being synced by a cloud drive looks empty.
func (s *Server) save(part io.Reader, dir, name string) (string, error) {
	p := filepath.Join(dir, name)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", err
	}
	n, err := io.Copy(f, part)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", s.bodyError(err)
	}
	if n == 0 {
		return "", userErr(http.StatusBadRequest, "empty_file", "“%s” is empty. Choose the file again (a file still being downloaded or synced can look empty).", name)
	}
	return p, nil
}

// bodyError says what went wrong reading the request body: too large,
// or cut off.
func (s *Server) bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return userErr(http.StatusRequestEntityTooLarge, "upload_too_large",
			"The upload is larger than %s, the most this page takes at once. Screen the lists in smaller groups, or use “casescreen run” for very large files.",
			sizeText(s.opt.MaxUpload))
	}
	var ue *userError
	if errors.As(err, &ue) {
		return ue
	}
	return userErr(http.StatusBadRequest, "upload_cut", "The upload stopped before it was complete. Press Screen again.")
}

// sizeText renders a byte count for people: "256 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// safeName makes an uploaded file's name safe to store and show: its last
// path element, without control characters or characters Windows refuses,
// at most 100 characters before the extension.
func safeName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		case r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r):
			return '_'
		}
		return r
	}, name)
	name = strings.TrimRight(strings.TrimSpace(name), ". ")
	ext := filepath.Ext(name)
	if len(ext) > 10 {
		ext = ""
	}
	stem := strings.TrimSuffix(name, ext)
	if r := []rune(stem); len(r) > 100 {
		stem = string(r[:100])
	}
	if stem == "" || strings.Trim(stem, ".") == "" {
		stem = "list"
	}
	if windowsDevices[strings.ToUpper(stem)] {
		stem = "_" + stem // "con.csv" would open the console on Windows
	}
	return stem + ext
}

// windowsDevices are names Windows keeps for devices, whatever the
// extension.
var windowsDevices = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// unique returns name, or "name (2).ext" ... when taken already holds it.
func unique(name string, taken map[string]bool) string {
	key := strings.ToLower(name)
	if !taken[key] {
		taken[key] = true
		return name
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; ; i++ {
		n := fmt.Sprintf("%s (%d)%s", stem, i, ext)
		if !taken[strings.ToLower(n)] {
			taken[strings.ToLower(n)] = true
			return n
		}
	}
}
