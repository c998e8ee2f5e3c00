/** Which executors users may run (/admin/settings, lib/admin/executors.ts). */
export const executorsAdmin = {
  en: {
    "admin.executors.off": "The {executor} executor is turned off on this server. Ask an admin, or use another agent.",
    "admin.executors.title": "Executors",
    "admin.executors.description": "Which executors users may run. Runs of a turned-off executor are refused when they are started.",
    "admin.executors.save": "Update executors",
    "admin.executors.saved": "Saved: {list}.",
    "admin.audit.action.admin.executors_changed": "Changed which executors may run",
  },
  ko: {
    "admin.executors.off": "이 서버에서는 {executor} 실행기가 꺼져 있습니다. 관리자에게 문의하거나 다른 에이전트를 쓰세요.",
    "admin.executors.title": "실행기",
    "admin.executors.description": "사용자가 실행할 수 있는 실행기입니다. 꺼진 실행기의 실행은 시작할 때 거절됩니다.",
    "admin.executors.save": "실행기 저장",
    "admin.executors.saved": "저장함: {list}.",
    "admin.audit.action.admin.executors_changed": "실행할 수 있는 실행기 변경",
  },
};
