import "server-only";
import fs from "node:fs/promises";
import { createClient, type Client, type InValue, type Row } from "@libsql/client";
import { formatBytes } from "@/lib/format/bytes";
import { refuse } from "./report";

/** Every SQLite database file starts with these 16 bytes. */
const SQLITE_HEADER = Buffer.from("SQLite format 3\u0000", "latin1");
/** The most one value read from an uploaded database may hold; a bigger one refuses the file. */
export const MAX_CELL_BYTES = 16 * 1024 * 1024;

export async function hasSqliteHeader(file: string): Promise<boolean> {
  const handle = await fs.open(file, "r");
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    return bytesRead === 16 && head.equals(SQLITE_HEADER);
  } finally {
    await handle.close();
  }
}

/**
 * Another tool's SQLite database, opened from our own copy, read-only: `query_only` refuses
 * every write, `trusted_schema` off keeps the file's views and triggers from calling functions,
 * and extensions are never loaded (libSQL does not allow it anyway). Tables are checked to be
 * real tables with the columns we read, so a file that is not what it claims, a damaged file,
 * or a hostile one (views posing as tables, huge values) is refused with a reason before
 * anything is imported.
 */
export class SourceDb {
  private constructor(private readonly client: Client) {}

  static async open(file: string, what: string): Promise<SourceDb> {
    if (!(await hasSqliteHeader(file))) refuse("notSqlite", { what });
    const client = createClient({ url: `file:${file}` });
    const source = new SourceDb(client);
    try {
      await client.execute("PRAGMA query_only = ON");
      await client.execute("PRAGMA trusted_schema = OFF");
      await client.execute("SELECT count(*) FROM sqlite_master");
    } catch {
      client.close();
      refuse("unreadable", { what });
    }
    return source;
  }

  close(): void {
    this.client.close();
  }

  async all(sql: string, args: InValue[] = []): Promise<Row[]> {
    try {
      return (await this.client.execute({ sql, args })).rows;
    } catch (error) {
      return refuse("damaged", { detail: error instanceof Error ? error.message.slice(0, 200) : "?" });
    }
  }

  /** Names of the real tables (views and virtual tables are not tables here). */
  async tables(): Promise<Set<string>> {
    const rows = await this.all("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'");
    return new Set(rows.map((r) => String(r.name)));
  }

  async columns(table: string): Promise<Set<string>> {
    const rows = await this.all(`SELECT name FROM pragma_table_info(?)`, [table]);
    return new Set(rows.map((r) => String(r.name)));
  }

  /** Refuses the file unless `table` is a table with every one of `columns`; returns all its columns. */
  async require(table: string, columns: string[], what: string): Promise<Set<string>> {
    if (!(await this.tables()).has(table)) refuse("missingTable", { what, table });
    const have = await this.columns(table);
    const missing = columns.find((c) => !have.has(c));
    if (missing) refuse("missingColumn", { what, table, column: missing });
    await this.guardCells(table, [...have]);
    return have;
  }

  /** Refuses the file when a value in `table` is larger than MAX_CELL_BYTES (before any row is read into memory). */
  private async guardCells(table: string, columns: string[]): Promise<void> {
    if (columns.length === 0) return;
    const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
    const widest = columns.map((c) => `max(length(CAST(${q(c)} AS BLOB)))`).join(", ");
    const [row] = await this.all(`SELECT ${widest} FROM ${q(table)}`);
    const values = row ? Object.values(row).map((v) => Number(v ?? 0)) : [];
    if (values.some((v) => v > MAX_CELL_BYTES)) refuse("cellTooBig", { table, max: formatBytes(MAX_CELL_BYTES) });
  }
}

/** A column's value as text (null stays null); BLOBs are decoded as UTF-8. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("utf8");
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("utf8");
  return String(value);
}

/** A uuid as vibe-kanban keeps it (16 bytes in a BLOB, or text), as its usual text form. */
export function uuidText(value: unknown): string | null {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (bytes.length !== 16) return null;
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  if (typeof value === "string" && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(value)) return value.toLowerCase();
  return null;
}
