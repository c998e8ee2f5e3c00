import { apiRoute } from "@/lib/api/route";
import { deleteImage, readImage } from "@/lib/images/images";

/** GET /api/v1/images/:id — the image's bytes, to its owner only (404 for anyone else). */
export const GET = apiRoute({}, async ({ user, params }) => {
  const image = await readImage(user.id, params.id!);
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "content-type": image.mimeType,
      "content-length": String(image.bytes.byteLength),
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=3600",
      "content-disposition": `inline; filename="${encodeURIComponent(image.originalName)}"`,
    },
  });
});

/** DELETE /api/v1/images/:id — the image and its file. */
export const DELETE = apiRoute({}, async ({ user, params }) => {
  await deleteImage(user.id, params.id!);
  return new Response(null, { status: 204 });
});
