-- wrk script of bench/survey_load.py: respondents completing the survey, or saving one page.
--
--   wrk -t N -c N -d S -s bench/survey_load.lua URL -- MODE TOKENS PAGES
--
-- MODE is "survey" (each thread walks its respondents through every page: GET and POST of each
-- page, the review, the send) or "save" (each thread saves page 1 of its own survey in a loop).
-- TOKENS holds one invitation token per line; PAGES one form body per line, in page order.
-- One connection per thread (-t equal to -c), so a thread's requests go one after the other.
-- At the end, one line for the Python side: "RESULT surveys=… steps=… per_survey=… saves=… …":
-- complete surveys, and the survey requests answered in all (finished surveys or not).

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(out, line) end
  end
  return out
end

local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local steps = {}
local mine = {}
local current = 0
local step = 0
local mode

function init(args)
  mode = args[1]
  local tokens, bodies = lines(args[2]), lines(args[3])
  local stride = tonumber(args[4])
  for i = id, #tokens, stride do table.insert(mine, tokens[i]) end
  if mode == "save" then
    steps = { { "POST", "p/1/", bodies[1], 303 } }
  else
    steps = { { "GET", "", nil, 200 } }
    for n, body in ipairs(bodies) do
      table.insert(steps, { "GET", "p/" .. n .. "/", nil, 200 })
      table.insert(steps, { "POST", "p/" .. n .. "/", body, 303 })
    end
    table.insert(steps, { "GET", "review/", nil, 200 })
    table.insert(steps, { "POST", "review/", nil, 303, "/s/done/" })
  end
  current, step = 1, 1
  per_survey = #steps
  surveys, steps_done, saves, errors = 0, 0, 0, 0
end

function request()
  local s = steps[step]
  local token = mine[current]
  if token == nil then  -- out of respondents: an idle request that costs the server little
    return wrk.format("GET", "/s/")
  end
  if s[3] then
    return wrk.format(s[1], "/s/" .. token .. "/" .. s[2], form, s[3])
  end
  return wrk.format(s[1], "/s/" .. token .. "/" .. s[2])
end

function response(status, headers, body)
  local s = steps[step]
  if mine[current] == nil then return end
  if status ~= s[4] or (s[5] and headers["Location"] ~= s[5]) then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("unexpected " .. status .. " for " .. s[1] .. " " .. s[2] .. "\n") end
  end
  if s[1] == "POST" and s[2] ~= "review/" then saves = saves + 1 end
  if mode == "save" then return end
  steps_done = steps_done + 1
  step = step + 1
  if step > #steps then
    surveys = surveys + 1
    step = 1
    current = current + 1
  end
end

function done(summary, latency, requests)
  local surveys, steps_done, saves, errors = 0, 0, 0, 0
  local per_survey = threads[1]:get("per_survey")
  for _, thread in ipairs(threads) do
    surveys = surveys + thread:get("surveys")
    steps_done = steps_done + thread:get("steps_done")
    saves = saves + thread:get("saves")
    errors = errors + thread:get("errors")
  end
  io.write(string.format(
    "RESULT surveys=%d steps=%d per_survey=%d saves=%d errors=%d requests=%d seconds=%.3f p50=%.2f p99=%.2f\n",
    surveys, steps_done, per_survey, saves, errors, summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
