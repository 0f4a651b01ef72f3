-- wrk script: POST the course's pin row as a REST Proxy v2 JSON produce request.
-- Environment: TOPIC (required), RECORDS (records per request, default 1), PAYLOAD (path to the row's JSON), BENCH_DIR (where report.lua is).
local topic = os.getenv("TOPIC")
records = tonumber(os.getenv("RECORDS") or "1")
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

dofile((os.getenv("BENCH_DIR") or ".") .. "/report.lua")

function response(status, headers, body)
  -- A 200 can still carry per-record failures (error_code 5000x); count them.
  report_response(status ~= 200 or string.find(body, '"error_code":5', 1, true) ~= nil)
end
