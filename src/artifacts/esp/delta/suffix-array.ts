/**
 * Suffix array by prefix doubling that skips finished groups (Larsson and Sadakane's idea):
 * suffixes are kept in groups sharing their first h bytes; each round sorts only the groups with
 * more than one member, by the group of the suffix h bytes further on, and doubles h. A suffix's
 * rank is the last index of its group, so ranks order groups without renumbering the finished ones.
 * The end of the input sorts before any byte. No recursion; deterministic.
 */
export function suffixArray(s: Uint8Array): Int32Array {
  const n = s.length;
  const sa = new Int32Array(n);
  if (n === 0) return sa;
  const rank = new Int32Array(n);
  // First grouping by the first two bytes (a missing second byte sorts first): a counting sort.
  const buckets = 256 * 257;
  const first2 = (i: number): number => s[i]! * 257 + (i + 1 < n ? s[i + 1]! + 1 : 0);
  const count = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) count[first2(i) + 1]!++;
  for (let c = 1; c <= buckets; c++) count[c]! += count[c - 1]!;
  const start = Int32Array.from(count);
  for (let i = 0; i < n; i++) sa[start[first2(i)]!++] = i;
  // Open groups as [from, to) pairs; ranks are the group's last index.
  let open: number[] = [];
  for (let c = 0; c < buckets; c++) {
    const from = count[c]!;
    const to = count[c + 1]!;
    for (let j = from; j < to; j++) rank[sa[j]!] = to - 1;
    if (to - from > 1) open.push(from, to);
  }
  let keys = new Float64Array(0);
  for (let h = 2; open.length > 0 && h < n; h *= 2) {
    // Keys first, for every open group, so the round reads the ranks of the previous round only.
    let total = 0;
    for (let g = 0; g < open.length; g += 2) total += open[g + 1]! - open[g]!;
    if (keys.length < total) keys = new Float64Array(total);
    let k = 0;
    const m = n + 1;
    for (let g = 0; g < open.length; g += 2) {
      for (let j = open[g]!; j < open[g + 1]!; j++) {
        const i = sa[j]!;
        // (rank of the suffix h further, -1 past the end) then position: exact in a double for n < 2^26.
        keys[k++] = ((i + h < n ? rank[i + h]! : -1) + 1) * m + i;
      }
    }
    const next: number[] = [];
    k = 0;
    for (let g = 0; g < open.length; g += 2) {
      const from = open[g]!;
      const to = open[g + 1]!;
      const part = keys.subarray(k, k + (to - from));
      k += to - from;
      part.sort();
      for (let j = from; j < to; j++) sa[j] = part[j - from]! % m;
      // Split into runs of equal keys: each run is a new group ending at its last index.
      let runStart = from;
      for (let j = from; j < to; j++) {
        const key = Math.floor(part[j - from]! / m);
        const last = j + 1 === to || Math.floor(part[j + 1 - from]! / m) !== key;
        if (last) {
          for (let x = runStart; x <= j; x++) rank[sa[x]!] = j;
          if (j + 1 - runStart > 1) next.push(runStart, j + 1);
          runStart = j + 1;
        }
      }
    }
    open = next;
  }
  return sa;
}
