import { useEffect, useId, useState, type KeyboardEvent } from "react";
import type { NodeSummary } from "../../api/documents";
import { kindStyle } from "../../graph/kinds";
import { MIN_QUERY_LENGTH, useSearch } from "../../hooks/useSearch";
import { KindDot } from "../KindBadge";

/** The number of hits the type-ahead offers. */
export const SEARCH_HITS = 8;

/**
 * Type-ahead search over titles and names, following the ARIA combobox pattern: arrows move
 * through the hits, Enter picks one (the first if none is chosen), Escape closes the list.
 */
export function SearchBox({
  onPick,
  label = "Search works, people, journals, organisations, countries, projects and topics",
  placeholder = "Search works, people, organisations…",
  className,
}: {
  onPick: (hit: NodeSummary) => void;
  label?: string;
  placeholder?: string;
  className?: string;
}) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useSearch(text, SEARCH_HITS);
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  useEffect(() => setActive(-1), [search.hits]);

  const typed = text.trim().length >= MIN_QUERY_LENGTH;
  const hits = typed ? search.hits : [];
  const message = !typed
    ? null
    : search.error
      ? search.error
      : search.loading && hits.length === 0
        ? "Searching…"
        : hits.length === 0 && search.query === text.trim()
          ? "No matches."
          : null;
  const expanded = open && typed && (hits.length > 0 || message !== null);

  const pick = (hit: NodeSummary) => {
    onPick(hit);
    setText("");
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        setActive((i) => Math.min(i + 1, hits.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        break;
      case "Enter": {
        const hit = hits[active >= 0 ? active : 0];
        if (expanded && hit) {
          event.preventDefault();
          pick(hit);
        }
        break;
      }
      case "Escape":
        if (expanded) setOpen(false);
        else setText("");
        break;
    }
  };

  const summary = !typed || search.loading ? "" : search.error ? search.error : `${search.total} ${search.total === 1 ? "match" : "matches"}${search.total > hits.length ? `, showing the first ${hits.length}` : ""}.`;

  return (
    <div className={`search${className ? ` ${className}` : ""}`} role="search" aria-label={label}>
      <label htmlFor={inputId} className="visually-hidden">
        {label}
      </label>
      <input
        id={inputId}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div className="search-popup" hidden={!expanded}>
        {message && <p className="search-message">{message}</p>}
        <ul id={listId} role="listbox" aria-label="Search results">
          {hits.map((hit, i) => (
            <li
              key={hit.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              // Keep the input focused so the click lands before the list closes.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => pick(hit)}
            >
              <KindDot kind={hit.kind} />
              <span className="hit-label">{hit.label}</span>
              <span className="hit-kind" style={{ color: kindStyle(hit.kind).color }}>
                {kindStyle(hit.kind).label}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p role="status" className="visually-hidden">
        {open ? summary : ""}
      </p>
    </div>
  );
}
