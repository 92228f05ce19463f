package readers

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/casescreen/casescreen/pipeline"
)

// StdinName is the name records and messages give a list read from
// standard input.
const StdinName = "stdin"

// openStdin reads the input "-": a list on standard input (opt.Stdin, or
// os.Stdin when nil). The format is sniffed from the first bytes: a zip
// (XLSX) or Parquet file is copied to a temporary file, removed on Close,
// because both need to seek; anything else is read as CSV as it arrives.
func openStdin(opt Options) (pipeline.Source, error) {
	in := opt.Stdin
	if in == nil {
		in = os.Stdin
	}
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(4)
	ext := ""
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		ext = ".xlsx"
	case bytes.HasPrefix(head, []byte("PAR1")):
		ext = ".parquet"
	default:
		r, err := NewCSV(br, StdinName, nil)
		if err != nil {
			return nil, err
		}
		return r, nil
	}
	f, err := os.CreateTemp("", "casescreen-stdin-*"+ext)
	if err != nil {
		return nil, fmt.Errorf("stdin: %w", err)
	}
	tmp := f.Name()
	_, err = io.Copy(f, br)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("stdin: %w", err)
	}
	var src pipeline.Source
	if ext == ".xlsx" {
		var x *XLSX
		if x, err = openXLSX(tmp, opt); err == nil {
			x.name = StdinName
			src = x
		}
	} else {
		var p *Parquet
		if p, err = OpenParquet(tmp); err == nil {
			p.name = StdinName
			src = p
		}
	}
	if err != nil {
		os.Remove(tmp)
		var re *Error
		if errors.As(err, &re) {
			re.File = StdinName
		}
		return nil, err
	}
	return &removeOnClose{Source: src, path: tmp}, nil
}

// removeOnClose is a source read from a temporary copy of stdin.
type removeOnClose struct {
	pipeline.Source
	path string
}

// Close implements pipeline.Source: it closes the source and removes the
// copy.
func (r *removeOnClose) Close() error {
	return errors.Join(r.Source.Close(), os.Remove(r.path))
}

// Info implements Describer.
func (r *removeOnClose) Info() Info {
	if d, ok := r.Source.(Describer); ok {
		return d.Info()
	}
	return Info{File: StdinName}
}
