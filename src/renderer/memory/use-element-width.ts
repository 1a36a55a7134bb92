/** The content width of an element, kept up to date by a ResizeObserver (a callback ref). */

import { useCallback, useRef, useState } from 'react';

export function useElementWidth(): [number, (element: HTMLElement | null) => void] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    const resize = new ResizeObserver(([entry]) => {
      // A hidden tab measures 0: keep the last width, so returning to it draws at once.
      const next = Math.floor(entry?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    resize.observe(element);
    observer.current = resize;
  }, []);
  return [width, ref];
}
