-- wrk script for the write benchmark: replies posted by many logged-in
-- users, each with its own session cookie and CSRF token, spread over many
-- threads. Sessions and threads come from files written by run.py.
local sessions = {}
local threads = {}
local counter = 0

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function init(args)
  for _, line in ipairs(lines(args[1])) do
    local cookie, token = line:match("^(.-)\t(.*)$")
    sessions[#sessions + 1] = { cookie = cookie, token = token }
  end
  threads = lines(args[2])
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  counter = math.random(1, #sessions)
end

-- A random word: digits would look like phone numbers to the
-- personal-data guard, which then (rightly) asks before publishing.
local function word()
  local letters = {}
  for i = 1, 8 do
    letters[i] = string.char(math.random(97, 122))
  end
  return table.concat(letters)
end

function request()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local t = threads[(counter % #threads) + 1]
  local body = "csrf_token=" .. s.token ..
    "&body=Benchmark+reply+" .. word() .. "+" .. word() ..
    "%3A+the+invoice+came+twice+this+month%2C+same+as+last+year.&action=post"
  return wrk.format("POST", "/threads/" .. t .. "/reply", {
    ["Cookie"] = s.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
