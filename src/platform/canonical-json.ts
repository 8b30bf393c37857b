/**
 * JSON with object keys sorted at every level: the same content gives the same bytes (and hash),
 * whatever order jsonb or a parser gave the keys back in. Used for content hashes (catalogue
 * versions, inspection records) and for what a signature covers (national sync batches, ad hoc
 * report requests). Changing it changes every stored hash: keep it as it is.
 */
export const canonicalJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonicalJson).join(',')}]`
    : value && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);
