import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A tiny stand-in for Stripe's REST API on 127.0.0.1, enough for the official
 * SDK: customers, Checkout and portal sessions, and subscriptions whose
 * current state the test controls. Bodies are form-encoded with bracket keys
 * (`line_items[0][price]=...`) exactly as the SDK sends them; errors are
 * Stripe's `{ error: { type, code, message } }`. Every request is recorded.
 *
 * With `webhooks` set it also plays Stripe's hosted pages for a browser (the
 * end-to-end tests): GET /checkout/<id> is a checkout page whose "Pay" button
 * completes the session, creates an active subscription, delivers signed
 * checkout.session.completed and customer.subscription.created events to
 * `webhooks.url` (waiting for a 200 each) and sends the browser to the
 * session's success_url; GET /portal/<id> is a customer portal page with a
 * link back to its return_url.
 */

type FormValue = string | FormObject | FormValue[];
type FormObject = { [key: string]: FormValue };

export type RecordedRequest = {
  method: string;
  path: string;
  body: FormObject;
  headers: http.IncomingHttpHeaders;
};

export type StandInSubscription = {
  id: string;
  customer: string;
  status: "active" | "canceled" | "incomplete" | "incomplete_expired" | "past_due" | "paused" | "trialing" | "unpaid";
  cancel_at_period_end?: boolean;
  /** Unix seconds; put on items.data[0] as API 2025+ does. */
  current_period_end: number;
};

/** Parses `a[b][0][c]=v&...` into nested objects/arrays. */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.split(/\[|\]\[|\]/).filter((p, i) => p !== "" || i === 0);
    let node: FormObject | FormValue[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const container = node as Record<string, FormValue>;
      if (last) {
        container[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      container[part] ??= nextIsIndex ? [] : {};
      node = container[part] as FormObject | FormValue[];
    });
  }
  return root;
}

function subscriptionObject(s: StandInSubscription) {
  return {
    id: s.id,
    object: "subscription",
    customer: s.customer,
    status: s.status,
    cancel_at_period_end: s.cancel_at_period_end ?? false,
    items: {
      object: "list",
      data: [
        {
          id: `si_${s.id}`,
          object: "subscription_item",
          current_period_end: s.current_period_end,
          current_period_start: s.current_period_end - 30 * 86400,
          price: { id: "price_pro", object: "price" },
          quantity: 1,
        },
      ],
      has_more: false,
    },
  };
}

type StandInCheckoutSession = {
  id: string;
  object: "checkout.session";
  url: string;
  mode: FormValue;
  customer: FormValue;
  client_reference_id: FormValue | null;
  success_url: FormValue;
  cancel_url: FormValue | null;
  status: "open" | "complete";
  subscription?: string | null;
};

type StandInPortalSession = { id: string; customer: FormValue; return_url: FormValue | null };

export type StripeStandInOptions = {
  secretKey: string;
  /** Fixed port (the end-to-end tests); default: any free one. */
  port?: number;
  /** Where and how to deliver signed webhook events when a checkout page is paid. */
  webhooks?: { url: string; secret: string };
};

