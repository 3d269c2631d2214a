/**
 * Cursor pages over small per-organisation collections (servers, grants, policies, tools,
 * versions), which the DAL returns whole and in a stable order. The cursor is the opaque key of the
 * last item of the previous page. The call log and admin events page in the database instead.
 */
import { AppError } from "@/lib/errors";

export const DEFAULT_API_PAGE = 50;

export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function paginateArray<T>({
  items,
  keyOf,
  cursor,
  limit = DEFAULT_API_PAGE,
}: {
  items: T[];
  keyOf: (item: T) => string;
  cursor?: string;
  limit?: number;
}): { items: T[]; nextCursor: string | null } {
  let start = 0;
  if (cursor) {
    const key = Buffer.from(cursor, "base64url").toString("utf8");
    const index = items.findIndex((item) => keyOf(item) === key);
    if (index === -1) {
      throw new AppError("validation_failed", "The cursor is unknown or its item was deleted; start again without a cursor.", {
        fieldErrors: { "query.cursor": ["Unknown cursor."] },
      });
    }
    start = index + 1;
  }
  const page = items.slice(start, start + limit);
  const last = page.at(-1);
  return { items: page, nextCursor: start + limit < items.length && last ? encodeCursor(keyOf(last)) : null };
}
