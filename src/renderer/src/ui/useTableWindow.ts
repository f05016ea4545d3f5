import { useCallback, useState } from 'react';

/** Rows asked for around what is on screen, so scrolling rarely waits. */
const margin = 100;

/**
 * The window of rows a DataTable needs from main: what is on screen and a
 * margin around it, at most 500 rows (the most one answer carries).
 */
export function useTableWindow(): { range: { offset: number; limit: number }; onRange: (first: number, end: number) => void } {
  const [range, setRange] = useState({ offset: 0, limit: 200 });
  const onRange = useCallback((first: number, end: number) => {
    const offset = Math.max(0, first - margin);
    setRange({ offset, limit: Math.min(500, end - offset + margin) });
  }, []);
  return { range, onRange };
}
