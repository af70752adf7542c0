import { useEffect, useRef } from 'react';

/**
 * Asks again when what the pane shows is likely stale: at once when the network comes back (`online`),
 * and when the user returns to the pane (window focus, the page visible again) once `staleMs` have passed
 * since the last time. A pane left open over lunch, or on a train, then shows today's answer rather than
 * an error or a room someone has since booked.
 */
export function useRefetchOnReconnect(refetch: () => void, staleMs = 30_000): void {
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;
  useEffect(() => {
    let lastAsked = Date.now();
    const ask = () => {
      lastAsked = Date.now();
      refetchRef.current();
    };
    const onReturn = () => {
      if (document.visibilityState !== 'hidden' && Date.now() - lastAsked >= staleMs) ask();
    };
    window.addEventListener('online', ask);
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onReturn);
    return () => {
      window.removeEventListener('online', ask);
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onReturn);
    };
  }, [staleMs]);
}
