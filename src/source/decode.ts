/**
 * Turns bytes into text the way a reviewer's editor would: honour a UTF-8 or UTF-16 byte-order mark,
 * refuse to decode binary data (NUL bytes in the first 8 KiB), replace invalid UTF-8 sequences.
 */
export interface DecodedText {
  text: string;
  binary: boolean;
}

const SNIFF_BYTES = 8192;

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), binary: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), binary: false };
  }
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const sniffEnd = Math.min(bytes.length, start + SNIFF_BYTES);
  for (let index = start; index < sniffEnd; index++) {
    if (bytes[index] === 0) return { text: '', binary: true };
  }
  return { text: new TextDecoder('utf-8').decode(bytes.subarray(start)), binary: false };
}
