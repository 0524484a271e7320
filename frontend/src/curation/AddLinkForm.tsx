import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import type { ExplorerGraph } from "../graph/model";
import { ADD_LINK, curatorRequest, type LinkResult, type RelationType } from "./api";
import { allowedTypes, parseProperties, type Direction } from "./rules";
import type { Curation } from "./useCuration";

interface AddLinkFormProps {
  graph: ExplorerGraph;
  focus: string;
  types: readonly RelationType[];
  curation: Curation;
  onDone: (result: LinkResult) => void;
  onError: (err: unknown) => void;
}

/**
 * Adds a link between the entity in the centre and another: picked on the graph, chosen from the
 * graph's list, or named by id or identifier. The types offered are those the two kinds allow.
 */
export function AddLinkForm({ graph, focus, types, curation, onDone, onError }: AddLinkFormProps) {
  const id = useId();
  const [direction, setDirection] = useState<Direction>("from");
  const [other, setOther] = useState("");
  const [type, setType] = useState("");
  const [props, setProps] = useState<Record<string, string>>({});
  const [evidence, setEvidence] = useState("");
  const [note, setNote] = useState("");
  const [propose, setPropose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // A new centre starts a new link.
  useEffect(() => {
    setOther("");
    setProblem(null);
  }, [focus]);

  const focusKind = graph.hasNode(focus) ? graph.getNodeAttribute(focus, "kind") : null;
  const otherId = other.trim();
  const otherKnown = otherId !== "" && graph.hasNode(otherId);
  const otherKind = otherKnown ? graph.getNodeAttribute(otherId, "kind") : null;
  const [fromKind, toKind] = direction === "from" ? [focusKind, otherKind] : [otherKind, focusKind];
  const offered = useMemo(() => allowedTypes(types, fromKind, toKind), [types, fromKind, toKind]);
  const chosen = offered.find((t) => t.name === type) ?? offered[0] ?? null;

  const others = useMemo(() => {
    const list: { id: string; label: string; kind: string }[] = [];
    graph.forEachNode((node, attrs) => {
      if (node !== focus) list.push({ id: node, label: attrs.label, kind: attrs.kind });
    });
    return list.sort((a, b) => a.label.localeCompare(b.label));
  }, [graph, focus]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (otherId === "") return setProblem("Choose the other entity first.");
    if (!chosen) return setProblem("No relation type links these two kinds.");
    const { properties, error } = parseProperties(chosen.properties, props);
    if (error) return setProblem(error);
    const [source, target] = direction === "from" ? [focus, otherId] : [otherId, focus];
    setBusy(true);
    try {
      const { addLink } = await curatorRequest(ADD_LINK, {
        source,
        target,
        type: chosen.name,
        properties: Object.keys(properties).length > 0 ? properties : null,
        evidence: evidence.trim() || null,
        note: note.trim() || null,
        propose,
      });
      onDone(addLink);
      setProps({});
      setEvidence("");
      setNote("");
      setPropose(false);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const focusLabel = graph.hasNode(focus) ? graph.getNodeAttribute(focus, "label") : focus;
  const otherLabel = otherKnown ? graph.getNodeAttribute(otherId, "label") : otherId || "…";
  return (
    <form className="curation-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Add a link</h3>
      <p className="curation-sentence">
        <strong>{direction === "from" ? focusLabel : otherLabel}</strong>{" "}
        <span className="relation">{chosen?.name ?? "?"}</span> →{" "}
        <strong>{direction === "from" ? otherLabel : focusLabel}</strong>
      </p>
      <fieldset>
        <legend>The centre is the link's</legend>
        <label>
          <input type="radio" name={`${id}-dir`} checked={direction === "from"} onChange={() => setDirection("from")} /> source
        </label>
        <label>
          <input type="radio" name={`${id}-dir`} checked={direction === "to"} onChange={() => setDirection("to")} /> target
        </label>
      </fieldset>
      <div className="curation-row">
        <button
          type="button"
          aria-pressed={curation.picking}
          onClick={() => (curation.picking ? curation.cancelPicking() : curation.startPicking(setOther))}
        >
          {curation.picking ? "Click an entity on the graph… (Esc cancels)" : "Draw: pick the other entity on the graph"}
        </button>
      </div>
      <label htmlFor={`${id}-list`}>Other entity, from this graph</label>
      <select id={`${id}-list`} value={otherKnown ? otherId : ""} onChange={(e) => setOther(e.target.value)}>
        <option value="">—</option>
        {others.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label} ({o.kind.toLowerCase()})
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-other`}>or its id or identifier (DOI, ORCID iD, ROR id, ISSN, ISO code)</label>
      <input id={`${id}-other`} value={other} onChange={(e) => setOther(e.target.value)} placeholder="c-ne, 10.1068/d1509, 0000-0002-…" />
      <label htmlFor={`${id}-type`}>Relation type</label>
      <select id={`${id}-type`} value={chosen?.name ?? ""} onChange={(e) => setType(e.target.value)}>
        {offered.map((t) => (
          <option key={t.name} value={t.name}>
            {t.name}
            {t.review ? " (needs review)" : ""}
          </option>
        ))}
      </select>
      {chosen && <p className="muted small">{chosen.description}</p>}
      {chosen?.properties.map((p) => (
        <div key={p.name}>
          <label htmlFor={`${id}-p-${p.name}`}>
            {p.name} <span className="muted">({p.type})</span>
          </label>
          <input
            id={`${id}-p-${p.name}`}
            value={props[p.name] ?? ""}
            onChange={(e) => setProps({ ...props, [p.name]: e.target.value })}
          />
        </div>
      ))}
      <label htmlFor={`${id}-evidence`}>Evidence (a URL, DOI or citation)</label>
      <input id={`${id}-evidence`} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
      <label htmlFor={`${id}-note`}>Note</label>
      <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <label className="curation-check">
        <input type="checkbox" checked={propose} onChange={(e) => setPropose(e.target.checked)} /> Ask another curator to review it
      </label>
      {problem && (
        <p className="curation-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Add link
      </button>
    </form>
  );
}
