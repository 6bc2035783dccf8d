import type { DicomDataset } from './parse';
import { items, num, str, T } from './values';

/** Seconds since midnight of a DICOM TM (HHMMSS.FFFFFF) or the time part of a DT. */
export function seconds(tm: string | undefined): number | undefined {
  if (!tm) return undefined;
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?/.exec(tm.trim());
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0);
}

/**
 * The factor from Bq/ml to SUV body weight: weight (g) / (injected dose decayed to the series start).
 * Needs Units BQML, Decay Correction START or ADMIN, Patient's Weight, the total dose, its half-life and
 * start time. Returns undefined (values stay in Bq/ml) when any is missing.
 */
export function suvFactor(ds: DicomDataset): { factor: number; reason: string } | undefined {
  if (str(ds, T.Modality) !== 'PT') return undefined;
  if ((str(ds, T.Units) ?? '').toUpperCase() !== 'BQML') return undefined;
  const weight = num(ds, T.PatientWeight);
  const rp = items(ds, T.RadiopharmaceuticalInformationSequence)[0];
  if (!rp || !weight || weight <= 0) return undefined;
  const dose = num(rp, T.RadionuclideTotalDose);
  const halfLife = num(rp, T.RadionuclideHalfLife);
  if (!dose || dose <= 0 || !halfLife || halfLife <= 0) return undefined;
  const correction = (str(ds, T.DecayCorrection) ?? '').toUpperCase();
  let decayed = dose;
  if (correction === 'START') {
    const start = seconds(str(rp, T.RadiopharmaceuticalStartDateTime)?.slice(8)) ?? seconds(str(rp, T.RadiopharmaceuticalStartTime));
    const series = seconds(str(ds, T.SeriesTime)) ?? seconds(str(ds, T.AcquisitionTime));
    if (start === undefined || series === undefined) return undefined;
    let elapsed = series - start;
    if (elapsed < 0) elapsed += 24 * 3600;
    decayed = dose * Math.exp((-Math.LN2 * elapsed) / halfLife);
  } else if (correction !== 'ADMIN') {
    return undefined;
  }
  return { factor: (weight * 1000) / decayed, reason: `SUVbw: weight ${weight} kg, dose ${dose} Bq, decay ${correction}` };
}
