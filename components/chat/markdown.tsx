import { Fragment, type ReactNode } from "react";

/**
 * Markdown as a person reads it, rendered to React elements only: no HTML string is ever
 * injected, so text an agent (or an imported file) wrote cannot run script or add markup
 * of its own; `<b>` in a message shows as the characters `<b>`. Covers what agents write:
 * headings, paragraphs, lists, block quotes, fenced code (with its language as a label
 * and light highlighting of comments, strings and keywords), inline code, bold, italics
 * and links (http, https and mailto only).
 */

const SAFE_LINK = /^(https?:|mailto:)/i;

function inline(text: string, key = 0): ReactNode[] {
  const out: ReactNode[] = [];
  // code | link | bold | italic
  const pattern = /(`+)([^`]+?)\1|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|(?<![\w])_([^_\s][^_]*)_(?![\w])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let n = key;
  while ((m = pattern.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[2] !== undefined) out.push(<code key={n++} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.9em] dark:bg-zinc-800">{m[2]}</code>);
    else if (m[3] !== undefined) {
      const href = m[4]!;
      out.push(
        SAFE_LINK.test(href) ? (
          <a key={n++} href={href} rel="noopener noreferrer nofollow" target="_blank" className="text-indigo-600 underline dark:text-indigo-400">
            {inline(m[3], n * 100)}
          </a>
        ) : (
          <Fragment key={n++}>{m[0]}</Fragment>
        ),
      );
    } else if (m[5] !== undefined || m[6] !== undefined) out.push(<strong key={n++}>{inline(m[5] ?? m[6]!, n * 100)}</strong>);
    else out.push(<em key={n++}>{inline(m[7] ?? m[8]!, n * 100)}</em>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const KEYWORDS = new Set(
  "const let var function return if else for while do switch case break continue class new import export from default async await try catch finally throw def elif lambda pass None True False null undefined true false fn pub struct impl use mod match type interface enum package func go".split(" "),
);

/** Light highlighting by tokens (comments, strings, numbers, keywords), as elements. */
function highlight(code: string): ReactNode[] {
  const out: ReactNode[] = [];
  const token = /(\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/)|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][\w]*)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = token.exec(code))) {
    if (m.index > last) out.push(code.slice(last, m.index));
    if (m[1]) out.push(<span key={n++} className="text-zinc-500 dark:text-zinc-400 italic">{m[1]}</span>);
    else if (m[2]) out.push(<span key={n++} className="text-emerald-700 dark:text-emerald-400">{m[2]}</span>);
    else if (m[3]) out.push(<span key={n++} className="text-amber-700 dark:text-amber-400">{m[3]}</span>);
    else if (KEYWORDS.has(m[4]!)) out.push(<span key={n++} className="text-violet-700 dark:text-violet-400">{m[4]}</span>);
    else out.push(m[4]);
    last = m.index + m[0].length;
  }
  if (last < code.length) out.push(code.slice(last));
  return out;
}

export function CodeBlock({ code, lang }: { code: string; lang?: string }) {
  return (
    <figure className="my-2 overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
      {lang && <figcaption className="border-b border-zinc-200 bg-zinc-50 px-3 py-1 font-mono text-xs text-zinc-500 dark:text-zinc-400 dark:border-zinc-800 dark:bg-zinc-900">{lang}</figcaption>}
      <pre className="overflow-x-auto bg-zinc-50 p-3 text-sm leading-relaxed dark:bg-zinc-900">
        <code>{highlight(code)}</code>
      </pre>
    </figure>
  );
}

type Block = { kind: "code"; lang: string; text: string } | { kind: "heading"; level: number; text: string } | { kind: "list"; ordered: boolean; items: string[] } | { kind: "quote"; text: string } | { kind: "para"; text: string };

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)\s*([\w+.-]*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: "code", lang: fence[2] ?? "", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1]!.length, text: heading[2]! });
      i++;
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]!);
      const items: string[] = [];
      while (i < lines.length) {
        const next = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(lines[i]!);
        if (!next) break;
        items.push(next[2]!);
        i++;
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) quoted.push(lines[i++]!.replace(/^\s*>\s?/, ""));
      blocks.push({ kind: "quote", text: quoted.join("\n") });
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && !/^\s*(```|~~~|#{1,6}\s|>|([-*+]|\d+[.)])\s)/.test(lines[i]!)) para.push(lines[i++]!);
    if (para.length === 0) para.push(lines[i++]!);
    blocks.push({ kind: "para", text: para.join("\n") });
  }
  return blocks;
}

const HEADING_CLASS = ["text-xl", "text-lg", "text-base", "text-base", "text-sm", "text-sm"];

export function Markdown({ text }: { text: string }) {
  return (
    <div className="space-y-2 break-words text-sm leading-relaxed">
      {parseBlocks(text).map((b, k) => {
        if (b.kind === "code") return <CodeBlock key={k} code={b.text} lang={b.lang || undefined} />;
        if (b.kind === "heading") {
          const Tag = `h${Math.min(6, b.level + 2)}` as "h3";
          return <Tag key={k} className={`${HEADING_CLASS[b.level - 1]} font-semibold`}>{inline(b.text)}</Tag>;
        }
        if (b.kind === "list") {
          const Tag = b.ordered ? "ol" : "ul";
          return (
            <Tag key={k} className={`${b.ordered ? "list-decimal" : "list-disc"} space-y-1 pl-5`}>
              {b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}
            </Tag>
          );
        }
        if (b.kind === "quote") return <blockquote key={k} className="border-l-2 border-zinc-300 pl-3 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{inline(b.text)}</blockquote>;
        return <p key={k} className="whitespace-pre-wrap">{inline(b.text)}</p>;
      })}
    </div>
  );
}
