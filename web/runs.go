package web

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/casescreen/casescreen/pipeline"
	"github.com/casescreen/casescreen/report"
	"github.com/casescreen/casescreen/rules"
	"github.com/casescreen/casescreen/screen"
)

// The states of a run.
const (
	stateWaiting = "waiting"
	stateRunning = "running"
	stateDone    = "done"
	stateFailed  = "failed"
)

// run is one Screen press: its folder, its progress and, once done, what
// the page shows of it and the files to download.
type run struct {
	id      int
	dir     string // the run's folder in the private folder
	lists   []string
	asOf    string
	overr   string // the overrides file's name, if any
	started time.Time
	job     *screen.Job // set until Run returns
	ruleSet *rules.RuleSet
	cancel  context.CancelFunc

	mu       sync.Mutex
	state    string
	progress screen.Progress
	sum      *screen.Summary
	disp     *display
	errMsg   string
	files    []*download
	finished time.Time
	// forgotten is set when the person removed a run still going: its
	// folder goes when it stops.
	forgotten bool
}

// download is one file of a run's results.
type download struct {
	key, name, kind string
	label           string
	path            string
	gone            bool // downloaded (and removed) or never made
}

func (r *run) setProgress(p screen.Progress) {
	r.mu.Lock()
	r.progress = p
	r.mu.Unlock()
}

func (r *run) finishedRun() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state == stateDone || r.state == stateFailed
}

// handleScreen receives an upload, opens the screening job (so a broken
// file or date gets its message at once, on the form), and starts the run;
// the browser is sent on to the run's page.
func (s *Server) handleScreen(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	closed := s.closed
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	if closed {
		http.Error(w, "casescreen is stopping.", http.StatusServiceUnavailable)
		return
	}
	rn, typed, err := s.start(r, id)
	if err != nil {
		var ue *userError
		if !errors.As(err, &ue) {
			s.log.Error().Int("run", id).Msg("could not start the run: the private folder failed")
			ue = userErr(http.StatusInternalServerError, "internal", "casescreen could not store the upload in its temporary folder. Check the free space, then press Screen again.")
		} else {
			s.log.Warn().Int("run", id).Str("problem", ue.kind).Msg("upload refused")
		}
		if ue.status == http.StatusRequestEntityTooLarge {
			// The rest of a large body is not worth reading.
			w.Header().Set("Connection", "close")
		}
		s.renderIndex(w, r, ue.status, ue.msg, typed)
		return
	}
	http.Redirect(w, r, "/runs/"+strconv.Itoa(rn.id), http.StatusSeeOther)
}

// start saves the upload in a new run folder, opens the job and its
// outputs and starts it. On any error the run folder is removed: a bad
// upload leaves nothing behind and touches no other run.
//
// typed is the as-of date as the form sent it, for the form shown again.
func (s *Server) start(r *http.Request, id int) (rn *run, typed string, err error) {
	dir := filepath.Join(s.dir, "run-"+strconv.Itoa(id))
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, "", err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o700); err != nil {
		return nil, typed, err
	}
	up, err := s.receive(r, in)
	if up != nil {
		typed = up.asOf
	}
	if err != nil {
		return nil, typed, err
	}
	asOf, err := s.parseAsOf(up.asOf)
	if err != nil {
		return nil, typed, err
	}
	rn = &run{id: id, dir: dir, asOf: asOf.String(), started: time.Now(), state: stateWaiting}
	var paths []string
	for _, l := range up.lists {
		paths = append(paths, l.path)
		rn.lists = append(rn.lists, l.name)
	}
	order, _ := rules.ParseDateOrder("") // the default of "casescreen run"
	ix, err := s.loadIndex()             // built once for the lookup page and every run
	if err != nil {
		return nil, typed, err
	}
	cfg := screen.Config{Inputs: paths, AsOf: asOf, DateOrder: order, Workers: s.opt.Workers, Index: ix,
		Version: s.opt.Version, Log: s.jobLog(id), Progress: rn.setProgress}
	if up.overrides != nil {
		cfg.Overrides = up.overrides.path
		rn.overr = up.overrides.name
	}
	job, err := screen.Open(cfg)
	if err != nil {
		return nil, typed, s.openError(err, dir, up)
	}
	outDir := filepath.Join(dir, "out")
	if err := os.Mkdir(outDir, 0o700); err != nil {
		job.Close()
		return nil, typed, err
	}
	stem := strings.TrimSuffix(up.lists[0].name, filepath.Ext(up.lists[0].name))
	rn.files = []*download{
		{key: "report", name: stem + ".report.xlsx", label: "Report (Excel workbook)",
			kind: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{key: "csv", name: stem + ".annotated.csv", label: "Annotated rows (CSV)", kind: "text/csv; charset=utf-8"},
	}
	for _, f := range rn.files {
		f.path = filepath.Join(outDir, f.name)
	}
	// One workbook per applicant, when asked for: written by the report
	// into a folder of the run, zipped when the run is done.
	opt := report.Options{}
	perApplicant := ""
	if up.perApplicant {
		perApplicant = filepath.Join(dir, "per-applicant")
		opt.PerApplicant = perApplicant
		rn.files = append(rn.files, &download{key: "per-applicant", name: stem + ".per-applicant.zip",
			label: "One workbook per applicant (zip)", kind: "application/zip",
			path: filepath.Join(outDir, stem+".per-applicant.zip")})
	}
	sinks, err := report.Outputs(job, []string{rn.files[0].path, rn.files[1].path}, io.Discard, opt)
	if err != nil {
		job.Close()
		return nil, typed, s.openError(err, dir, up)
	}
	rn.job, rn.ruleSet = job, job.RuleSet()
	rn.disp = newDisplay(job, s.opt.MaxApplicants, s.opt.MaxReview)
	sinks = append(sinks, rn.disp)
	if err := s.keep(rn); err != nil {
		for _, sk := range sinks {
			sk.Abort()
		}
		job.Close()
		return nil, typed, err
	}
	ctx, cancel := context.WithCancel(s.ctx)
	rn.cancel = cancel
	s.wg.Add(1)
	go s.execute(ctx, rn, sinks, perApplicant)
	s.log.Info().Int("run", id).Int("lists", len(up.lists)).Bool("overrides", up.overrides != nil).Str("as_of", rn.asOf).Msg("run queued")
	return rn, typed, nil
}

