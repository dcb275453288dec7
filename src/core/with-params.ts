// **withParams** returns a URL with query parameters set (replacing any of the same name), leaving the rest as given.
export function withParams(base: string | URL, params: Readonly<Record<string, string>>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}
