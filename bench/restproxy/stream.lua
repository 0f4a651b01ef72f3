-- wrk script: PUT the course's pin row to the proxy's Kinesis integration, as the seed's streaming emitter
-- sends it (Data is the row's JSON as a string, PartitionKey "partition-1").
-- Environment: STREAM (required), RECORDS (1: PutRecord to /record; more: PutRecords to /records), PAYLOAD (the row's JSON), BENCH_DIR (where report.lua is).
local stream = os.getenv("STREAM")
records = tonumber(os.getenv("RECORDS") or "1")
local file = assert(io.open(os.getenv("PAYLOAD") or "pin.json", "r"))
local row = file:read("*a"):gsub("%s+$", "")
file:close()

-- The row as a JSON string literal, as json.dumps(json.dumps(row)) writes it.
local literal = '"' .. row:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'

wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
if records == 1 then
  wrk.path = "/streams/" .. stream .. "/record"
  wrk.body = '{"StreamName": "' .. stream .. '", "Data": ' .. literal .. ', "PartitionKey": "partition-1"}'
else
  local parts = {}
  for i = 1, records do
    parts[i] = '{"data": ' .. literal .. ', "partition-key": "partition-' .. (i % 3 + 1) .. '"}'
  end
  wrk.path = "/streams/" .. stream .. "/records"
  wrk.body = '{"records": [' .. table.concat(parts, ", ") .. ']}'
end

dofile((os.getenv("BENCH_DIR") or ".") .. "/report.lua")

function response(status, headers, body)
  -- A PutRecords 200 can still carry per-record failures; count them.
  report_response(status ~= 200 or (records > 1 and not string.find(body, '"FailedRecordCount":0', 1, true)))
end
