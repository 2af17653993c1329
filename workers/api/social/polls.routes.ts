import { Hono } from 'hono';
import { pollsApi } from '../../../shared/api/polls';
import type { AppEnv } from '../context';
import { viewerId } from '../lib/request';
import { on } from '../lib/route';
import { getPoll, vote } from './polls.service';

export const pollsRoutes = new Hono<AppEnv>();

on(pollsRoutes, pollsApi.get, async (c, { params }) => getPoll(c.var, viewerId(c), params.id));
on(pollsRoutes, pollsApi.vote, async (c, { params, body }) => vote(c.var, c.var.caller!.account!, params.id, body.choices));
