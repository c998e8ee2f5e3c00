#!/usr/bin/env node
// Stands in for the Codex and Gemini CLIs (CODEX_BIN, GEMINI_BIN) in tests:
// records its argv to ARGV_FILE (if set), prints the transcript TRANSCRIPT
// (see recordings/), writes STDERR to stderr and exits with EXIT_CODE (0).
// CHUNK_SIZE writes stdout in pieces of that many bytes. Settings come from
// stand-in.json in its folder, or $FAKE_CLI_<NAME> (print-transcript.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTranscript } from "./print-transcript.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
await printTranscript("FAKE_CLI", path.resolve(here, "recordings/codex-exec.jsonl"));
