/**
 * Decoding of DICOM text in the character set that Specific Character Set (0008,0005) names. Chinese data
 * comes as GB18030, GBK or ISO 2022 IR 58 (GB 2312 through escape sequences): all three decode with the
 * WHATWG 'gb18030' decoder once ISO 2022 escape sequences are removed.
 */
const LABELS: Record<string, string> = {
  '': 'latin1', 'ISO_IR 6': 'latin1', 'ISO 2022 IR 6': 'latin1',
  'ISO_IR 100': 'latin1', 'ISO 2022 IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2', 'ISO_IR 109': 'iso-8859-3', 'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5', 'ISO_IR 127': 'iso-8859-6', 'ISO_IR 126': 'iso-8859-7', 'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'windows-1254', 'ISO_IR 166': 'windows-874', 'ISO_IR 13': 'shift_jis', 'ISO 2022 IR 13': 'shift_jis',
  'ISO 2022 IR 87': 'iso-2022-jp', 'ISO 2022 IR 149': 'euc-kr',
  'ISO_IR 192': 'utf-8', GB18030: 'gb18030', GBK: 'gb18030', 'ISO 2022 IR 58': 'gb18030',
};

/** The TextDecoder label for a Specific Character Set value (all its values, separated by backslashes). */
export function decoderLabel(specificCharacterSet: string): string {
  const terms = specificCharacterSet.split('\\').map((s) => s.trim());
  // A multi-valued set uses ISO 2022 code extensions; the non-ASCII term decides the decoder.
  const main = terms.find((t) => t !== '' && t !== 'ISO 2022 IR 6') ?? terms[0] ?? '';
  return LABELS[main] ?? 'latin1';
}

const decoders = new Map<string, TextDecoder>();
function decoder(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = new TextDecoder('latin1');
    }
    decoders.set(label, d);
  }
  return d;
}

/** Decodes text bytes; ISO 2022 escape sequences are dropped first for the GB and Korean sets. */
export function decodeText(bytes: Uint8Array, specificCharacterSet = ''): string {
  const label = decoderLabel(specificCharacterSet);
  let b = bytes;
  if ((label === 'gb18030' || label === 'euc-kr') && b.includes(0x1b)) b = stripEscapes(b);
  return decoder(label).decode(b);
}

function stripEscapes(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x1b) {
      // ESC then intermediate bytes (0x20–0x2F) then one final byte.
      i++;
      while (i < b.length && b[i]! >= 0x20 && b[i]! <= 0x2f) i++;
      continue;
    }
    out.push(b[i]!);
  }
  return Uint8Array.from(out);
}
