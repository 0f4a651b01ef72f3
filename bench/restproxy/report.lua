-- Shared by produce.lua and stream.lua: counts the responses a case counts as failed and prints one RESULT line.
-- The including script sets `records` (records per request) and calls report_response(failed) per response.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  record_errors = 0
  responses = 0
end

function report_response(failed)
  responses = responses + 1
  if failed then
    record_errors = record_errors + 1
  end
end

function done(summary, latency, requests)
  local errors, seen = 0, 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("record_errors")
    seen = seen + thread:get("responses")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT records_per_request=%d requests=%d req_per_s=%.0f records_per_s=%.0f p50_ms=%.2f p99_ms=%.2f responses_with_errors=%d of %d\n",
    records, summary.requests, summary.requests / seconds, summary.requests * records / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, seen))
end
