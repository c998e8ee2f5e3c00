#!/usr/bin/env node
// Stands in for the Claude Code CLI (CLAUDE_CODE_BIN) in tests: records its
// argv to $FAKE_CLAUDE_ARGV_FILE (if set), prints a stream-json transcript
// from $FAKE_CLAUDE_TRANSCRIPT or the published fixture
// ../shared/fixtures/claude-code/sample-turns.json (a JSON array: one element
// per line), writes $FAKE_CLAUDE_STDERR to stderr, and exits with
// $FAKE_CLAUDE_EXIT_CODE (0). $FAKE_CLAUDE_CHUNK_SIZE writes stdout in pieces
// of that many bytes.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTranscript } from "./print-transcript.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
await printTranscript("FAKE_CLAUDE", path.resolve(here, "../../../shared/fixtures/claude-code/sample-turns.json"));
