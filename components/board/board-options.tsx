"use client";
import { createContext, useContext } from "react";
import type { BoardOptions } from "@/lib/tasks/board-options";

const BoardOptionsContext = createContext<BoardOptions | null>(null);

/**
 * The projects, agents and tags the board's pickers choose from (the filters, "New task"
 * and every column's quick-add), handed to the browser once: as props to each of them the
 * page's payload carried a 1,000-project list several times over.
 */
export function BoardOptionsProvider({ options, children }: { options: BoardOptions; children: React.ReactNode }) {
  return <BoardOptionsContext.Provider value={options}>{children}</BoardOptionsContext.Provider>;
}

export function useBoardOptions(): BoardOptions {
  const options = useContext(BoardOptionsContext);
  if (!options) throw new Error("useBoardOptions() outside <BoardOptionsProvider>");
  return options;
}
