// Checks an API answer against the schema the served OpenAPI document gives for it (OpenAPI 3.1
// schemas are JSON Schema 2020-12), so the document cannot drift from what the routes send.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { App } from '../src/platform/server.js';

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> } | undefined> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation | undefined>> };

/** The problems with `body` as the answer of METHOD PATH with STATUS (an empty list when valid). */
export type AnswerCheck = (path: string, body: unknown, options?: { method?: string; status?: number }) => string[];

export async function openApiDocument(app: App): Promise<OpenApiDocument> {
  return (await app.inject('/api/v1/openapi.json')).json() as OpenApiDocument;
}

export async function openApiValidator(app: App): Promise<AnswerCheck> {
  const doc = await openApiDocument(app);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return (path, body, { method = 'get', status = 200 } = {}) => {
    const response = doc.paths[path]?.[method]?.responses[String(status)];
    const schema = response?.content?.['application/json']?.schema ?? response?.content?.['application/problem+json']?.schema;
    if (!schema) return [`${method.toUpperCase()} ${path} has no JSON schema for ${status} in the OpenAPI document`];
    const validate = ajv.compile(schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
