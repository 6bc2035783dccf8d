/** Seeded generators of SYNTHETIC medical sample data, one per task; none of it comes from patients. */
export * from './brain-age';
export * from './dose';
export * from './fundus';
export * from './glioma';
export * from './pet-ct';
