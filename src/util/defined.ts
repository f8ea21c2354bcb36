/**
 * An object with its `undefined` properties left out, typed so: `{ a: string | undefined }` becomes
 * `{ a?: string }`. With exactOptionalPropertyTypes an optional property is absent or holds a value,
 * never `undefined`; readers of answers (a record's field that may be missing) build their objects
 * through this instead of spreading `...(x ? { x } : {})` over every field.
 */
export type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

export function defined<T extends object>(object: T): Defined<T> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) result[key] = value;
  return result as Defined<T>;
}

/**
 * T while it is being built: `undefined` allowed in every optional property, at any depth. What is
 * built this way is compacted (its undefined values dropped) before it is used as a T.
 */
export type Loose<T> = T extends readonly (infer Item)[]
  ? Array<Loose<Item>>
  : T extends object
    ? { [K in keyof T]: Loose<T[K]> | (undefined extends T[K] ? undefined : never) }
    : T;
