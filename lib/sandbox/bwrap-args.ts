import fs from "node:fs";
import path from "node:path";
import { SANDBOX_USER, type SandboxSpec } from "./spec";

/**
 * The bubblewrap command line for a spec: a new user, PID, IPC, UTS, cgroup
 * and network namespace; a root that holds only the system (read-only), a
 * few chosen files of /etc, the folders the spec names, a private /tmp and
 * HOME, and an environment built from nothing. Kept free of I/O beyond
 * looking at which system folders exist, so tests can read it.
 */

/** /etc entries programs need to run (users, name resolution, certificates, locale, git and shell defaults). Never shadow, ssh keys or sudoers. */
const ETC_ALLOWED = [
  "alternatives", "bash.bashrc", "ca-certificates", "ca-certificates.conf", "debian_version", "environment",
  "gai.conf", "gitconfig", "host.conf", "hosts", "inputrc", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
  "locale.alias", "localtime", "magic", "magic.mime", "mime.types", "nsswitch.conf", "os-release", "pki",
  "profile", "profile.d", "protocols", "python3", "services", "shells", "ssl", "terminfo", "timezone", "vim",
];

/** Top-level system folders shown read-only when they exist (or recreated as the symlinks they are). */
const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt"];

export type BwrapFiles = {
  /** Files the server writes once (lib/sandbox/support.ts): passwd and group naming the sandbox user, resolv.conf for slirp4netns. */
  passwd: string;
  group: string;
  resolvConf: string;
};

function systemArgs(): string[] {
  const args: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(dir), dir);
    else if (stat.isDirectory()) args.push("--ro-bind", dir, dir);
  }
  for (const name of ETC_ALLOWED) {
    const file = path.join("/etc", name);
    if (fs.existsSync(file)) args.push("--ro-bind", file, file);
  }
  return args;
}

export function bwrapArgs(
  spec: SandboxSpec,
  opts: {
    files: BwrapFiles;
    pathDirs: string[];
    tmpBytes?: number;
    networkFds?: { info: number; block: number };
    /** The spec's `files`, already written on the host: each host file is bound read-only at its path. */
    runFiles?: Array<{ host: string; path: string }>;
  },
): string[] {
  const args = [
    "--unshare-all",
    "--die-with-parent",
    "--hostname", "switchboard",
    "--uid", String(SANDBOX_USER.uid),
    "--gid", String(SANDBOX_USER.gid),
    ...systemArgs(),
    "--ro-bind", opts.files.passwd, "/etc/passwd",
    "--ro-bind", opts.files.group, "/etc/group",
    "--proc", "/proc",
    "--dev", "/dev",
  ];
  if (opts.tmpBytes) args.push("--size", String(opts.tmpBytes));
  args.push("--tmpfs", "/tmp");
  if (spec.home) args.push("--bind", spec.home, SANDBOX_USER.home);
  else args.push("--dir", SANDBOX_USER.home);
  for (const dir of spec.programDirs ?? []) args.push("--ro-bind", dir, dir);
  for (const bind of spec.binds ?? []) args.push(bind.writable ? "--bind" : "--ro-bind", bind.path, bind.path);
  args.push(spec.writable ? "--bind" : "--ro-bind", spec.cwd, spec.cwd, "--chdir", spec.cwd);
  for (const file of opts.runFiles ?? []) args.push("--ro-bind", file.host, file.path);
  if (spec.network && opts.networkFds) {
    args.push("--ro-bind", opts.files.resolvConf, "/etc/resolv.conf");
    args.push("--info-fd", String(opts.networkFds.info), "--block-fd", String(opts.networkFds.block));
  }

  const env: Record<string, string> = {
    PATH: opts.pathDirs.join(":"),
    HOME: SANDBOX_USER.home,
    USER: SANDBOX_USER.name,
    LOGNAME: SANDBOX_USER.name,
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
    TMPDIR: "/tmp",
    ...spec.env,
  };
  args.push("--clearenv");
  for (const [name, value] of Object.entries(env)) args.push("--setenv", name, value);
  return args;
}
