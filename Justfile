# casescreen tasks. `just` is optional: every recipe is plain `go` underneath.

default: test

# Build the binary into bin/.
build:
    go build -o bin/casescreen ./cmd/casescreen

# Run the tests (the README's test command).
test:
    go test ./...

# Screen the bundled samples into out/.
sample: build
    mkdir -p out
    ./bin/casescreen run samples/clients_long.csv -o out/clients_long.xlsx -o out/clients_long.csv --as-of 2026-11-01 --summary out/summary.json || [ $? -eq 3 ]
    ./bin/casescreen run samples/clients_wide.xlsx -o out/clients_wide.xlsx --as-of 2026-11-01 || [ $? -eq 3 ]

# vet, format check, race detector.
check:
    test -z "$(gofmt -l $(git ls-files '*.go'))"
    go vet ./...
    go test -race -short ./pipeline/... ./screen/... ./noc/... ./cmd/...

# Benchmarks: ratios against floors measured in the same run (docs/performance.md).
bench:
    go test ./rules ./noc -run '^$' -bench . -benchmem
    go test ./bench -run '^$' -bench . -benchtime 1x -timeout 60m -table /tmp/perf-table.md

# Matcher accuracy on ../shared/eval (skips when ../shared is absent).
accuracy:
    go test ./noc -run TestAccuracy -v -count=1
