// The readable API documentation at /api/docs: the OpenAPI document rendered as a plain page
// (no Swagger UI, works without JavaScript), one section per operation.
import type { App } from '../../../platform/web/index.js';

type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
};

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}

/** A schema in a few words: "text or null", "whole number, 1 to 100", "one of: a, b". */
export function describeSchema(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.anyOf) {
    const parts = schema.anyOf.filter((s) => s.type !== 'null').map(describeSchema);
    const nullable = schema.anyOf.some((s) => s.type === 'null');
    return `${parts.join(' or ')}${nullable ? ' or null' : ''}`;
  }
  if (schema.enum) return `one of: ${schema.enum.join(', ')}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  let text =
    type === 'integer'
      ? 'whole number'
      : type === 'string'
        ? schema.format === 'date-time'
          ? 'date and time (ISO 8601)'
          : 'text'
        : type === 'boolean'
          ? 'true or false'
          : type === 'array'
            ? `list of ${describeSchema(schema.items)}`
            : type === 'object'
              ? 'object'
              : (type ?? 'any');
  if (schema.minimum !== undefined && schema.maximum !== undefined && schema.maximum < 1e9) text += `, ${schema.minimum} to ${schema.maximum}`;
  if (schema.maxLength !== undefined) text += `, up to ${schema.maxLength} characters`;
  if (schema.default !== undefined) text += ` (default ${String(schema.default)})`;
  return text;
}

function fieldsOf(schema: Schema | undefined) {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    required: schema.required?.includes(name) ?? false,
    type: describeSchema(s),
    description: s.description ?? s.anyOf?.find((x) => x.description)?.description ?? '',
  }));
}

export async function registerApiDocs(app: App): Promise<void> {
  let cached: unknown = null;
  app.get('/api/docs', async (_request, reply) => {
    if (!cached) {
      const document = app.swagger() as { info?: { title?: string; description?: string }; paths?: Record<string, Record<string, OpenApiOperation>> };
      const operations = Object.entries(document.paths ?? {}).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => {
          const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
            const [contentType, media] = Object.entries(r.content ?? {})[0] ?? [];
            return { status, description: r.description ?? '', contentType: contentType ?? '', fields: status.startsWith('2') ? fieldsOf(media?.schema) : [] };
          });
          const body = op.requestBody?.content?.['application/json']?.schema;
          return {
            id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, ''),
            method: method.toUpperCase(),
            path: path.replace(/\{(\w+)\}/g, ':$1'),
            summary: op.summary ?? '',
            description: op.description ?? '',
            needsToken: Boolean(op.security?.length),
            parameters: (op.parameters ?? []).map((p) => ({
              name: p.name,
              in: p.in === 'path' ? 'address' : p.in === 'query' ? 'query' : p.in,
              required: p.required ?? false,
              type: describeSchema(p.schema),
              description: p.description ?? p.schema?.description ?? '',
            })),
            bodyFields: fieldsOf(body),
            responses,
          };
        }),
      );
      cached = { info: document.info ?? {}, operations };
    }
    return reply.render('registry/views/api-docs.njk', { title: 'API documentation', ...(cached as object) });
  });
}
