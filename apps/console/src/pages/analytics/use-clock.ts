import { useEffect, useState } from 'react';

/**
 * The time, refreshed every 15 s: relative ranges ("last hour") move on while the page stays open.
 * Ranges round to whole minutes, so their queries change at most once a minute.
 */
export function useClock(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
