// Command floor is the benchmark baseline: the bare library work casescreen
// cannot avoid, for the same files, in a process of its own so that time
// and peak memory are measured alike.
//
//	floor csv IN OUT [LENGTHS]      encoding/csv read (ReuseRecord) and write, no work
//	floor xlsx-read IN              excelize row iterator over the first sheet
//	floor xlsx-csv IN OUT [LENGTHS] excelize row iterator, rows written as CSV
//	floor xlsx-write IN OUT         read CSV, write the same cells with StreamWriter
//	floor parquet-write IN OUT      read CSV, write all-string columns with parquet-go
//
// LENGTHS is a file of little-endian uint32s, the byte length of each row
// (header first) of the output casescreen writes for the same input. When
// it is given, each row is padded with one more field so that it takes as
// many bytes as casescreen's annotated row: the floor then writes exactly
// as many bytes as casescreen does.
//
// Every mode that writes a file syncs it before closing it, as casescreen
// does, and prints the time the sync took on stdout as "fsync SECONDS".
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"
	"github.com/xuri/excelize/v2"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return errors.New("usage: floor MODE IN [OUT [LENGTHS]]")
	}
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch args[0] {
	case "csv":
		return eachCSV(args[1], func(header []string) (func([]string) error, func() error, error) {
			return padded(arg(2), arg(3), header)
		})
	case "xlsx-read":
		return eachXLSX(args[1], func([]string) (func([]string) error, func() error, error) {
			n := 0
			return func(r []string) error { n += len(r); return nil }, func() error { return nil }, nil
		})
	case "xlsx-csv":
		return eachXLSX(args[1], func(header []string) (func([]string) error, func() error, error) {
			return padded(arg(2), arg(3), header)
		})
	case "xlsx-write":
		return eachCSV(args[1], func(header []string) (func([]string) error, func() error, error) {
			f := excelize.NewFile()
			sw, err := f.NewStreamWriter("Sheet1")
			if err != nil {
				return nil, nil, err
			}
			row := 1
			cells := make([]any, 0, 64)
			write := func(r []string) error {
				cells = cells[:0]
				for _, c := range r {
					cells = append(cells, c)
				}
				name, _ := excelize.CoordinatesToCellName(1, row)
				row++
				return sw.SetRow(name, cells)
			}
			if err := write(header); err != nil {
				return nil, nil, err
			}
			return write, func() error {
				if err := sw.Flush(); err != nil {
					return err
				}
				if err := f.SaveAs(arg(2)); err != nil {
					return err
				}
				out, err := os.OpenFile(arg(2), os.O_WRONLY, 0)
				if err != nil {
					return err
				}
				return syncClose(out)
			}, nil
		})
	case "parquet-write":
		return eachCSV(args[1], func(header []string) (func([]string) error, func() error, error) {
			fields := make([]reflect.StructField, len(header))
			for i, h := range header {
				fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: reflect.TypeOf(""), Tag: reflect.StructTag(fmt.Sprintf("parquet:%q", h+",optional"))}
			}
			schema := parquet.SchemaOf(reflect.New(reflect.StructOf(fields)).Elem().Interface())
			out, err := os.Create(arg(2))
			if err != nil {
				return nil, nil, err
			}
			w := parquet.NewWriter(out, schema, parquet.Compression(&snappy.Codec{}))
			var rows []parquet.Row
			write := func(r []string) error {
				row := make(parquet.Row, len(header))
				for i := range row {
					c := ""
					if i < len(r) {
						c = r[i] // the strings outlive ReuseRecord's slice
					}
					row[i] = parquet.ValueOf(c).Level(0, 1, i)
				}
				rows = append(rows, row)
				if len(rows) == 500 {
					_, err := w.WriteRows(rows)
					rows = rows[:0]
					return err
				}
				return nil
			}
			return write, func() error {
				if _, err := w.WriteRows(rows); err != nil {
					return err
				}
				if err := w.Close(); err != nil {
					return err
				}
				return syncClose(out)
			}, nil
		})
	}
	return fmt.Errorf("unknown mode %q", args[0])
}

// syncClose syncs f, reports how long that took, and closes it.
func syncClose(f *os.File) error {
	start := time.Now()
	err := f.Sync()
	fmt.Printf("fsync %.6f\n", time.Since(start).Seconds())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// padded returns a CSV writer to path whose rows are padded to the lengths
// in the lengths file (none when lengths is "").
func padded(path, lengths string, header []string) (func([]string) error, func() error, error) {
	out, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	cw := csv.NewWriter(bw)
	var lf *os.File
	var lr *bufio.Reader
	if lengths != "" {
		if lf, err = os.Open(lengths); err != nil {
			return nil, nil, err
		}
		lr = bufio.NewReaderSize(lf, 64<<10)
	}
	var target, written int64
	var buf [4]byte
	rec := make([]string, 0, 64)
	pad := strings.Repeat("x", 1<<16)
	write := func(r []string) error {
		rec = append(rec[:0], r...)
		n := int64(recordLen(r))
		if lr != nil {
			if _, err := io.ReadFull(lr, buf[:]); err == nil {
				target += int64(binary.LittleEndian.Uint32(buf[:]))
				// One more field: a comma and k bytes, so that the file so
				// far is as long as casescreen's.
				if k := target - written - n - 1; k >= 0 && k <= int64(len(pad)) {
					rec = append(rec, pad[:k])
					n += 1 + k
				}
			}
		}
		written += n
		return cw.Write(rec)
	}
	if err := write(header); err != nil {
		return nil, nil, err
	}
	return write, func() error {
		if lf != nil {
			lf.Close()
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		return syncClose(out)
	}, nil
}

// recordLen is the number of bytes encoding/csv's Writer writes for r
// with its default settings (comma, "\n", quoting as fieldNeedsQuotes).
func recordLen(r []string) int {
	n := len(r) // the commas and the newline
	for _, f := range r {
		n += len(f)
		if needsQuotes(f) {
			n += 2 + strings.Count(f, `"`)
		}
	}
	return n
}

func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, "\",\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

type opener func(header []string) (write func([]string) error, done func() error, err error)

// eachCSV hands the rows of a CSV file to the writer open returns; the
// slice passed to write is reused for the next row.
func eachCSV(path string, open opener) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	cr := csv.NewReader(bufio.NewReaderSize(in, 256<<10))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return err
	}
	write, done, err := open(header)
	if err != nil {
		return err
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return done()
		}
		if err != nil {
			return err
		}
		if err := write(rec); err != nil {
			return err
		}
	}
}

// eachXLSX hands the rows of the first sheet of an XLSX file, read with
// excelize's row iterator, to the writer open returns.
func eachXLSX(path string, open opener) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		return err
	}
	var write func([]string) error
	var done func() error
	for first := true; rows.Next(); first = false {
		c, err := rows.Columns()
		if err != nil {
			return err
		}
		if first {
			if write, done, err = open(c); err != nil {
				return err
			}
			continue
		}
		if err := write(c); err != nil {
			return err
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if done == nil {
		return errors.New("empty sheet")
	}
	return done()
}
