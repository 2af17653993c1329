/** This server's settings (Mastodon's /api/v2/instance), read once per page load: they change only with a deployment. */
import { request } from './http';
import type { Instance } from './types';

let instance: Promise<Instance> | undefined;

export function getInstance(): Promise<Instance> {
  instance ??= request<Instance>('/api/v2/instance').catch((err: unknown) => {
    // A failed read is asked again next time rather than remembered.
    instance = undefined;
    throw err;
  });
  return instance;
}
