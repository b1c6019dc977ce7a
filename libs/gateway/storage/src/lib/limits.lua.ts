/**
 * Rate limits (GCRA, see gateway-core `gcra`) and quotas for a batch of checks in one script call:
 * invoking a script costs Redis far more than the few commands inside it, so checks issued together
 * share one call. Redis's own clock is used, so every gateway of a region agrees on time. A refused
 * rate limit consumes no quota. Checks run in order, so two checks of one key in a batch see each other.
 *
 * KEYS[2i-1] rate key (TAT in ms), KEYS[2i] quota counter, for check i = 1..n
 * ARGV[4i-3] rate (0 = no rate limit), ARGV[4i-2] per in ms, ARGV[4i-1] quota max (<= 0 = no quota),
 * ARGV[4i] quota renewal in seconds
 * Returns, per check, outcome (0 allowed, 1 rate limited, 2 quota exceeded), rate remaining,
 * rate reset ms, quota remaining, quota reset ms: 5n numbers.
 */
export const LIMITS_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local out = {}
for i = 1, #KEYS / 2 do
  local rateKey, quotaKey = KEYS[2 * i - 1], KEYS[2 * i]
  local rate, per = tonumber(ARGV[4 * i - 3]), tonumber(ARGV[4 * i - 2])
  local quotaMax, renewal = tonumber(ARGV[4 * i - 1]), tonumber(ARGV[4 * i])
  local outcome, rateRemaining, rateReset, quotaRemaining, quotaReset = 0, -1, 0, -1, 0
  if rate > 0 and per > 0 then
    local interval = per / rate
    local stored = tonumber(redis.call('GET', rateKey))
    local tat = now
    if stored and stored > now then tat = stored end
    local newTat = tat + interval
    local allowAt = newTat - per
    if now < allowAt then
      outcome, rateRemaining, rateReset = 1, 0, math.ceil(allowAt - now)
    else
      redis.call('SET', rateKey, tostring(newTat), 'PX', math.ceil(newTat - now) + 1)
      rateRemaining = math.floor((per - (newTat - now)) / interval + 0.000000001)
      if rateRemaining < 0 then rateRemaining = 0 end
      rateReset = math.ceil(newTat - now)
    end
  end
  if outcome == 0 and quotaMax > 0 then
    local used = redis.call('INCR', quotaKey)
    if used == 1 and renewal > 0 then redis.call('EXPIRE', quotaKey, renewal) end
    quotaReset = redis.call('PTTL', quotaKey)
    if used > quotaMax then
      outcome, quotaRemaining = 2, 0
    else
      quotaRemaining = quotaMax - used
    end
  end
  out[#out + 1] = outcome
  out[#out + 1] = rateRemaining
  out[#out + 1] = rateReset
  out[#out + 1] = quotaRemaining
  out[#out + 1] = quotaReset
end
return out
`;
