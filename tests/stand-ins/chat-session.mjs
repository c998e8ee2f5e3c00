// A Claude Code stand-in that holds a conversation, for conversation tests:
//
//   -p <prompt>           the turn's message
//   --resume <id>         continue session <id>: the reply says so, and the session id stays <id>
//   --fork-session        with --resume, continue into a new session id (the old one is left as it was)
//
// It prints stream-json like the CLI (init, assistant text, a Write tool call
// when asked, result with usage), one line every DELAY_MS (settings), so a
// test can watch a reply stream in and race a message against a running turn.
// A prompt of the form `write <path> <text>` writes <text> to <path> in its
// folder (what an agent editing the project does). ARGV_FILE gets its argv
// appended as one JSON line per turn. Sessions are remembered in
// .fake-claude-sessions/<id>.jsonl in its folder (left out by .gitignore in
// the tests' projects), so a resumed session knows how many turns it had.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function flag(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function chat(settings, argv) {
  const prompt = (flag(argv, "-p") ?? "").replace(/^ -/, "-");
  const resume = flag(argv, "--resume");
  const fork = argv.includes("--fork-session");
  const sessionId = resume && !fork ? resume : crypto.randomUUID();
  if (settings.ARGV_FILE) fs.appendFileSync(settings.ARGV_FILE, JSON.stringify({ argv, cwd: process.cwd() }) + "\n");

  const store = path.join(process.cwd(), ".fake-claude-sessions");
  fs.mkdirSync(store, { recursive: true });
  const previous = resume && fs.existsSync(path.join(store, `${resume}.jsonl`)) ? fs.readFileSync(path.join(store, `${resume}.jsonl`), "utf8").split("\n").filter(Boolean) : [];
  const turn = previous.length + 1;
  fs.writeFileSync(path.join(store, `${sessionId}.jsonl`), [...previous, JSON.stringify({ prompt })].join("\n") + "\n");

  const delay = Number(settings.DELAY_MS ?? 0);
  const out = async (obj) => {
    process.stdout.write(JSON.stringify(obj) + "\n");
    if (delay) await sleep(delay);
  };
  const assistant = (content) => ({
    type: "assistant",
    session_id: sessionId,
    message: { id: `msg_${turn}`, type: "message", role: "assistant", model: "claude-stand-in", content, usage: { input_tokens: 10, output_tokens: 5 } },
  });

  await out({ type: "system", subtype: "init", session_id: sessionId, cwd: process.cwd(), model: "claude-stand-in", tools: ["Write"], mcp_servers: [] });
  const how = resume ? (fork ? `forked from session ${resume}` : `resumed session ${resume}`) : "new session";
  await out(assistant([{ type: "text", text: `Turn ${turn} (${how}).` }]));
  const write = /^write (\S+) ([\s\S]*)$/.exec(prompt);
  if (write) {
    const [, file, text] = write;
    await out(assistant([{ type: "tool_use", id: `toolu_${turn}`, name: "Write", input: { file_path: file, content: text } }]));
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
    await out({ type: "user", session_id: sessionId, message: { role: "user", content: [{ type: "tool_result", tool_use_id: `toolu_${turn}`, content: `Wrote ${file}` }] } });
  }
  await out(assistant([{ type: "text", text: `You said: ${prompt}` }]));
  await out({ type: "result", subtype: "success", is_error: false, session_id: sessionId, total_cost_usd: 0.001, num_turns: 1, result: `You said: ${prompt}` });
}
