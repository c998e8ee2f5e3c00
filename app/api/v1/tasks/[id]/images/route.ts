import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { attachImage, readUploadedFile } from "@/lib/images/images";
import { imageUrl } from "@/lib/tasks/board";
import { imageMetaSchema } from "@/lib/tasks/schemas";

/** POST /api/v1/tasks/:id/images — multipart/form-data, field "file": a PNG, JPEG, WebP or GIF up to 10 MB. */
export const POST = apiRoute({}, async ({ user, params, request }) => {
  const file = await readUploadedFile(request);
  const image = await attachImage(user.id, params.id!, file);
  return NextResponse.json(imageMetaSchema.parse({ ...image, url: imageUrl(image.id) }), { status: 201 });
});
