import dcmjs from 'dcmjs';

interface Entry { vr: string; name: string }
const dictionary = dcmjs.data.DicomMetaDictionary.dictionary;

/** A tag as one number: group << 16 | element. */
export const tag = (group: number, element: number) => ((group << 16) | element) >>> 0;
export const groupOf = (t: number) => t >>> 16;
export const elementOf = (t: number) => t & 0xffff;
export const isPrivate = (t: number) => (groupOf(t) & 1) === 1;

/** "(0010,0010)" */
export function tagString(t: number): string {
  const h = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `(${h(groupOf(t))},${h(elementOf(t))})`;
}

const KNOWN_VRS = new Set('AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '));
export const isVR = (vr: string) => KNOWN_VRS.has(vr);

/** The dictionary entry (from dcmjs's copy of PS3.6) for a tag; repeating groups 50xx/60xx map to 5000/6000. */
function entry(t: number): Entry | undefined {
  let g = groupOf(t);
  if ((g & 0xff00) === 0x5000 || (g & 0xff00) === 0x6000) g &= 0xff00;
  return dictionary[tagString(tag(g, elementOf(t)))];
}

/** The VR an implicit-VR file leaves out, from the data dictionary; ambiguous ones resolved as PS3.5 A.1 does for implicit little endian. */
export function dictionaryVR(t: number): string {
  if (elementOf(t) === 0) return 'UL';
  if (isPrivate(t)) return elementOf(t) >= 0x10 && elementOf(t) <= 0xff ? 'LO' : 'UN';
  const vr = entry(t)?.vr;
  if (!vr) return 'UN';
  if (isVR(vr)) return vr;
  if (vr === 'xs') return 'US';
  if (vr === 'ox' || vr === 'lt' || vr.includes('OW')) return 'OW';
  return 'UN';
}

/** The keyword (e.g. "PatientName") or the tag string when unknown. */
export function tagName(t: number): string {
  if (isPrivate(t)) return `private ${tagString(t)}`;
  return entry(t)?.name.replace(/^RETIRED_/, '') ?? tagString(t);
}
