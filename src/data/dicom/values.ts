import { decodeText } from './charset';
import { tag } from './dictionary';
import type { DicomDataset, DicomElement } from './parse';

const latin1 = new TextDecoder('latin1');
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
/** VRs whose text follows Specific Character Set; the rest are ASCII by definition. */
const CHARSET_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

export const T = {
  SpecificCharacterSet: tag(0x0008, 0x0005),
  ImageType: tag(0x0008, 0x0008),
  SOPClassUID: tag(0x0008, 0x0016),
  SOPInstanceUID: tag(0x0008, 0x0018),
  StudyDate: tag(0x0008, 0x0020),
  SeriesDate: tag(0x0008, 0x0021),
  SeriesTime: tag(0x0008, 0x0031),
  AcquisitionTime: tag(0x0008, 0x0032),
  Modality: tag(0x0008, 0x0060),
  PatientName: tag(0x0010, 0x0010),
  PatientID: tag(0x0010, 0x0020),
  PatientWeight: tag(0x0010, 0x1030),
  SliceThickness: tag(0x0018, 0x0050),
  SpacingBetweenSlices: tag(0x0018, 0x0088),
  RadiopharmaceuticalInformationSequence: tag(0x0054, 0x0016),
  RadiopharmaceuticalStartTime: tag(0x0018, 0x1072),
  RadiopharmaceuticalStartDateTime: tag(0x0018, 0x1078),
  RadionuclideTotalDose: tag(0x0018, 0x1074),
  RadionuclideHalfLife: tag(0x0018, 0x1075),
  StudyInstanceUID: tag(0x0020, 0x000d),
  SeriesInstanceUID: tag(0x0020, 0x000e),
  InstanceNumber: tag(0x0020, 0x0013),
  ImagePositionPatient: tag(0x0020, 0x0032),
  ImageOrientationPatient: tag(0x0020, 0x0037),
  FrameOfReferenceUID: tag(0x0020, 0x0052),
  SamplesPerPixel: tag(0x0028, 0x0002),
  PhotometricInterpretation: tag(0x0028, 0x0004),
  NumberOfFrames: tag(0x0028, 0x0008),
  Rows: tag(0x0028, 0x0010),
  Columns: tag(0x0028, 0x0011),
  PixelSpacing: tag(0x0028, 0x0030),
  BitsAllocated: tag(0x0028, 0x0100),
  BitsStored: tag(0x0028, 0x0101),
  PixelRepresentation: tag(0x0028, 0x0103),
  PlanarConfiguration: tag(0x0028, 0x0006),
  RedPaletteColorLookupTableDescriptor: tag(0x0028, 0x1101),
  GreenPaletteColorLookupTableDescriptor: tag(0x0028, 0x1102),
  BluePaletteColorLookupTableDescriptor: tag(0x0028, 0x1103),
  RedPaletteColorLookupTableData: tag(0x0028, 0x1201),
  GreenPaletteColorLookupTableData: tag(0x0028, 0x1202),
  BluePaletteColorLookupTableData: tag(0x0028, 0x1203),
  SegmentedRedPaletteColorLookupTableData: tag(0x0028, 0x1221),
  BurnedInAnnotation: tag(0x0028, 0x0301),
  RescaleIntercept: tag(0x0028, 0x1052),
  RescaleSlope: tag(0x0028, 0x1053),
  RescaleType: tag(0x0028, 0x1054),
  Units: tag(0x0054, 0x1001),
  DecayCorrection: tag(0x0054, 0x1102),
  GridFrameOffsetVector: tag(0x3004, 0x000c),
  DoseGridScaling: tag(0x3004, 0x000e),
  DoseUnits: tag(0x3004, 0x0002),
  SharedFunctionalGroupsSequence: tag(0x5200, 0x9229),
  PerFrameFunctionalGroupsSequence: tag(0x5200, 0x9230),
  PixelMeasuresSequence: tag(0x0028, 0x9110),
  PlanePositionSequence: tag(0x0020, 0x9113),
  PlaneOrientationSequence: tag(0x0020, 0x9116),
  PixelValueTransformationSequence: tag(0x0028, 0x9145),
  FloatPixelData: tag(0x7fe0, 0x0008),
  DoubleFloatPixelData: tag(0x7fe0, 0x0009),
  PixelData: tag(0x7fe0, 0x0010),
  StructureSetROISequence: tag(0x3006, 0x0020),
  ROINumber: tag(0x3006, 0x0022),
  ROIName: tag(0x3006, 0x0026),
  ROIContourSequence: tag(0x3006, 0x0039),
  ReferencedROINumber: tag(0x3006, 0x0084),
  ContourSequence: tag(0x3006, 0x0040),
  ContourGeometricType: tag(0x3006, 0x0042),
  ContourData: tag(0x3006, 0x0050),
  PatientIdentityRemoved: tag(0x0012, 0x0062),
  DeidentificationMethod: tag(0x0012, 0x0063),
  DeidentificationMethodCodeSequence: tag(0x0012, 0x0064),
  CodeValue: tag(0x0008, 0x0100),
  CodingSchemeDesignator: tag(0x0008, 0x0102),
  CodeMeaning: tag(0x0008, 0x0104),
  MediaStorageSOPInstanceUID: tag(0x0002, 0x0003),
} as const;

