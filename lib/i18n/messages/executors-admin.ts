/** Which executors users may run (/admin/settings, lib/admin/executors.ts). */
export const executorsAdmin = {
  en: {
    "admin.executors.off": "The {executor} executor is turned off on this server. Ask an admin, or use another agent.",
    "admin.executors.title": "Executors",
    "admin.executors.description": "Which executors users may run. Runs of a turned-off executor are refused when they are started.",
    "admin.executors.save": "Update executors",
    "admin.executors.saved": "Saved: {list}.",
    "admin.audit.action.admin.executors_changed": "Changed which executors may run",
    "admin.planLimits.title": "Plan limits",
    "admin.planLimits.description": "What each plan allows, for everyone on it. They are set in lib/billing/plans.ts; a user's plan is changed on their page under Users. Per-run sandbox limits are on the Security page.",
  },
  ko: {
    "admin.executors.off": "이 서버에서는 {executor} 실행기가 꺼져 있습니다. 관리자에게 문의하거나 다른 에이전트를 쓰세요.",
    "admin.executors.title": "실행기",
    "admin.executors.description": "사용자가 실행할 수 있는 실행기입니다. 꺼진 실행기의 실행은 시작할 때 거절됩니다.",
    "admin.executors.save": "실행기 저장",
    "admin.executors.saved": "저장함: {list}.",
    "admin.audit.action.admin.executors_changed": "실행할 수 있는 실행기 변경",
    "admin.planLimits.title": "요금제 한도",
    "admin.planLimits.description": "요금제마다 허용되는 한도이며 그 요금제의 모든 사용자에게 적용됩니다. lib/billing/plans.ts에서 정하며, 사용자의 요금제는 사용자 관리의 각 사용자 페이지에서 바꿉니다. 실행 하나의 샌드박스 한도는 보안 페이지에 있습니다.",
  },
};
