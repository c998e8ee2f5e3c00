import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listProjectFiles } from "./files";

/** A file with `content`, its folders made. */
function put(root: string, rel: string, content = "x\n") {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), content);
}

/** What git itself lists (the oracle: a trusted repository made by the test, run unconfined). */
function gitLists(cwd: string): string[] {
  const out = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd, encoding: "utf8" });
  return [...new Set(out.split("\0").filter(Boolean))].sort();
}

function repoWithRules(): string {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-ignore-"));
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: top });
  put(top, ".gitignore", "*.log\nbuild/\n/secret.txt\n!keep.log\nnode_modules\n");
  put(top, ".git/info/exclude", "local-only/\n");
  put(top, "README.md");
  put(top, "app.log");
  put(top, "keep.log");
  put(top, "secret.txt");
  put(top, "nested/secret.txt"); // "/secret.txt" is anchored at the top: this one stays
  put(top, "build/out.js");
  put(top, "local-only/notes.md");
  put(top, "node_modules/pkg/index.js");
  put(top, "web/.gitignore", "*.tmp\n!important.tmp\ndist\n");
  put(top, "web/a.tmp");
  put(top, "web/important.tmp");
  put(top, "web/dist/bundle.js");
  put(top, "web/src/App.TMP"); // git's rules are case-sensitive on Linux
  put(top, "web/src/main.ts");
  put(top, "web/src/debug.log");
  fs.symlinkSync("README.md", path.join(top, "link-to-readme"));
  execFileSync("git", ["add", "README.md", ".gitignore"], { cwd: top });
  return top;
}

describe("listing a project's files without running git", () => {
  it("names exactly what `git ls-files -co --exclude-standard` names, across nested .gitignore files, negations and info/exclude", async () => {
    const top = repoWithRules();
    const listed = (await listProjectFiles(top)).map((f) => f.path);
    expect(listed).toEqual(gitLists(top));
    expect(listed).toContain("web/important.tmp");
    expect(listed).not.toContain("web/a.tmp");
  });

  it("applies the rules of the folders above a project that is a subfolder of a repository", async () => {
    const top = repoWithRules();
    const listed = (await listProjectFiles(path.join(top, "web"))).map((f) => f.path);
    const fromGit = gitLists(path.join(top, "web")); // git names them relative to the folder it runs in
    expect(listed).toEqual(fromGit);
    expect(listed).not.toContain("src/debug.log"); // *.log comes from the top's .gitignore
  });
});
