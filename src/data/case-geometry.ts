import type { DataStep } from '../core';
import { DOSE_CHANNELS } from './synthetic/dose';
import { PET_CT_CHANNELS } from './synthetic/pet-ct';

/**
 * What the data steps tell about the cases' grid and channels, for sets that do not record their spacing:
 * the source's spacing, unless a later step changes the grid by a factor the plan does not record.
 */
export function caseGeometry(steps: readonly DataStep[]): { spacing: number[] | null; channelNames?: string[] } {
  const source = steps[0];
  const resized = steps.some((s) => s.type === 'Resize' || s.type === 'Resample');
  switch (source?.type) {
    case 'VolumeFolder': {
      const spacing = source.params.spacing as number[] | null | undefined;
      return { spacing: !resized && Array.isArray(spacing) ? spacing : null, channelNames: source.params.modalities as string[] | undefined };
    }
    case 'SampleDose':
      // sampleDose's fall-off is computed on 4 mm voxels.
      return { spacing: resized ? null : [4, 4, 4], channelNames: [...DOSE_CHANNELS] };
    case 'SamplePetCt':
      return { spacing: null, channelNames: [...PET_CT_CHANNELS] };
    default:
      return { spacing: null };
  }
}
