import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

/** Says something to screen readers, politely (after what they are reading). */
export type Announce = (text: string) => void;

const AnnouncerContext = createContext<Announce>(() => {});

/** The page's live region, and the function that speaks through it. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState({ text: "", n: 0 });
  const last = useRef("");
  const announce = useCallback((text: string) => {
    // Repeating the same text would not be read again; a zero-width change makes it new.
    const next = text === last.current ? `${text}\u200b` : text;
    last.current = next;
    setMessage((m) => ({ text: next, n: m.n + 1 }));
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message.text}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** The function that speaks to screen readers. */
export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
