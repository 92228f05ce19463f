package readers

import "fmt"

func fmtSscan(s string, v any) (int, error) { return fmt.Sscan(s, v) }

func excelizeItoa(n int) string { return fmt.Sprint(n) }
