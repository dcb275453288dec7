// **datasetPageId** names a dataset's page `/datasets/{id}`: the search key `{feed}/{record key}`, URI-encoded into one path segment.

/** The public id of a search hit's dataset page, `/datasets/{id}`. */
export const datasetPageId = (searchKey: string): string => encodeURIComponent(searchKey);

/** The feed and record key a (decoded) dataset page id names, or undefined when it names none. */
export function splitDatasetId(id: string): { feedId: string; key: string } | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  return { feedId: id.slice(0, slash), key: id.slice(slash + 1) };
}
