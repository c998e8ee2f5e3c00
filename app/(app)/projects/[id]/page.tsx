import { notFound } from "next/navigation";

/** No projects can exist before the feature lands, so every id is unknown. */
export default function ProjectPage(): never {
  notFound();
}
