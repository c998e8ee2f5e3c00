#!/usr/bin/env node
// Stands in for the Claude Code CLI (CLAUDE_CODE_BIN) in tests: records its
// argv to ARGV_FILE (if set), prints a stream-json transcript from
// TRANSCRIPT or recordings/claude-session.json (a JSON array: one element per
// line), writes STDERR to stderr, and exits with EXIT_CODE (0). CHUNK_SIZE
// writes stdout in pieces of that many bytes. Settings come from
// stand-in.json in its folder, or $FAKE_CLAUDE_<NAME> (print-transcript.mjs).
//
// With "CHAT": "1" it holds a conversation instead (chat-session.mjs): it
// honours --resume and --fork-session, answers with what it was told, and
// writes files when the prompt says `write <path> <text>`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printTranscript } from "./print-transcript.mjs";
import { chat } from "./chat-session.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
let settings = {};
try {
  settings = JSON.parse(fs.readFileSync("stand-in.json", "utf8"));
} catch {
  // no settings file
}
if (settings.CHAT === "1") await chat(settings, process.argv.slice(2));
else await printTranscript("FAKE_CLAUDE", path.resolve(here, "recordings/claude-session.json"));
