// Shared by the CLI stand-ins: record argv, print a recorded transcript on
// stdout (optionally in small pieces, to split lines and characters across
// pipe reads), print some stderr, exit with a chosen code.
//
// A stand-in runs inside the agent sandbox, whose environment is built from
// nothing, so tests hand it its settings in a file: `stand-in.json` in the
// folder it runs in ({ "ARGV_FILE": ..., "TRANSCRIPT": ..., ... }). The
// `${prefix}_NAME` variables still work for a stand-in run by hand.
import fs from "node:fs";

/**
 * @param {string} prefix  environment variable prefix, e.g. "FAKE_CLAUDE"
 * @param {string} defaultTranscript  file printed when `${prefix}_TRANSCRIPT` is unset
 */
export async function printTranscript(prefix, defaultTranscript) {
  let settings = {};
  try {
    settings = JSON.parse(fs.readFileSync("stand-in.json", "utf8"));
  } catch {
    // no settings file: defaults and environment only
  }
  const env = (name) => settings[name] ?? process.env[`${prefix}_${name}`];

  const argvFile = env("ARGV_FILE");
  if (argvFile) fs.writeFileSync(argvFile, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env: pickEnv(), files: pickFiles() }));

  // A JSON array (like the Claude Code fixture) prints one element per line;
  // anything else (JSON lines, plain text) prints as it is.
  const raw = fs.readFileSync(env("TRANSCRIPT") ?? defaultTranscript, "utf8");
  let out;
  try {
    const parsed = JSON.parse(raw);
    out = Array.isArray(parsed) ? parsed.map((m) => JSON.stringify(m)).join("\n") + "\n" : raw;
  } catch {
    out = raw;
  }

  const chunkSize = Number(env("CHUNK_SIZE") ?? 0);
  const bytes = Buffer.from(out, "utf8");
  if (chunkSize > 0) {
    for (let i = 0; i < bytes.length; i += chunkSize) {
      await write(process.stdout, bytes.subarray(i, i + chunkSize));
      await new Promise((r) => setTimeout(r, 2));
    }
  } else {
    await write(process.stdout, bytes);
  }

  const stderr = env("STDERR");
  if (stderr) await write(process.stderr, stderr.endsWith("\n") ? stderr : `${stderr}\n`);

  process.exitCode = Number(env("EXIT_CODE") ?? 0);
}

function write(stream, data) {
  return new Promise((resolve) => (stream.write(data) ? resolve() : stream.once("drain", resolve)));
}

/** The files the CLI was pointed at (--mcp-config, --settings, Gemini's system settings), as it could read them. */
function pickFiles() {
  const argv = process.argv.slice(2);
  const paths = argv.filter((_, i) => ["--mcp-config", "--settings"].includes(argv[i - 1]));
  if (process.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH) paths.push(process.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH);
  return Object.fromEntries(
    paths.map((p) => {
      try {
        return [p, fs.readFileSync(p, "utf8")];
      } catch (error) {
        return [p, `unreadable: ${error.code}`];
      }
    }),
  );
}

/** The provider variables a stand-in was given, so tests can check what leaked and what did not. */
function pickEnv() {
  const names = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "CODEX_API_KEY", "OPENAI_API_KEY", "AUTH_SECRET", "STRIPE_SECRET_KEY"];
  return Object.fromEntries(names.filter((n) => process.env[n] !== undefined).map((n) => [n, process.env[n]]));
}
