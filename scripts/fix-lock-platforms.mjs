// `npm run lock:fix` — run it after any `npm install` that changed package-lock.json.
//
// The registry this project is built against serves only the Linux builds of
// the native packages below, so `npm install` leaves the other platforms'
// optional binaries out of package-lock.json, and `npm ci` then refuses the
// lock as "out of sync" (Missing: @next/swc-darwin-arm64 ...). This adds an
// entry for each, with its os/cpu/libc, which npm skips on every other
// platform, so `npm ci` (and CI) accept the lock. It changes no other entry.
import fs from "node:fs";
const file = process.argv[2] || "package-lock.json";
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const pk = lock.packages;
const parents = ["node_modules/next", "node_modules/unrs-resolver", "node_modules/@tailwindcss/oxide"];
function platform(name) {
  const m = /-(android|darwin|freebsd|linux|win32|openharmony|wasm32)-?(.*)$/.exec(name);
  if (!m) return {};
  const [, os, rest] = m;
  if (os === "wasm32") return { cpu: ["wasm32"] };
  const [cpuRaw, abi] = rest.split("-");
  const cpu = cpuRaw === "arm" ? "arm" : cpuRaw;
  const out = { cpu: [cpu], os: [os] };
  if (os === "linux" && abi) out.libc = [/musl/.test(abi) ? "musl" : "glibc"];
  return out;
}
let added = 0;
for (const parentKey of parents) {
  const parent = pk[parentKey];
  for (const [name, version] of Object.entries(parent.optionalDependencies || {})) {
    const key = `node_modules/${name}`;
    if (pk[key] || !/^\d/.test(version)) continue;
    const p = platform(name);
    pk[key] = { version, ...(p.cpu ? { cpu: p.cpu } : {}), ...(parent.dev ? { dev: true } : {}), ...(p.libc ? { libc: p.libc } : {}), license: "MIT", optional: true, ...(p.os ? { os: p.os } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pk).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} entries`);
