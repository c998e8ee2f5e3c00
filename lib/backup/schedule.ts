import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "@/lib/audit/audit";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { JOB_TYPES } from "@/lib/domain";
import { recurringJobDefinition, scheduleRecurring, type RecurringJob } from "@/lib/queue/recurring";
import { getAppSetting, setAppSetting, type AppSettingValue } from "@/lib/settings/app-settings";
import { backupsDir, writeBackup } from "./backup";

/**
 * Daily backups an admin turns on at /admin/settings: the `scheduled_backup` job looks every
 * hour, writes DATA_DIR/backups/switchboard-<UTC time>.tar.gz when the newest is a day old,
 * and removes the oldest beyond the number to keep. Every process may start the chain; the
 * recurring job keeps one.
 */

export type BackupSchedule = AppSettingValue<"backupSchedule">;
export type StoredBackup = { name: string; sizeBytes: number; createdAt: string };

const HOUR_MS = 60 * 60 * 1000;
/** A little under a day, so an hourly check that runs late does not skip a day. */
const DUE_AFTER_MS = 23 * HOUR_MS;

/** The names scheduled backups get; a download asks for one of these and nothing else. */
export const STORED_BACKUP_NAME = /^switchboard-\d{8}T\d{6}Z\.tar\.gz$/;

export const backupFileName = (at: Date) => `switchboard-${at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.tar.gz`;

export function getBackupSchedule(): Promise<BackupSchedule> {
  return getAppSetting("backupSchedule");
}

export async function setBackupSchedule(actor: Actor, schedule: BackupSchedule): Promise<void> {
  await assertAdmin(actor);
  const previous = await getBackupSchedule();
  await setAppSetting("backupSchedule", schedule);
  if (previous.enabled !== schedule.enabled || previous.keep !== schedule.keep) {
    await recordAudit({ action: "admin.backup_schedule_changed", actorId: actor.id, detail: { from: previous, to: schedule } });
  }
}

/** The scheduled backups kept under DATA_DIR/backups, newest first. */
export async function listStoredBackups(): Promise<StoredBackup[]> {
  const names = (await fs.readdir(backupsDir()).catch(() => [] as string[])).filter((n) => STORED_BACKUP_NAME.test(n));
  const rows = await Promise.all(
    names.map(async (name) => {
      const stat = await fs.stat(path.join(backupsDir(), name)).catch(() => null);
      return stat ? { name, sizeBytes: stat.size, createdAt: stat.mtime.toISOString() } : null;
    }),
  );
  return rows.filter((r): r is StoredBackup => !!r).sort((a, b) => b.name.localeCompare(a.name));
}

/** One round of the job: a backup when one is due, then the oldest beyond `keep` removed. */
export async function runScheduledBackup(now = new Date()): Promise<Record<string, unknown>> {
  const schedule = await getBackupSchedule();
  if (!schedule.enabled) return { skipped: "off" };
  const stored = await listStoredBackups();
  const newest = stored[0];
  let written: string | null = null;
  if (!newest || now.getTime() - Date.parse(newest.createdAt) >= DUE_AFTER_MS) {
    written = backupFileName(now);
    await writeBackup(path.join(backupsDir(), written));
  }
  const removed: string[] = [];
  for (const old of (await listStoredBackups()).slice(schedule.keep)) {
    await fs.rm(path.join(backupsDir(), old.name), { force: true });
    removed.push(old.name);
  }
  await removeLeftovers(now);
  return { written, removed };
}

/** Work folders and half-written archives a killed process left behind (".work-…", ".partial-…", ".download-…"), once a day old. */
async function removeLeftovers(now: Date) {
  for (const name of await fs.readdir(backupsDir()).catch(() => [] as string[])) {
    if (!/^\.(work|download)-|\.partial-[0-9a-f]+$/.test(name)) continue;
    const file = path.join(backupsDir(), name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now.getTime() - stat.mtimeMs > 24 * HOUR_MS) await fs.rm(file, { recursive: true, force: true });
  }
}

const scheduledBackup: RecurringJob = { type: JOB_TYPES.scheduledBackup, intervalMs: HOUR_MS, run: () => runScheduledBackup() };

/** Start the hourly check (at server and worker start; one job across every process). */
export function scheduleBackups(runAt: Date = new Date()): Promise<boolean> {
  return scheduleRecurring(scheduledBackup, runAt);
}

export const scheduledBackupJobDefinition = recurringJobDefinition(scheduledBackup);
