import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { describeError } from "../api/client";
import { curatorRequest, ME, type Viewer } from "./api";
import { readCsrfToken, signIn as postSignIn, signOut as postSignOut } from "./session";

/** The curator's state, shared by the sign-in control, the panel and the graph's click handler. */
export interface Curation {
  /** Who is signed in; null when nobody is. */
  viewer: Viewer | null;
  /** What went wrong signing in or out, worded for the reader. */
  error: string | null;
  signIn: (token: string) => Promise<boolean>;
  signOut: () => Promise<void>;
  /** Whether the curator panel is open. */
  open: boolean;
  setOpen: (open: boolean) => void;
  /** Whether the next click on an entity picks it for the panel instead of recentring. */
  picking: boolean;
  /** Makes the next click on an entity call `onPick` with its id. */
  startPicking: (onPick: (id: string) => void) => void;
  cancelPicking: () => void;
  /**
   * Offers a click on an entity to the panel: true when the panel took it (while picking), false
   * when the explorer should recentre as usual. Stable across renders.
   */
  intercept: (id: string) => boolean;
}

/** Keeps the curator's session and the panel's state. */
export function useCuration(): Curation {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [picking, setPicking] = useState(false);
  const onPick = useRef<((id: string) => void) | null>(null);

  const refresh = useCallback(async () => {
    if (!readCsrfToken()) {
      setViewer(null);
      return;
    }
    try {
      const { me } = await curatorRequest(ME, {});
      setViewer(me.authenticated ? me : null);
    } catch {
      setViewer(null);
    }
  }, []);

  // A session from an earlier visit survives a reload: ask who it belongs to.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(
    async (token: string) => {
      setError(null);
      try {
        await postSignIn(token);
        await refresh();
        setOpen(true);
        return true;
      } catch (err) {
        setError(describeSignInError(err));
        return false;
      }
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    setError(null);
    try {
      await postSignOut();
    } catch (err) {
      setError(describeError(err));
    }
    setViewer(null);
    setOpen(false);
  }, []);

  const startPicking = useCallback((pick: (id: string) => void) => {
    onPick.current = pick;
    setPicking(true);
  }, []);
  const cancelPicking = useCallback(() => {
    onPick.current = null;
    setPicking(false);
  }, []);
  const intercept = useCallback((id: string) => {
    const pick = onPick.current;
    if (!pick) return false;
    onPick.current = null;
    setPicking(false);
    pick(id);
    return true;
  }, []);

  // Escape stops picking.
  useEffect(() => {
    if (!picking) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") cancelPicking();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [picking, cancelPicking]);

  return useMemo(
    () => ({ viewer, error, signIn, signOut, open, setOpen, picking, startPicking, cancelPicking, intercept }),
    [viewer, error, signIn, signOut, open, picking, startPicking, cancelPicking, intercept],
  );
}

function describeSignInError(err: unknown): string {
  const message = describeError(err);
  if (message === "Please sign in to see this.") return "That token is unknown, expired or revoked.";
  return message;
}
