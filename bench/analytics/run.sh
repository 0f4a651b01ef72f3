#!/usr/bin/env bash
# The batch job's speed over a local bucket: 100,000 one-record objects (flush.size=1), an incremental run after
# 1,000 new objects, and 100,000 records in 1,000-record objects; with baselines measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/analytics/AnalyticsBench -v q
dotnet bench/analytics/AnalyticsBench/bin/Release/net10.0/AnalyticsBench.dll "$@"
