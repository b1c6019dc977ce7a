export * from './lib/certificate-files';
export * from './lib/server-certificates';
