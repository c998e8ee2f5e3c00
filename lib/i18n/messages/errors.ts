export const errors = {
  en: {
    "errors.unexpected": "Something went wrong on our side. Please try again.",
    "errors.signedOut": "Your session has ended. Sign in again.",
    "errors.checkFields": "Please check the highlighted fields.",
    "errors.passwordTooShort": "Use at least 8 characters.",
    "errors.passwordTooLong": "Use at most 128 characters.",
    "errors.passwordTooCommon": "This password is too common. Choose one that is harder to guess.",
    "errors.invalidEmail": "Enter a valid email address.",
    "errors.required": "This field is required.",
    "errors.tooLong": "This is too long.",
  },
  ko: {
    "errors.unexpected": "서버에서 문제가 발생했습니다. 다시 시도해 주세요.",
    "errors.signedOut": "세션이 종료되었습니다. 다시 로그인하세요.",
    "errors.checkFields": "표시된 항목을 확인해 주세요.",
    "errors.passwordTooShort": "8자 이상 입력하세요.",
    "errors.passwordTooLong": "128자 이하로 입력하세요.",
    "errors.passwordTooCommon": "너무 흔한 비밀번호입니다. 추측하기 어려운 비밀번호를 고르세요.",
    "errors.invalidEmail": "올바른 이메일 주소를 입력하세요.",
    "errors.required": "필수 항목입니다.",
    "errors.tooLong": "너무 깁니다.",
  },
};
