// Command floor is the benchmark baseline: the bare library work casescreen
// cannot avoid, for the same files, in a process of its own so that time
// and peak memory are measured alike.
//
//	floor csv IN OUT            encoding/csv read and write, no work
//	floor xlsx-read IN          excelize row iterator over the first sheet
//	floor xlsx-write IN OUT     read CSV, write the same cells with StreamWriter
//	floor parquet-write IN OUT  read CSV, write all-string columns with parquet-go
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"

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
	switch args[0] {
	case "csv":
		return eachCSV(args[1], func(header []string) (func([]string) error, func() error, error) {
			out, err := os.Create(args[2])
			if err != nil {
				return nil, nil, err
			}
			bw := bufio.NewWriterSize(out, 256<<10)
			cw := csv.NewWriter(bw)
			cw.Write(header)
			return cw.Write, func() error { cw.Flush(); bw.Flush(); return out.Close() }, nil
		})
	case "xlsx-read":
		f, err := excelize.OpenFile(args[1])
		if err != nil {
			return err
		}
		rows, err := f.Rows(f.GetSheetList()[0])
		if err != nil {
			return err
		}
		n := 0
		for rows.Next() {
			c, err := rows.Columns()
			if err != nil {
				return err
			}
			n += len(c)
		}
		return rows.Close()
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
			write(header)
			return write, func() error {
				if err := sw.Flush(); err != nil {
					return err
				}
				return f.SaveAs(args[2])
			}, nil
		})
	case "parquet-write":
		return eachCSV(args[1], func(header []string) (func([]string) error, func() error, error) {
			fields := make([]reflect.StructField, len(header))
			for i, h := range header {
				fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: reflect.TypeOf(""), Tag: reflect.StructTag(fmt.Sprintf("parquet:%q", h+",optional"))}
			}
			schema := parquet.SchemaOf(reflect.New(reflect.StructOf(fields)).Elem().Interface())
			out, err := os.Create(args[2])
			if err != nil {
				return nil, nil, err
			}
			w := parquet.NewWriter(out, schema, parquet.Compression(&snappy.Codec{}))
			var rows []parquet.Row
			write := func(r []string) error {
				row := make(parquet.Row, len(r))
				for i, c := range r {
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
				return out.Close()
			}, nil
		})
	}
	return fmt.Errorf("unknown mode %q", args[0])
}

func eachCSV(path string, open func(header []string) (func([]string) error, func() error, error)) error {
	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	cr := csv.NewReader(bufio.NewReaderSize(in, 256<<10))
	cr.FieldsPerRecord = -1
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
