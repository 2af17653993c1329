import { Hono } from 'hono';
import { startupApi } from '../../../shared/api/startup';
import type { AppEnv } from '../context';
import { on } from '../lib/route';

export const startupRoutes = new Hono<AppEnv>();

for (const ep of Object.values(startupApi)) on(startupRoutes, ep, () => []);
