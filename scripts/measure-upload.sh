#!/bin/bash
# Measures one evidence upload through the HTTP API: the answer, its time, and the server's peak resident memory.
# A fresh store and server each time, so nothing else is counted. Usage: scripts/measure-upload.sh FILE.x3p
set -euo pipefail
file=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
cli="$root/api/Ballistics.Cli/bin/Release/net10.0/ballistics.dll"
store=$(mktemp -d)
port=5197
trap 'rm -rf "$store"' EXIT
cd "$root"
./ballistics --version > /dev/null # builds what is missing
key=$(dotnet "$cli" keys add --role lab --agency "Measure Lab" --country US --store "$store" 2> /dev/null | grep -oE "[A-Za-z0-9_-]{30,}" | head -1)
/usr/bin/time -v dotnet "$cli" serve --store "$store" --urls "http://127.0.0.1:$port" > "$store/serve.out" 2> "$store/serve.err" &
for _ in $(seq 1 60); do curl -s "http://127.0.0.1:$port/v1/health" > /dev/null && break; sleep 0.5; done
curl -s -o "$store/answer.json" -w "$(basename "$file"): %{http_code} in %{time_total} s\n" \
  -H "Authorization: Bearer $key" -F "file=@$file" -F 'metadata={}' "http://127.0.0.1:$port/v1/evidence"
grep -o '"detail":"[^"]*' "$store/answer.json" | cut -c1-200 || true
pkill -TERM -f "^dotnet $cli serve --store $store" || true
wait
grep "Maximum resident" "$store/serve.err" | sed 's/^\s*/server peak: /'
