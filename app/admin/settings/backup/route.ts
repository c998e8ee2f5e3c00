import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { errorResponseFor } from "@/lib/api/route";
import { recordAudit } from "@/lib/audit/audit";
import { getCurrentUser } from "@/lib/auth/current-user";
import { assertAdmin } from "@/lib/auth/roles";
import { backupsDir, writeBackup } from "@/lib/backup/backup";
import { backupFileName, STORED_BACKUP_NAME } from "@/lib/backup/schedule";
import { AppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";

export const dynamic = "force-dynamic";

/**
 * GET /admin/settings/backup — a backup of the whole server (lib/backup), made now and
 * streamed as a download; `?file=<name>` streams one of the scheduled backups instead.
 * Session cookie only; anyone but an admin (signed out too) gets a 404. Audited.
 */
export async function GET(request: Request) {
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("not_found", "Not found.");
    await assertAdmin(user);
    const stored = new URL(request.url).searchParams.get("file");
    if (stored !== null && !STORED_BACKUP_NAME.test(stored)) throw new AppError("not_found", "There is no such backup.");
    let file: string;
    let name: string;
    let temporary = false;
    if (stored) {
      file = path.join(backupsDir(), stored);
      name = stored;
      if (!fs.existsSync(file)) throw new AppError("not_found", "There is no such backup.");
    } else {
      // Made whole on disk first (a file an agent rewrites mid-read is read again), then streamed and removed.
      name = backupFileName(new Date());
      file = path.join(backupsDir(), `.download-${crypto.randomBytes(8).toString("hex")}.tar.gz`);
      await writeBackup(file);
      temporary = true;
    }
    const size = fs.statSync(file).size;
    await recordAudit({ action: "admin.backup_downloaded", actorId: user.id, detail: { file: stored ?? "new", sizeBytes: size }, ip: clientIp(request.headers) });
    const stream = fs.createReadStream(file);
    if (temporary) stream.on("close", () => fs.rm(file, { force: true }, () => undefined));
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "Content-Type": "application/gzip",
        "Content-Length": String(size),
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponseFor(error);
  }
}
