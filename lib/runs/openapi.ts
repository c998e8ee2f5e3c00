import type { ApiOperation } from "@/lib/api/operation";
import { MAX_LINES_PAGE, MAX_SEARCH_MATCHES, runLinesQuery, runLinesResponse, runSearchQuery, runSearchResponse } from "./log-window";

/** The operations for reading a run's log a window at a time; lib/api/openapi.ts adds them to the registry. */
export const runLogWindowOperations: ApiOperation[] = [
  {
    id: "getRunLines",
    method: "get",
    path: "/runs/{id}/lines",
    summary: "A range of the run's events, by seq",
    description: `\`after=n\`: the seqs after n; \`before=n\`: the seqs before n; neither: the last ones; \`limit\` seqs at most (default 500, at most ${MAX_LINES_PAGE}). Each event is \`{seq, time, event, data}\` as in \`/log\`. \`from\`..\`to\` is the range read (a seq in it with no event has none: a pruned log), \`lastSeq\` the log's length when read.`,
    tag: "runs",
    auth: "user",
    query: runLinesQuery,
    response: { description: "The events of the range.", schema: runLinesResponse },
  },
  {
    id: "searchRunLog",
    method: "get",
    path: "/runs/{id}/search",
    summary: "Where the run's whole log matches a text, or its error lines",
    description: `The seqs of the lines whose text (or tool input, or status and error) contains \`q\`, case-insensitively for A–Z, or with \`errors=1\` the lines on standard error, at an error level or a failed status, in order, at most \`limit\` (default and most ${MAX_SEARCH_MATCHES}). \`more\` says more follow: ask again with \`after\` set to the last seq returned.`,
    tag: "runs",
    auth: "user",
    query: runSearchQuery,
    response: { description: "The matching seqs.", schema: runSearchResponse },
  },
];
