import { handleStripeWebhook } from "@/lib/billing/webhook";
import { errorResponseFor } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { MAX_JSON_BODY_BYTES, readBodyText } from "@/lib/http/body";

/**
 * Stripe's webhook (public: Stripe signs, no user). The signature covers the
 * exact bytes, so the body is read as raw text and handed over untouched.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    // Public, so bounded like every JSON body: Stripe's events are a few kilobytes.
    const rawBody = await readBodyText(request, MAX_JSON_BODY_BYTES, () => new AppError("payload_too_large", "The webhook body is over 1 MB."));
    const result = await handleStripeWebhook(rawBody, request.headers.get("stripe-signature"));
    return Response.json({ received: true, ...(result.duplicate ? { duplicate: true } : {}) });
  } catch (error) {
    // Anything unexpected is a 5xx, which makes Stripe retry the delivery later; nothing was recorded.
    return errorResponseFor(error);
  }
}
