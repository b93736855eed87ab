export type Catalogue = { [key: string]: string | Catalogue };

/**
 * A language's catalogue from its files, keyed by path (`…/en/invitation.json`): each file's keys
 * sit under its name.
 */
export function catalogue(files: Record<string, Catalogue>, language: string): Catalogue {
  const merged: Catalogue = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /([^/]+)\/([^/]+)\.json$/.exec(path);
    if (match && match[1] === language) merged[match[2]] = content;
  }
  return merged;
}
