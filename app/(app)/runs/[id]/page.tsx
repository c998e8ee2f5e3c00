import { notFound } from "next/navigation";

/** No runs can exist before the feature lands, so every id is unknown. */
export default function RunPage(): never {
  notFound();
}
