/** Plan quotas on what a user can pile up (lib/billing/limits.ts), and their rows on /billing. */
export const quotas = {
  en: {
    "tag.error.limit": "Your {plan} plan allows {limit} tags. Delete tags you no longer use to make room.",
    "token.error.limit": "Your {plan} plan allows {limit} live API tokens. Revoke tokens you no longer use at /settings/tokens to make room.",
    "image.error.quota":
      "Your {plan} plan allows {limit} of images and you use {current}, so this {adding} file does not fit. Delete images you no longer need, or upgrade to PRO at /billing for more.",
    "run.error.monthlyLimit": "Your {plan} plan allows {limit} runs a month, and you have used them all. Upgrade to PRO at /billing for more.",
    "billing.limit.imageStorageBytes": "Image storage",
    "billing.limit.apiTokens": "API tokens",
    "billing.limit.tags": "Tags",
  },
  ko: {
    "tag.error.limit": "{plan} 요금제에서는 태그를 {limit}개까지 만들 수 있습니다. 더 이상 쓰지 않는 태그를 삭제해 공간을 만드세요.",
    "token.error.limit": "{plan} 요금제에서는 API 토큰을 {limit}개까지 사용할 수 있습니다. /settings/tokens에서 쓰지 않는 토큰을 폐기해 공간을 만드세요.",
    "image.error.quota":
      "{plan} 요금제의 이미지 저장 공간은 {limit}이며 현재 {current}를 쓰고 있어 {adding} 파일을 더 올릴 수 없습니다. 필요 없는 이미지를 삭제하거나 /billing에서 PRO로 업그레이드하세요.",
    "run.error.monthlyLimit": "{plan} 요금제에서는 한 달에 {limit}회까지 실행할 수 있으며 이번 달 한도를 모두 사용했습니다. /billing에서 PRO로 업그레이드하면 더 실행할 수 있습니다.",
    "billing.limit.imageStorageBytes": "이미지 저장 공간",
    "billing.limit.apiTokens": "API 토큰",
    "billing.limit.tags": "태그",
  },
};
