#!/usr/bin/env node
// Stands in for the Codex and Gemini CLIs (CODEX_BIN, GEMINI_BIN) in tests:
// records its argv to $FAKE_CLI_ARGV_FILE (if set), prints the transcript
// $FAKE_CLI_TRANSCRIPT (see recordings/), writes $FAKE_CLI_STDERR to stderr
// and exits with $FAKE_CLI_EXIT_CODE (0). $FAKE_CLI_CHUNK_SIZE writes stdout
// in pieces of that many bytes.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTranscript } from "./print-transcript.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
await printTranscript("FAKE_CLI", path.resolve(here, "recordings/codex-exec.jsonl"));
