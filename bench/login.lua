-- wrk script for the login flood: valid logins (each one an argon2id
-- verification) from prepared anonymous sessions with their CSRF tokens.
local sessions = {}
local emails = {}
local password = ""
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
  emails = lines(args[2])
  password = args[3]
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  counter = math.random(1, #emails)
end

function request()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local email = emails[(counter % #emails) + 1]
  local body = "csrf_token=" .. s.token .. "&email=" .. email:gsub("@", "%%40") .. "&password=" .. password
  return wrk.format("POST", "/login", {
    ["Cookie"] = s.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
