/** The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json. */
import { TOOL_VERSION } from '../version.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const paging = [
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
];
const list = (item: string) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref(item) }, total: { type: 'integer' }, offset: { type: 'integer' }, limit: { type: 'integer' } } });
const errors = { '400': { description: 'invalid input', ...json(ref('Error')) }, '401': { description: 'no or unknown token', ...json(ref('Error')) }, '403': { description: 'read-only token or public server', ...json(ref('Error')) }, '404': { description: 'not found', ...json(ref('Error')) } };
const read = [{ bearer: ['read'] }];
const write = [{ bearer: ['write'] }];

export function openApiDocument(publicMode: boolean): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'souverain server API',
      version: TOOL_VERSION,
      description: `Monitored sites, their audits, what changed, organisations reached, webhooks. Tokens: \`souverain serve token create --scope read|write\` or the Tokens page; send \`Authorization: Bearer <token>\`.${publicMode ? ' This server runs in public read-only mode: GET needs no token, writes are refused.' : ''}`,
    },
    servers: [{ url: '/' }],
    security: publicMode ? [] : read,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (sov_…), scope read or write' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Verdict: { type: ['string', 'null'], enum: ['sovereign', 'not-sovereign', 'inconclusive', null] },
        Site: {
          type: 'object', required: ['id', 'url', 'name'],
          properties: {
            id: { type: 'integer' }, url: { type: 'string', format: 'uri' }, name: { type: 'string' }, group: { type: 'string' },
            tags: { type: 'array', items: { type: 'string' } }, policy: { type: 'string' }, consent: { type: 'array', items: { enum: ['none', 'reject', 'accept'] } },
            journey: { type: ['string', 'null'] }, schedule: { type: ['string', 'null'], description: 'daily, weekly or a cron expression (UTC)' },
            nextAuditAt: { type: ['string', 'null'], format: 'date-time' }, lastAuditId: { type: ['integer', 'null'] }, lastAuditAt: { type: ['string', 'null'], format: 'date-time' }, verdict: ref('Verdict'),
          },
        },
        SiteInput: {
          type: 'object', required: ['url'],
          properties: { url: { type: 'string' }, name: { type: 'string' }, group: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, policy: { type: 'string' }, consent: { type: 'array', items: { enum: ['none', 'reject', 'accept'] } }, journey: { type: 'string' }, schedule: { type: 'string' } },
        },
        Audit: {
          type: 'object', required: ['id', 'siteId', 'status'],
          properties: {
            id: { type: 'integer' }, siteId: { type: 'integer' }, status: { enum: ['queued', 'running', 'done', 'failed'] }, origin: { enum: ['server', 'schedule', 'upload'] },
            verdict: ref('Verdict'), error: { type: ['string', 'null'] }, refused: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' }, reason: { type: 'string' } } } },
            createdAt: { type: 'string', format: 'date-time' }, startedAt: { type: ['string', 'null'] }, finishedAt: { type: ['string', 'null'] },
          },
        },
        Changes: { type: 'object', properties: { previousAuditId: { type: ['integer', 'null'] }, since: { type: ['string', 'null'] }, changes: { type: 'array', items: { type: 'string' } }, diff: { type: ['object', 'null'], description: 'souverain diff --format json' } } },
        Organisation: { type: 'object', properties: { organisation: { type: 'string' }, name: { type: 'string' }, jurisdiction: { type: 'string' }, laws: { type: 'string' }, sites: { type: 'integer' } } },
        Webhook: { type: 'object', properties: { id: { type: 'integer' }, url: { type: 'string' }, created_at: { type: 'string' } } },
        Delivery: { type: 'object', properties: { id: { type: 'integer' }, webhook_id: { type: 'integer' }, audit_id: { type: 'integer' }, event: { type: 'string' }, status: { enum: ['pending', 'delivered', 'failed'] }, attempts: { type: 'integer' }, last_error: { type: ['string', 'null'] } } },
        Report: { type: 'object', description: 'A souverain JSON report (schemas/report.schema.json)' },
      },
    },
    paths: {
      '/api/sites': {
        get: { summary: 'List monitored sites', parameters: [...paging, ...['q', 'verdict', 'group', 'tag'].map((name) => ({ name, in: 'query', schema: { type: 'string' } }))], responses: { '200': { description: 'a page of sites', ...json(list('Site')) }, ...errors } },
        post: { summary: 'Add a site', security: write, requestBody: { required: true, ...json(ref('SiteInput')) }, responses: { '201': { description: 'created', ...json(ref('Site')) }, ...errors } },
      },
      '/api/sites/{id}': {
        get: { summary: 'One site', parameters: [idParam], responses: { '200': { description: 'the site', ...json(ref('Site')) }, ...errors } },
        delete: { summary: 'Stop monitoring a site (its audits go too)', security: write, parameters: [idParam], responses: { '204': { description: 'deleted' }, ...errors } },
      },
      '/api/sites/{id}/audits': {
        get: { summary: 'Timeline of a site', parameters: [idParam, ...paging], responses: { '200': { description: 'a page of audits, newest first', ...json(list('Audit')) }, ...errors } },
        post: { summary: 'Audit now', security: write, parameters: [idParam], responses: { '202': { description: 'queued', ...json(ref('Audit')) }, '409': { description: 'already queued or running', ...json(ref('Error')) }, ...errors } },
      },
      '/api/audits/{id}': { get: { summary: 'One audit', parameters: [idParam], responses: { '200': { description: 'the audit', ...json(ref('Audit')) }, ...errors } } },
      '/api/audits/{id}/report': { get: { summary: 'The audit\'s full JSON report (evidence)', parameters: [idParam], responses: { '200': { description: 'report', ...json(ref('Report')) }, ...errors } } },
      '/api/audits/{id}/changes': { get: { summary: 'What changed since the previous audit', parameters: [idParam], responses: { '200': { description: 'changes in plain words and the diff', ...json(ref('Changes')) }, ...errors } } },
      '/api/organisations': { get: { summary: 'Organisations behind the latest audits and how many sites each reaches', responses: { '200': { description: 'organisations', ...json(list('Organisation')) }, ...errors } } },
      '/api/webhooks': {
        get: { summary: 'Webhooks', responses: { '200': { description: 'webhooks', ...json(list('Webhook')) }, ...errors } },
        post: { summary: 'Add a webhook (JSON POST with a `text` field: Slack, Mattermost, Matrix hookshot)', security: write, requestBody: { required: true, ...json({ type: 'object', required: ['url'], properties: { url: { type: 'string' } } }) }, responses: { '201': { description: 'created', ...json(ref('Webhook')) }, ...errors } },
      },
      '/api/webhooks/{id}': { delete: { summary: 'Remove a webhook', security: write, parameters: [idParam], responses: { '204': { description: 'deleted' }, ...errors } } },
      '/api/deliveries': { get: { summary: 'Webhook delivery log', parameters: paging, responses: { '200': { description: 'deliveries, newest first', ...json(list('Delivery')) }, ...errors } } },
      '/api/reports': { post: { summary: 'Upload a report (souverain audit --upload URL --token T)', security: write, requestBody: { required: true, ...json(ref('Report')) }, responses: { '201': { description: 'stored in its site\'s timeline', ...json(ref('Audit')) }, '413': { description: 'larger than 50 MB' }, ...errors } } },
    },
  };
}
