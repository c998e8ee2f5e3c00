import "server-only";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import type { BwrapFiles } from "./bwrap-args";
import { SANDBOX_USER } from "./spec";

/**
 * The few files every sandbox is shown in place of the host's: a passwd and
 * group that name only the sandbox's user (so tools that look themselves up
 * work, and the host's accounts stay unlisted), and the resolv.conf of
 * slirp4netns's DNS forwarder. Written once per process under DATA_DIR/sandbox;
 * only these files are bound, never the folder around them.
 */
let files: BwrapFiles | undefined;

export function supportFiles(): BwrapFiles {
  if (files && fs.existsSync(files.passwd)) return files;
  const dir = path.join(config().dataDir, "sandbox");
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const { name, uid, gid, home } = SANDBOX_USER;
  const write = (file: string, text: string) => {
    const target = path.join(dir, file);
    const temp = `${target}.${process.pid}`;
    fs.writeFileSync(temp, text, { mode: 0o644 });
    fs.renameSync(temp, target); // another process may be binding the old one right now
    return target;
  };
  files = {
    passwd: write("passwd", `root:x:0:0:root:/root:/bin/sh\n${name}:x:${uid}:${gid}:Switchboard agent:${home}:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n`),
    group: write("group", `root:x:0:\n${name}:x:${gid}:\nnogroup:x:65534:\n`),
    resolvConf: write("resolv.conf", "nameserver 10.0.2.3\n"),
  };
  return files;
}

/** A user's private HOME for agent CLIs (their own logins and caches survive between runs). */
export function userHome(userId: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(userId)) throw new Error(`Not a user id: ${userId}`);
  const dir = path.join(config().homesDir, userId);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