// parseAsOf reads the as-of date of the form; blank is today.
func (s *Server) parseAsOf(v string) (rules.Date, error) {
	if v == "" {
		t := s.opt.Now()
		return rules.MakeDate(t.Year(), int(t.Month()), t.Day()), nil
	}
	d, err := rules.ParseISODate(v)
	if err != nil {
		return 0, userErr(http.StatusBadRequest, "as_of", "The as-of date “%s” is not a date: use the form YYYY-MM-DD, for example %s.", v, s.opt.Now().Format("2006-01-02"))
	}
	return d, nil
}

// openError says why a job could not open, in words for the page, without
// the private folder's path.
func (s *Server) openError(err error, dir string, up *upload) error {
	msg := strings.NewReplacer(filepath.Join(dir, "in")+string(filepath.Separator), "",
		filepath.Join(dir, "config")+string(filepath.Separator), "", dir+string(filepath.Separator), "").Replace(err.Error())
	var ce *screen.ConfigError
	var unknown *screen.UnknownRuleSetError
	switch {
	case errors.As(err, &ce) && up.overrides != nil && ce.File == up.overrides.path:
		return userErr(http.StatusBadRequest, "overrides_unusable", "The overrides file could not be used: %s", msg)
	case errors.As(err, &ce), errors.As(err, &unknown):
		return userErr(http.StatusBadRequest, "config", "The screening could not start: %s", msg)
	}
	return userErr(http.StatusBadRequest, "list_unreadable", "The list could not be read: %s. Nothing was screened; fix the file and press Screen again.", msg)
}

// keep adds a run to the runs the page remembers, forgetting the oldest
// finished ones beyond KeepRuns. When every run kept is still going, the
// new one is refused.
func (s *Server) keep(rn *run) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return userErr(http.StatusServiceUnavailable, "closing", "casescreen is stopping.")
	}
	for len(s.runs) >= s.opt.KeepRuns {
		i := -1
		for k, o := range s.runs {
			if o.finishedRun() {
				i = k
				break
			}
		}
		if i < 0 {
			return userErr(http.StatusServiceUnavailable, "busy", "%d lists are still being screened or waiting. Wait for one to finish, then press Screen again.", len(s.runs))
		}
		old := s.runs[i]
		s.runs = append(s.runs[:i], s.runs[i+1:]...)
		os.RemoveAll(old.dir)
	}
	s.runs = append(s.runs, rn)
	return nil
}

// lookupRun finds a kept run by the id in the path.
func (s *Server) lookupRun(r *http.Request) *run {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rn := range s.runs {
		if rn.id == id {
			return rn
		}
	}
	return nil
}

