// One-off "success" messages carried over a redirect in the query string (?done=KEY). The table is
// fixed text declared by the modules (their manifests' `flash`), the same in every instance.
const flashMessages = new Map<string, string>();

export function registerFlash(key: string, message: string): void {
  flashMessages.set(key, message);
}

export function flashMessage(key: string): string | undefined {
  return flashMessages.get(key);
}
