import { notFound } from "next/navigation";

/** No agents can exist before the feature lands, so every id is unknown. */
export default function AgentPage(): never {
  notFound();
}