// execute runs the job once a slot is free. The uploads are removed as
// soon as the run ends; the outputs when downloaded.
func (s *Server) execute(ctx context.Context, rn *run, sinks []pipeline.Sink, perApplicant string) {
	defer s.wg.Done()
	defer rn.cancel()
	fail := func(msg string) {
		rn.mu.Lock()
		rn.state, rn.errMsg, rn.finished = stateFailed, msg, time.Now()
		rn.job = nil
		for _, f := range rn.files {
			f.gone = true
		}
		forgotten := rn.forgotten
		rn.mu.Unlock()
		os.RemoveAll(filepath.Join(rn.dir, "out"))
		if perApplicant != "" {
			os.RemoveAll(perApplicant)
		}
		if forgotten {
			os.RemoveAll(rn.dir)
		}
	}
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		for _, sk := range sinks {
			sk.Abort()
		}
		rn.job.Close()
		os.RemoveAll(filepath.Join(rn.dir, "in"))
		fail("The run was stopped before it started.")
		s.log.Info().Int("run", rn.id).Msg("run stopped before it started")
		return
	}
	defer func() { <-s.slots }()
	rn.mu.Lock()
	rn.state = stateRunning
	job := rn.job
	rn.mu.Unlock()
	sum, err := job.Run(ctx, sinks...)
	os.RemoveAll(filepath.Join(rn.dir, "in"))
	os.RemoveAll(filepath.Join(rn.dir, "config"))
	if err != nil {
		msg := "The run failed: " + strings.ReplaceAll(err.Error(), filepath.Join(rn.dir, "in")+string(filepath.Separator), "") + ". No output was kept."
		if ctx.Err() != nil {
			msg = "The run was stopped."
		}
		fail(msg)
		s.log.Warn().Int("run", rn.id).Bool("stopped", ctx.Err() != nil).Msg("run failed")
		return
	}
	var zipped bool
	if len(rn.files) > 2 {
		if err := zipFolder(perApplicant, rn.files[2].path); err != nil {
			s.log.Warn().Int("run", rn.id).Msg("per-applicant workbooks could not be zipped")
		} else {
			zipped = true
		}
		os.RemoveAll(perApplicant)
	}
	rn.mu.Lock()
	rn.state, rn.sum, rn.finished = stateDone, sum, time.Now()
	rn.job = nil
	if len(rn.files) > 2 && !zipped {
		rn.files[2].gone = true
	}
	forgotten := rn.forgotten
	rn.mu.Unlock()
	if forgotten {
		os.RemoveAll(rn.dir)
	}
	s.log.Info().Int("run", rn.id).Int("rows", sum.RowsWritten).Int("applicants", sum.Applicants).
		Int("rows_with_input_errors", sum.RowsInputErrors).Int("rows_needing_review", sum.RowsNeedReview).
		Str("elapsed", screen.Duration(sum.Elapsed)).Msg("run done")
}

// zipFolder writes every file of dir (not its subfolders' structure
// beyond their names) into a zip at dst.
func zipFolder(dir, dst string) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.ToSlash(rel), Method: zip.Deflate})
		if err != nil {
			return err
		}
		src, err := os.Open(p)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, src)
		src.Close()
		return err
	})
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// handleProgress answers the page's polling: how far the run is.
func (s *Server) handleProgress(w http.ResponseWriter, r *http.Request) {
	rn := s.lookupRun(r)
	if rn == nil {
		http.Error(w, `{"state":"gone"}`, http.StatusNotFound)
		return
	}
	rn.mu.Lock()
	p := progressJSON{State: rn.state, Rows: rn.progress.Rows, Phase: rn.progress.Phase, Known: rn.progress.Known,
		Fraction: rn.progress.Fraction}
	rn.mu.Unlock()
	p.Text = progressText(p.State, p.Rows, p.Phase, p.Known, p.Fraction)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(p)
}

type progressJSON struct {
	State    string  `json:"state"`
	Rows     int     `json:"rows"`
	Fraction float64 `json:"fraction"`
	Known    bool    `json:"known"`
	Phase    string  `json:"phase"`
	Text     string  `json:"text"`
}

// progressText says how far a run is, for the bar's label.
func progressText(state string, rows int, phase string, known bool, fraction float64) string {
	switch state {
	case stateWaiting:
		return "Waiting for the list before it to finish."
	case stateDone:
		return "Done."
	case stateFailed:
		return "Stopped."
	}
	if phase == "" {
		return "Starting."
	}
	t := fmt.Sprintf("%s rows screened", thousands(rows))
	if phase == screen.PhaseFinishing {
		return t + "; writing the report."
	}
	if known {
		t = fmt.Sprintf("%.0f%% read, %s", fraction*100, t)
	}
	return t + "."
}

