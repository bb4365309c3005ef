-- Used by scripts/bench-pages.
-- wrk script: each request a path drawn at random from the file named by PATHS (one per line).
local paths = {}
local f = assert(io.open(os.getenv("PATHS"), "r"))
for line in f:lines() do
    if #line > 0 then paths[#paths + 1] = line end
end
f:close()
math.randomseed(os.time())
request = function()
    return wrk.format("GET", paths[math.random(#paths)])
end
