/**
 * Whether a path is in a listing, without a Set of the whole listing: building one costs ~15 ms and
 * 100,000 entries of memory at 100,000 files, and a check asks about a few dozen paths, most of them at
 * the root. Root names come from a small set of the root's files; a deeper path is found by binary
 * search in the listing, which every source gives sorted (RepositorySource.listFiles), checked once on
 * the first such question (a listing that is not sorted gets a Set instead) unless the source that made
 * it has checked already (markSorted).
 */
export interface PathLookup {
  has(path: string): boolean;
}

/**
 * Listings their source checked, with a sample of their entries: the array is shared with the
 * source's callers, and one that sorts it again its own way (a library caller) changes the sample,
 * so the lookup checks the order again instead of searching an array that is no longer in order.
 */
const checkedSorted = new WeakMap<readonly string[], string>();

function fingerprint(files: readonly string[]): string {
  const samples: string[] = [String(files.length)];
  for (let step = 0; step <= 8 && files.length > 0; step++) samples.push(files[Math.floor(((files.length - 1) * step) / 8)] as string);
  return samples.join('\0');
}

/** Says that `files` is sorted (its source checked, or sorted it): no lookup checks again while it stays as it is. */
export function markSorted<T extends readonly string[]>(files: T): T {
  checkedSorted.set(files, fingerprint(files));
  return files;
}

/**
 * A source's listing in order, marked so: sorted in place only when it is not in order already (git
 * lists tracked files in order; sorting 100,000 paths again costs more than checking them).
 */
export function sortedListing(files: string[]): string[] {
  return markSorted(isSorted(files) ? files : files.sort());
}

export function pathLookup(files: readonly string[]): PathLookup {
  let root: ReadonlySet<string> | undefined;
  let deep: ((path: string) => boolean) | undefined;
  return {
    has(path: string): boolean {
      if (!path.includes('/')) {
        root ??= new Set(files.filter((file) => !file.includes('/')));
        return root.has(path);
      }
      deep ??= checkedSorted.get(files) === fingerprint(files) || isSorted(files) ? (wanted) => binarySearch(files, wanted) : setLookup(files);
      return deep(path);
    },
  };
}

function setLookup(files: readonly string[]): (path: string) => boolean {
  const all = new Set(files);
  return (path) => all.has(path);
}

function isSorted(files: readonly string[]): boolean {
  for (let index = 1; index < files.length; index++) if ((files[index - 1] as string) > (files[index] as string)) return false;
  return true;
}

function binarySearch(files: readonly string[], wanted: string): boolean {
  let low = 0;
  let high = files.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = files[middle] as string;
    if (value === wanted) return true;
    if (value < wanted) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