// handleDownload sends one output and removes it once it was sent whole;
// the run's folder goes when nothing is left in it.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	rn := s.lookupRun(r)
	if rn == nil {
		s.renderMessage(w, http.StatusNotFound, "These results are no longer kept", "casescreen keeps the last few runs only, and none after it was stopped. Screen the list again to get its files.")
		return
	}
	key := r.PathValue("file")
	rn.mu.Lock()
	var f *download
	for _, d := range rn.files {
		if d.key == key {
			f = d
		}
	}
	state := rn.state
	var gone bool
	if f != nil {
		gone = f.gone
	}
	rn.mu.Unlock()
	switch {
	case f == nil:
		s.renderMessage(w, http.StatusNotFound, "No such file", "This run has no file of that name.")
		return
	case state != stateDone:
		s.renderMessage(w, http.StatusConflict, "Not ready yet", "The run has not finished; the files can be downloaded when it has.")
		return
	case gone:
		s.renderMessage(w, http.StatusGone, "Already downloaded",
			"This file was downloaded and then removed from this computer's temporary folder, as casescreen does with every download. Look in your Downloads folder, or screen the list again.")
		return
	}
	src, err := os.Open(f.path)
	if err != nil {
		s.renderMessage(w, http.StatusGone, "Already downloaded", "This file is no longer in the temporary folder. Screen the list again to get it.")
		return
	}
	defer src.Close()
	if st, err := src.Stat(); err == nil {
		w.Header().Set("Content-Length", strconv.FormatInt(st.Size(), 10))
	}
	w.Header().Set("Content-Type", f.kind)
	w.Header().Set("Content-Disposition", contentDisposition(f.name))
	if _, err := io.Copy(w, src); err != nil {
		return // the browser went away: the file stays for another try
	}
	src.Close()
	rn.mu.Lock()
	f.gone = true
	all := true
	for _, d := range rn.files {
		all = all && d.gone
	}
	rn.mu.Unlock()
	os.Remove(f.path)
	if all {
		os.RemoveAll(rn.dir)
	}
	s.log.Info().Int("run", rn.id).Str("output", f.key).Msg("downloaded and removed")
}

// contentDisposition names a download: an ASCII fallback and the name
// itself (RFC 6266).
func contentDisposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, pathEscape(name))
}

func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// handleForget stops a run if it is going, removes its files and forgets
// it.
func (s *Server) handleForget(w http.ResponseWriter, r *http.Request) {
	rn := s.lookupRun(r)
	if rn != nil {
		rn.cancel()
		s.mu.Lock()
		for i, o := range s.runs {
			if o == rn {
				s.runs = append(s.runs[:i], s.runs[i+1:]...)
				break
			}
		}
		s.mu.Unlock()
		rn.mu.Lock()
		done := rn.state == stateDone || rn.state == stateFailed
		rn.forgotten = !done // execute removes the folder when the run stops
		rn.mu.Unlock()
		if done {
			os.RemoveAll(rn.dir)
		}
		s.log.Info().Int("run", rn.id).Msg("run forgotten; its files removed")
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// jobLog is the screening job's logger: the server's, with the run number,
// and without the fields that name the file or its sheets.
func (s *Server) jobLog(id int) *zerolog.Logger {
	l := zerolog.New(fileless{log: s.log, run: id}).Level(s.log.GetLevel())
	return &l
}

// fileless reads the job's JSON log lines and writes them again into the
// server's log without the fields that name a file or a sheet.
type fileless struct {
	log zerolog.Logger
	run int
}

func (f fileless) Write(p []byte) (int, error) {
	var m map[string]any
	if err := json.Unmarshal(p, &m); err != nil {
		return len(p), nil
	}
	lvl, _ := zerolog.ParseLevel(fmt.Sprint(m["level"]))
	msg, _ := m["message"].(string)
	// The file and its sheets are named as the person named them (a sheet
	// per client is not rare): they stay out.
	for k := range m {
		switch {
		case k == "level", k == "message", k == "time", k == "file", k == "sheet", strings.HasPrefix(k, "passed_"):
			delete(m, k)
		}
	}
	f.log.WithLevel(lvl).Int("run", f.run).Fields(m).Msg(msg)
	return len(p), nil
}
