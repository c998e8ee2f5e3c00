export const ROLES = ["admin", "user"] as const;
export const PLANS = ["FREE", "PRO"] as const;
export type Role = (typeof ROLES)[number];
export type Plan = (typeof PLANS)[number];
