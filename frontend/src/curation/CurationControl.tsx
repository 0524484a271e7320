import { useId, useState, type FormEvent } from "react";
import type { Curation } from "./useCuration";
import "./curation.css";

/** The header's sign-in control: a token form when signed out; who, the panel toggle and sign-out when in. */
export function CurationControl({ curation }: { curation: Curation }) {
  const [formOpen, setFormOpen] = useState(false);
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const { viewer } = curation;

  if (viewer) {
    return (
      <div className="curation-control">
        <span className="curation-who">
          {viewer.name} <span className="muted">({viewer.role.toLowerCase()})</span>
        </span>
        {viewer.canCurate && (
          <button type="button" aria-pressed={curation.open} onClick={() => curation.setOpen(!curation.open)}>
            Curate
          </button>
        )}
        <button type="button" onClick={() => void curation.signOut()}>
          Sign out
        </button>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() === "") return;
    setBusy(true);
    const ok = await curation.signIn(token);
    setBusy(false);
    if (ok) {
      setToken("");
      setFormOpen(false);
    }
  };

  return (
    <div className="curation-control">
      {!formOpen ? (
        <button type="button" onClick={() => setFormOpen(true)}>
          Sign in
        </button>
      ) : (
        <form className="curation-signin" onSubmit={(e) => void submit(e)}>
          <label htmlFor={inputId}>API token</label>
          <input
            id={inputId}
            type="password"
            autoComplete="off"
            placeholder="rgt_…"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoFocus
          />
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          <button type="button" onClick={() => setFormOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      {curation.error && (
        <p className="curation-error" role="alert">
          {curation.error}
        </p>
      )}
    </div>
  );
}
