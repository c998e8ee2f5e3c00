import type { Locale } from "../locales";
import type { Messages } from "../translate";
import { common } from "./common";
import { auth } from "./auth";
import { errors } from "./errors";
import { settings } from "./settings";
import { admin } from "./admin";
import { features } from "./features";
import { runList } from "./run-list";
import { runs } from "./runs";
import { usage } from "./usage";
import { workspace } from "./workspace";
import { billing } from "./billing";
import { ideas } from "./ideas";
import { board } from "./board";
import { attempts } from "./attempts";
import { sandbox } from "./sandbox";
import { quotas } from "./quotas";
import { signUps } from "./sign-ups";
import { chat } from "./chat";
import { mcp } from "./mcp";
import { meSettings } from "./me-settings";
import { executorsAdmin } from "./executors-admin";
import { imports } from "./imports";
import { trash } from "./trash";
import { backups } from "./backups";
import { links } from "./links";

/**
 * Every area of the app keeps its strings in its own file, English and Korean
 * side by side; a unit test checks both languages have the same keys.
 */
export const areas = { common, auth, errors, settings, admin, features, workspace, runList, runs, usage, billing, ideas, board, attempts, sandbox, quotas, signUps, chat, mcp, meSettings, executorsAdmin, imports, trash, backups, links };

export const messages: Record<Locale, Messages> = {
  en: Object.assign({}, ...Object.values(areas).map((a) => a.en)),
  ko: Object.assign({}, ...Object.values(areas).map((a) => a.ko)),
};
