// Test data shared by the Node peers.

// Data whose repeats lie 3,000 bytes apart: beyond a 512-byte window, within a 32 KiB one.
export function farRepeats(size) {
  let seed = 7;
  const next = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed >>> 16; };
  const randomBytes = (n) => Buffer.from(Array.from({ length: n }, () => next() & 0xff));
  const block = randomBytes(1000);
  const parts = [];
  let total = 0;
  while (total < size) {
    const part = Buffer.concat([block, randomBytes(2000)]);
    parts.push(part);
    total += part.length;
  }
  return Buffer.concat(parts).subarray(0, size);
}
