import { Hono } from 'hono';
import { authApi } from '../../../shared/api/auth';
import type { AppEnv } from '../context';
import { on } from '../lib/route';

/** Social login (Google, Facebook, Apple); providers without credentials are not offered. */
export const socialRoutes = new Hono<AppEnv>();

on(socialRoutes, authApi.socialProviders, () => ({ providers: [] }));
