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
    go test -race -short ./pipeline/... ./screen/... ./noc/... ./cmd/... ./web/...

# Benchmarks: ratios against floors measured in the same run (docs/performance.md).
bench:
    go test ./rules ./noc -run '^$' -bench . -benchmem
    go test ./bench -run '^$' -bench . -benchtime 1x -timeout 60m -table /tmp/perf-table.md

# Matcher accuracy on ../shared/eval (skips when ../shared is absent).
accuracy:
    go test ./noc -run TestAccuracy -v -count=1

# Release archives for Windows (amd64), macOS (amd64, arm64) and Linux
# (amd64, arm64) in dist/, with the version stamped in (VERSION, else
# `git describe`) and SHA256SUMS. The archives are the same bytes for the
# same commit: files dated at the commit, sorted, no owners.
dist:
    #!/usr/bin/env bash
    set -euo pipefail
    version="${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}"
    stamp="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
    rm -rf dist && mkdir -p dist
    for target in windows/amd64 darwin/amd64 darwin/arm64 linux/amd64 linux/arm64; do
      os="${target%/*}" arch="${target#*/}"
      name="casescreen-${version}-${os}-${arch}"
      dir="dist/${name}"
      mkdir -p "$dir"
      exe=casescreen; [ "$os" = windows ] && exe=casescreen.exe
      CGO_ENABLED=0 GOOS="$os" GOARCH="$arch" go build -trimpath -buildvcs=false \
        -ldflags "-s -w -X main.version=${version}" -o "${dir}/${exe}" ./cmd/casescreen
      cp README.md "$dir/"
      if [ "$os" = darwin ]; then
        # Finder runs a .command file in Terminal on a double-click.
        printf '#!/bin/sh\ncd "$(dirname "$0")" && exec ./casescreen serve --open\n' > "${dir}/Start casescreen.command"
        chmod +x "${dir}/Start casescreen.command"
      fi
      find "$dir" -exec touch -h -d "@${stamp}" {} +
      if [ "$os" = windows ]; then
        (cd dist && find "$name" | LC_ALL=C sort | zip -q -X -D "${name}.zip" -@)
      else
        tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${stamp}" -C dist -cf - "$name" | gzip -n > "dist/${name}.tar.gz"
      fi
      rm -rf "$dir"
    done
    (cd dist && sha256sum casescreen-* > SHA256SUMS)
    cat dist/SHA256SUMS