const escapeHtml = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function htmlPage(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

export async function startStripeStandIn(options: StripeStandInOptions) {
  const requests: RecordedRequest[] = [];
  const subscriptions = new Map<string, StandInSubscription>();
  const checkoutSessions = new Map<string, StandInCheckoutSession>();
  const portalSessions = new Map<string, StandInPortalSession>();
  const signer = new Stripe(options.secretKey);
  /** Signs and POSTs one event to the app; anything but a 200 is an error. */
  const deliverEvent = async (type: string, object: unknown) => {
    if (!options.webhooks) return;
    const payload = JSON.stringify({
      id: nextId("evt_test"),
      object: "event",
      api_version: "2026-02-25.clover",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    });
    const header = signer.webhooks.generateTestHeaderString({ payload, secret: options.webhooks.secret });
    const response = await fetch(options.webhooks.url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": header },
      body: payload,
    });
    if (response.status !== 200) throw new Error(`${type}: the app answered ${response.status} ${await response.text()}`);
  };
  const idempotent = new Map<string, unknown>();
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_${(++counter).toString().padStart(6, "0")}`;

  const server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const body = parseForm(req.method === "GET" ? url.search.slice(1) : text);
      requests.push({ method: req.method ?? "GET", path: url.pathname, body, headers: req.headers });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": nextId("req") });
        res.end(JSON.stringify(payload));
      };
      const fail = (status: number, type: string, message: string, code?: string) =>
        send(status, { error: { type, message, ...(code ? { code } : {}) } });
      const html = (status: number, title: string, content: string) => {
        res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
        res.end(htmlPage(title, content));
      };

      // The hosted pages a browser visits (no API key there, as on Stripe).
      if (!url.pathname.startsWith("/v1/")) {
        if (req.method === "GET" && url.pathname === "/") return html(200, "Stripe stand-in", "<p>Loopback stand-in for Stripe.</p>");
        const checkoutPage = /^\/checkout\/([^/]+)$/.exec(url.pathname);
        const session = checkoutPage ? checkoutSessions.get(decodeURIComponent(checkoutPage[1]!)) : undefined;
        if (session && req.method === "GET") {
          return html(
            200,
            "Checkout (Stripe stand-in)",
            `<p>Subscribe to Switchboard Pro.</p><form method="post" action="/checkout/${escapeHtml(session.id)}"><button type="submit">Pay</button></form>`,
          );
        }
        if (session && req.method === "POST") {
          void (async () => {
            if (session.status === "open") {
              const subscription: StandInSubscription = {
                id: nextId("sub"),
                customer: String(session.customer),
                status: "active",
                current_period_end: Math.floor(Date.now() / 1000) + 30 * 86400,
              };
              subscriptions.set(subscription.id, subscription);
              session.status = "complete";
              session.subscription = subscription.id;
              await deliverEvent("checkout.session.completed", { ...session });
              await deliverEvent("customer.subscription.created", subscriptionObject(subscription));
            }
            res.writeHead(303, { location: String(session.success_url) });
            res.end();
          })().catch((error: unknown) => html(502, "Webhook delivery failed", `<p>${escapeHtml(error instanceof Error ? error.message : error)}</p>`));
          return;
        }
        const portalPage = /^\/portal\/([^/]+)$/.exec(url.pathname);
        const portal = portalPage ? portalSessions.get(decodeURIComponent(portalPage[1]!)) : undefined;
        if (portal && req.method === "GET") {
          const back = portal.return_url ? `<a href="${escapeHtml(portal.return_url)}">Return to Switchboard</a>` : "";
          return html(200, "Customer portal", `<p>Customer ${escapeHtml(portal.customer)}: payment method, invoices, cancel.</p>${back}`);
        }
        return html(404, "Not found", "<p>No such page.</p>");
      }

      if (req.headers.authorization !== `Bearer ${options.secretKey}`) {
        return fail(401, "invalid_request_error", "Invalid API Key provided.");
      }
      const key = req.method === "POST" ? req.headers["idempotency-key"] : undefined;
      const cacheKey = typeof key === "string" ? `${url.pathname} ${key}` : undefined;
      if (cacheKey && idempotent.has(cacheKey)) return send(200, idempotent.get(cacheKey));
      const created = (payload: unknown) => {
        if (cacheKey) idempotent.set(cacheKey, payload);
        send(200, payload);
      };
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      if (req.method === "POST" && url.pathname === "/v1/customers") {
        return created({ id: nextId("cus"), object: "customer", email: body.email ?? null, name: body.name ?? null, metadata: body.metadata ?? {} });
      }
      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        if (!body.customer || !body.mode || !body.success_url) return fail(400, "invalid_request_error", "Missing required param.", "parameter_missing");
        const id = nextId("cs_test");
        const session: StandInCheckoutSession = {
          id,
          object: "checkout.session",
          url: `${origin}/checkout/${id}`,
          mode: body.mode,
          customer: body.customer,
          client_reference_id: body.client_reference_id ?? null,
          success_url: body.success_url,
          cancel_url: body.cancel_url ?? null,
          status: "open",
        };
        checkoutSessions.set(id, session);
        return created({ ...session });
      }
      if (req.method === "POST" && url.pathname === "/v1/billing_portal/sessions") {
        if (!body.customer) return fail(400, "invalid_request_error", "Missing required param: customer.", "parameter_missing");
        const id = nextId("bps");
        portalSessions.set(id, { id, customer: body.customer, return_url: body.return_url ?? null });
        return created({ id, object: "billing_portal.session", customer: body.customer, return_url: body.return_url ?? null, url: `${origin}/portal/${id}` });
      }
      const sub = /^\/v1\/subscriptions\/([^/]+)$/.exec(url.pathname);
      if (req.method === "GET" && sub) {
        const found = subscriptions.get(decodeURIComponent(sub[1]!));
        if (!found) return fail(404, "invalid_request_error", `No such subscription: '${sub[1]}'`, "resource_missing");
        return send(200, subscriptionObject(found));
      }
      return fail(404, "invalid_request_error", `Unrecognized request URL (${req.method}: ${url.pathname}).`);
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Set what Stripe reports NOW for a subscription. */
    setSubscription(s: StandInSubscription) {
      subscriptions.set(s.id, s);
    },
    /** The subscription object as Stripe would embed it in an event payload. */
    subscriptionObject(s: StandInSubscription) {
      return subscriptionObject(s);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type StripeStandIn = Awaited<ReturnType<typeof startStripeStandIn>>;
