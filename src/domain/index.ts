export * from './codebook.ts';
export * from './schemas.ts';
export * from './data-file.ts';
