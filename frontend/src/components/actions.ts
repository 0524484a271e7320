import { createContext, useContext } from "react";
import type { Crumb } from "../state/trail";

/** What lists inside the explorer's workspace can ask of it. */
export interface ExplorerActions {
  /** Selects an entity of the graph: the side panel shows it. */
  select: (id: string) => void;
  /** Brings an entity forward on the canvas (null to stop), e.g. while its list item has focus. */
  highlight: (id: string | null) => void;
}

/** The workspace's actions; the default does nothing, for components rendered on their own. */
export const ExplorerActionsContext = createContext<ExplorerActions>({ select: () => {}, highlight: () => {} });

/** The workspace's actions. */
export function useExplorerActions(): ExplorerActions {
  return useContext(ExplorerActionsContext);
}

/** Going to another entity's page, keeping the reader's preferences and the breadcrumb trail. */
export type OpenEntity = (entity: Crumb) => void;

export const OpenEntityContext = createContext<OpenEntity>(() => {});

/** The function that opens an entity's page. */
export function useOpenEntity(): OpenEntity {
  return useContext(OpenEntityContext);
}
