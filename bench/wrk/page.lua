-- wrk script for one page of the benchmark (see bench/README.md). Settings come from the environment:
--   BENCH_TARGETS  file with one request per line: "GET /path" or, for BENCH_KIND=reallocate, "stepId revision ownerA ownerB"
--   BENCH_COOKIE   the Cookie header of the signed-in member of staff
--   BENCH_KIND     get (default), mix (lines "role METHOD /path", cookie from BENCH_COOKIE_<ROLE>) or reallocate
--                  (PUT /api/v1/steps/{id}/owner, alternating the owner, following the revision)
--   BENCH_MEAN_DELAY_MS  0 for a closed loop; otherwise each connection waits a random (exponential) time of this mean
--                        before each request, so that arrivals are at random times (an open loop at connections/mean rate);
--   BENCH_CONNECTIONS_PER_THREAD  with a delay, how many first requests (one per connection) are a health check
--   BENCH_RESULT   file to which one JSON line with the figures is appended
--   BENCH_PAGE, BENCH_MODE  labels written into that line

local kind = os.getenv("BENCH_KIND") or "get"
local cookie = os.getenv("BENCH_COOKIE") or ""
local mean_delay = tonumber(os.getenv("BENCH_MEAN_DELAY_MS") or "0")
-- In an open loop each connection's first request goes out at once, all together; make that a cheap health check so
-- that the burst does not count as page latency. Later requests then go out at random times.
local first_requests = tonumber(os.getenv("BENCH_CONNECTIONS_PER_THREAD") or "0")
local sent = 0
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local targets = {}
local free = {}
local busy = {}
bad = 0
spare = 0

local function split(line)
  local parts = {}
  for p in string.gmatch(line, "%S+") do table.insert(parts, p) end
  return parts
end

function init(args)
  local i = 0
  local index = tonumber(wrk.thread:get("index"))
  math.randomseed(os.time() + index * 7919)
  for line in io.lines(os.getenv("BENCH_TARGETS")) do
    if kind == "reallocate" then
      -- Each thread owns its own steps, so two requests never change the same step at once.
      if i % 2 == index % 2 or thread_count == 1 then
        local p = split(line)
        local step = { id = p[1], revision = tonumber(p[2]), a = p[3], b = p[4], owner = "" }
        table.insert(free, step)
      end
    else
      table.insert(targets, line)
    end
    i = i + 1
  end
end

local json = "application/json"
-- Every request says what a load balancer that ends TLS would (outside Development the service needs HTTPS).
local function headers(h)
  h = h or {}
  h["X-Forwarded-Proto"] = "https"
  return h
end

function request()
  sent = sent + 1
  if mean_delay > 0 and sent <= first_requests then
    return wrk.format("GET", "/health/live", headers())
  end
  if kind == "reallocate" then
    local step = table.remove(free, 1)
    if step == nil then
      -- Every step of this thread is in flight: ask for something harmless rather than race on a step (counted as
      -- "spare"; give the run more steps if it is not 0).
      spare = spare + 1
      return wrk.format("GET", "/health/live", headers())
    end
    busy[step.id] = step
    local new_owner = (step.owner == step.a) and step.b or step.a
    local body = string.format('{"ownerId":"%s","reason":"Benchmark: reallocated","revision":%d}', new_owner, step.revision)
    return wrk.format("PUT", "/api/v1/steps/" .. step.id .. "/owner",
      headers({ ["Cookie"] = cookie, ["Content-Type"] = json, ["Accept"] = json }), body)
  end
  local line = targets[math.random(#targets)]
  local p = split(line)
  if kind == "mix" then
    -- "role METHOD /path": each page of the mix is asked for by its own member of staff.
    return wrk.format(p[2], p[3], headers({ ["Cookie"] = os.getenv("BENCH_COOKIE_" .. string.upper(p[1])) }))
  end
  return wrk.format(p[1], p[2], headers({ ["Cookie"] = cookie }))
end

if mean_delay > 0 then
  function delay()
    return math.floor(-mean_delay * math.log(1 - math.random()))
  end
end

function response(status, headers, body)
  if kind == "reallocate" then
    local id = body and string.match(body, '"id":"([%x%-]+)"')
    local step = id and busy[id]
    if status ~= 200 or step == nil then
      if status ~= 200 then bad = bad + 1 end
      return
    end
    busy[id] = nil
    step.revision = tonumber(string.match(body, '"revision":(%d+)'))
    step.owner = string.match(body, '"ownerId":"([%x%-]+)"') or ""
    table.insert(free, step)
  elseif status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  local spares = 0
  for _, t in ipairs(threads) do
    not_ok = not_ok + tonumber(t:get("bad"))
    spares = spares + tonumber(t:get("spare"))
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local line = string.format(
    '{"source":"service","page":"%s","mode":"%s","requests":%d,"seconds":%.2f,"rps":%.1f,"p50":%.2f,"p95":%.2f,"p99":%.2f,"max":%.2f,"errors":%d,"notOk":%d,"spare":%d}',
    os.getenv("BENCH_PAGE") or "?", os.getenv("BENCH_MODE") or "?", summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, not_ok, spares)
  print(line)
  local out = os.getenv("BENCH_RESULT")
  if out then
    local f = io.open(out, "a")
    f:write(line .. "\n")
    f:close()
  end
end
