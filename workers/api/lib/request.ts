import type { Context } from 'hono';
import type { AppEnv } from '../context';

/**
 * The client's address. Only Cloudflare's own header is trusted: Cloudflare sets it on every
 * request and overwrites any copy a client sends; X-Forwarded-For is client-controlled.
 */
export function clientIp(c: Context): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

export function userAgent(c: Context): string | null {
  return c.req.header('user-agent') ?? null;
}

export const requestMeta = (c: Context) => ({ ip: clientIp(c), userAgent: userAgent(c) });

/** The calling account's id, or null for an anonymous or app-only caller. */
export const viewerId = (c: Context<AppEnv>): string | null => c.var.caller?.account?.id ?? null;
