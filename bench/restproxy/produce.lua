-- wrk script: POST the course's pin row as a REST Proxy v2 JSON produce request.
-- Environment: TOPIC (required), RECORDS (records per request, default 1), PAYLOAD (path to the row's JSON).
local topic = os.getenv("TOPIC")
local records = tonumber(os.getenv("RECORDS") or "1")
local file = assert(io.open(os.getenv("PAYLOAD") or "pin.json", "r"))
local row = file:read("*a"):gsub("%s+$", "")
file:close()

local parts = {}
for i = 1, records do
  parts[i] = '{"value": ' .. row .. '}'
end

wrk.method = "POST"
wrk.path = "/topics/" .. topic
wrk.body = '{"records": [' .. table.concat(parts, ", ") .. ']}'
wrk.headers["Content-Type"] = "application/vnd.kafka.json.v2+json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  record_errors = 0
  responses = 0
end

function response(status, headers, body)
  responses = responses + 1
  -- A 200 can still carry per-record failures (error_code 5000x); count them.
  if status ~= 200 or string.find(body, '"error_code":5', 1, true) then
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
