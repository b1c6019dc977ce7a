/**
 * Rate limit (GCRA, see gateway-core `gcra`) and quota in one round trip. Redis's own clock is used, so
 * every gateway of a region agrees on time. A refused rate limit consumes no quota.
 *
 * KEYS[1] rate key (TAT in ms), KEYS[2] quota counter
 * ARGV[1] rate (0 = no rate limit), ARGV[2] per in ms, ARGV[3] quota max (<= 0 = no quota),
 * ARGV[4] quota renewal in seconds
 * Returns {outcome, rateRemaining, rateResetMs, quotaRemaining, quotaResetMs}; outcome 0 = allowed,
 * 1 = rate limited, 2 = quota exceeded.
 */
export const LIMITS_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
local quotaMax = tonumber(ARGV[3])
local renewal = tonumber(ARGV[4])
local rateRemaining = -1
local rateReset = 0
if rate > 0 and per > 0 then
  local interval = per / rate
  local stored = tonumber(redis.call('GET', KEYS[1]))
  local tat = now
  if stored and stored > now then tat = stored end
  local newTat = tat + interval
  local allowAt = newTat - per
  if now < allowAt then
    return {1, 0, math.ceil(allowAt - now), -1, 0}
  end
  redis.call('SET', KEYS[1], tostring(newTat), 'PX', math.ceil(newTat - now) + 1)
  rateRemaining = math.floor((per - (newTat - now)) / interval + 0.000000001)
  if rateRemaining < 0 then rateRemaining = 0 end
  rateReset = math.ceil(newTat - now)
end
local quotaRemaining = -1
local quotaReset = 0
if quotaMax > 0 then
  local used = redis.call('INCR', KEYS[2])
  if used == 1 and renewal > 0 then redis.call('EXPIRE', KEYS[2], renewal) end
  quotaReset = redis.call('PTTL', KEYS[2])
  if used > quotaMax then
    return {2, rateRemaining, rateReset, 0, quotaReset}
  end
  quotaRemaining = quotaMax - used
end
return {0, rateRemaining, rateReset, quotaRemaining, quotaReset}
`;
