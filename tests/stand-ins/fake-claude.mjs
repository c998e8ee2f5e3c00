#!/usr/bin/env node
// Stands in for the Claude Code CLI (CLAUDE_CODE_BIN) in tests: records its
// argv to ARGV_FILE (if set), prints a stream-json transcript from
// TRANSCRIPT or recordings/claude-session.json (a JSON array: one element per
// line), writes STDERR to stderr, and exits with EXIT_CODE (0). CHUNK_SIZE
// writes stdout in pieces of that many bytes. Settings come from
// stand-in.json in its folder, or $FAKE_CLAUDE_<NAME> (print-transcript.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTranscript } from "./print-transcript.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
await printTranscript("FAKE_CLAUDE", path.resolve(here, "recordings/claude-session.json"));
