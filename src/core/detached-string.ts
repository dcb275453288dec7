// **detachedString** copies a string out of the text it was cut from, so that keeping it does not keep that text.

/**
 * V8 represents a substring of 13 characters or more (what `slice`, a parser's token or a regex match returns) as a
 * view into its parent string, which then lives as long as the substring does. A record key parsed out of a 500 kB
 * page and kept in a run's seen-keys map kept the whole page: a 100 k-dataset harvest held every page it had read
 * (~0.5 GB live at the end, ~1.7 GB of heap). Prepending one character makes a two-part string; slicing that flattens
 * it into a new string of the key's own length, and the result is a view into that copy only.
 */
export function detachedString(s: string): string {
  return (` ${s}`).slice(1);
}