/** An element's text: decoded with the character set for person names and free text, trailing padding removed. */
export function elementText(el: DicomElement, charset = ''): string {
  const s = CHARSET_VRS.has(el.vr) ? decodeText(el.value, charset) : latin1.decode(el.value);
  const trimmed = s.replace(/[\0 ]+$/, '').replace(/^ +/, '');
  // A person name's empty trailing component groups ("Wang^XiaoDong=王^小东=") carry nothing.
  return el.vr === 'PN' ? trimmed.replace(/=+$/, '') : trimmed;
}

export const isTextVR = (vr: string) => TEXT_VRS.has(vr);

export function str(ds: DicomDataset, t: number, charset = ''): string | undefined {
  const el = ds.elements.get(t);
  if (!el || el.items || el.fragments) return undefined;
  return elementText(el, charset);
}

/** Numbers of an element, whatever its VR: DS/IS text, or binary US/SS/UL/SL/FL/FD. */
export function nums(ds: DicomDataset, t: number): number[] | undefined {
  const el = ds.elements.get(t);
  if (!el || el.items || el.fragments) return undefined;
  const v = new DataView(el.value.buffer, el.value.byteOffset, el.value.byteLength);
  const le = ds.littleEndian;
  const read = (size: number, get: (at: number) => number) => Array.from({ length: Math.floor(el.value.length / size) }, (_, i) => get(i * size));
  switch (el.vr) {
    case 'US': return read(2, (a) => v.getUint16(a, le));
    case 'SS': return read(2, (a) => v.getInt16(a, le));
    case 'UL': return read(4, (a) => v.getUint32(a, le));
    case 'SL': return read(4, (a) => v.getInt32(a, le));
    case 'FL': case 'OF': return read(4, (a) => v.getFloat32(a, le));
    case 'FD': case 'OD': return read(8, (a) => v.getFloat64(a, le));
    default: {
      const s = latin1.decode(el.value).replace(/[\0 ]+$/, '').trim();
      if (s === '') return [];
      return s.split('\\').map((x) => Number(x.trim()));
    }
  }
}

export function num(ds: DicomDataset, t: number): number | undefined {
  const n = nums(ds, t)?.[0];
  return n === undefined || Number.isNaN(n) ? undefined : n;
}

export function items(ds: DicomDataset, t: number): DicomDataset[] {
  return ds.elements.get(t)?.items ?? [];
}

/** A value looked up at the top level, then in the shared functional groups' macro `macro`. */
export function fromFunctionalGroups(ds: DicomDataset, macro: number, t: number, frame?: number): number[] | undefined {
  const top = nums(ds, t);
  if (top && top.length > 0) return top;
  if (frame !== undefined) {
    const perFrame = items(ds, T.PerFrameFunctionalGroupsSequence)[frame];
    const v = perFrame && items(perFrame, macro)[0];
    const found = v && nums(v, t);
    if (found && found.length > 0) return found;
  }
  const shared = items(ds, T.SharedFunctionalGroupsSequence)[0];
  const m = shared && items(shared, macro)[0];
  const found = m && nums(m, t);
  if (found && found.length > 0) return found;
  if (frame === undefined) {
    const first = items(ds, T.PerFrameFunctionalGroupsSequence)[0];
    const m0 = first && items(first, macro)[0];
    const f0 = m0 && nums(m0, t);
    if (f0 && f0.length > 0) return f0;
  }
  return undefined;
}
