/**
 * Breadcrumbs: the entity pages that led to this one in this tab. Each history entry keeps its own
 * trail, so the back button brings the trail back with the page.
 */

/** An entity page on the trail. */
export interface Crumb {
  id: string;
  kind: string;
  label: string;
}

/** The longest trail kept. */
export const MAX_TRAIL = 8;

/**
 * The trail of a page reached from a page whose trail was `trail`: the new entity is added at the
 * end, and if it was on the trail already, the trail goes back to it instead of looping.
 */
export function extendTrail(trail: readonly Crumb[], next: Crumb): Crumb[] {
  const at = trail.findIndex((c) => c.id === next.id);
  if (at !== -1) return [...trail.slice(0, at), next];
  return [...trail, next].slice(-MAX_TRAIL);
}

/** The trail with the last crumb's label filled in once the page knows it. */
export function labelLast(trail: readonly Crumb[], id: string, kind: string, label: string): Crumb[] {
  const last = trail.at(-1);
  if (last && last.id === id) return last.label === label ? [...trail] : [...trail.slice(0, -1), { id, kind, label }];
  return extendTrail(trail, { id, kind, label });
}
