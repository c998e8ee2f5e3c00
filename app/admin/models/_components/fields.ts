/** The price columns of /admin/models, in order: form field names and their header keys. */
export const PRICE_FIELDS = [
  { name: "inputPricePerMtok", label: "usage.models.col.input", required: true },
  { name: "outputPricePerMtok", label: "usage.models.col.output", required: true },
  { name: "cacheReadPricePerMtok", label: "usage.models.col.cacheRead", required: false },
  { name: "cacheWritePricePerMtok", label: "usage.models.col.cacheWrite", required: false },
] as const;

export type PriceField = (typeof PRICE_FIELDS)[number]["name"];

/** The id of a price column's header, which labels that column's inputs together with the row's model name. */
export const columnId = (field: PriceField) => `model-col-${field}`;
