import { createContext, useContext } from "react";

/** What any part of the explorer can ask of it, without threading callbacks through every component. */
export interface ExplorerActions {
  /** Puts an entity in the centre. */
  select: (id: string) => void;
  /** Brings an entity forward on the canvas (null to stop), e.g. while its list item has focus. */
  highlight: (id: string | null) => void;
}

/** The explorer's actions; the default does nothing, for components rendered on their own. */
export const ExplorerActionsContext = createContext<ExplorerActions>({ select: () => {}, highlight: () => {} });

/** The explorer's actions. */
export function useExplorerActions(): ExplorerActions {
  return useContext(ExplorerActionsContext);
}
