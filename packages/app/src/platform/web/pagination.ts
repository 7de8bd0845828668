// Links between the pages of a list, in the shape the NHS.UK pagination macro takes, and query
// strings built from the values that are set.

/** Numbered pages for the NHS.UK pagination macro: first, last, and two either side of the current. */
export function paginationOf(page: number, pageSize: number, total: number, hrefFor: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
      if (n - last > 1) items.push({ ellipsis: true });
      items.push({ number: n, href: hrefFor(n), current: n === page });
      last = n;
    }
  }
  return {
    items,
    previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
    next: page < pages ? { href: hrefFor(page + 1) } : undefined,
  };
}

/** A query string from the values that are set ('' when none). */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
