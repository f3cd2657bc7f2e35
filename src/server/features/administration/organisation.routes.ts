import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import {
  adminOrganisationSchema, adminUnitSchema, municipalityCreateSchema, municipalityParams, municipalityPatchSchema,
  regionCreateSchema, regionParams, regionPatchSchema, unitCreateSchema, unitParams, unitPatchSchema,
} from './administration.schemas.js';
import { createMunicipality, createRegion, createUnit, organisationOf, patchMunicipality, patchRegion, patchUnit } from './organisation.service.js';

const regionSchema = adminOrganisationSchema.shape.regions.element;
const municipalitySchema = adminOrganisationSchema.shape.municipalities.element;
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const config = { roles: ['admin' as const] };
const tags = ['admin'];

/**
 * The county's regions, municipalities and receiving units (issue 18), for its administrator:
 * everything within the county of the administrator's account; another county's object is a 404.
 */
export async function adminOrganisationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  r.get('/admin/organisation', {
    config, schema: { tags, summary: 'Regions with their municipalities, municipalities, receiving units (with how many active staff each has)', response: { 200: adminOrganisationSchema, ...errors } },
  }, async (req) => organisationOf(db(), currentUser(req).countyId));

  r.post('/admin/regions', {
    config, schema: { tags, summary: 'A new region; the municipalities listed move into it from any other region', body: regionCreateSchema, response: { 201: regionSchema, ...errors } },
  }, async (req, reply) => reply.code(201).send(await createRegion(db(), currentUser(req), req.body)));

  r.patch('/admin/regions/:code', {
    config, schema: {
      tags, summary: 'Rename a region, or set its municipalities',
      description: '`municipalities` is the region\'s whole list: those listed move into it from any other region (a municipality belongs to one region); those no longer listed are left without a region.',
      params: regionParams, body: regionPatchSchema, response: { 200: regionSchema, ...errors },
    },
  }, async (req) => patchRegion(db(), currentUser(req), req.params.code, req.body));

  r.post('/admin/municipalities', {
    config, schema: { tags, summary: 'A new municipality (official three-digit code), optionally in a region', body: municipalityCreateSchema, response: { 201: municipalitySchema, ...errors } },
  }, async (req, reply) => reply.code(201).send(await createMunicipality(db(), currentUser(req), req.body)));

  r.patch('/admin/municipalities/:code', {
    config, schema: { tags, summary: 'Rename a municipality or move it to another region (null: none)', params: municipalityParams, body: municipalityPatchSchema, response: { 200: municipalitySchema, ...errors } },
  }, async (req) => patchMunicipality(db(), currentUser(req), req.params.code, req.body));

  r.post('/admin/units', {
    config, schema: { tags, summary: 'A new receiving unit of an active service area', body: unitCreateSchema, response: { 201: adminUnitSchema, ...errors } },
  }, async (req, reply) => reply.code(201).send(await createUnit(db(), currentUser(req), req.body)));

  r.patch('/admin/units/:code', {
    config, schema: {
      tags, summary: 'Change a receiving unit: contact details, days to reach a client, inbox, service area; deactivate or activate',
      description: 'The unit that receives the social emergency service\'s hand-offs cannot be deactivated (409 `unit_in_use` on `body.active`).',
      params: unitParams, body: unitPatchSchema, response: { 200: adminUnitSchema, ...errors },
    },
  }, async (req) => patchUnit(db(), currentUser(req), req.params.code, req.body));
}
