#!/usr/bin/env bash
# Records/s into the local bucket (flush.size 1 and 1000) and into s3rver (flush.size 1000).
# Needs s3rver: npm ci --prefix tests/tools
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/sink/SinkBench -v q
bench=bench/sink/SinkBench/bin/Release/net10.0/SinkBench.dll
dotnet "$bench" local 1 20000 20
dotnet "$bench" local 1000 200000 40
dotnet "$bench" s3 1000 200000 40
